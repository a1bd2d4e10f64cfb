"""Messages of the recovery (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

RECOVERY_MESSAGES: dict[str, tuple[str, str]] = {}
