"""Messages of slide rendering on screen, paper and phone: id → (German, English)."""

from __future__ import annotations

RENDERING_MESSAGES: dict[str, tuple[str, str]] = {}
