"""Messages of the phone and remote pages: id → (German, English)."""

from __future__ import annotations

PHONE_MESSAGES: dict[str, tuple[str, str]] = {}
