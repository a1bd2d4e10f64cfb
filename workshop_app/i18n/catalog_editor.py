"""Messages of the editor (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

EDITOR_MESSAGES: dict[str, tuple[str, str]] = {}
