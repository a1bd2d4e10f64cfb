"""Messages of the new talk (preparing a talk in the app): id → (German, English)."""

from __future__ import annotations

NEW_TALK_MESSAGES: dict[str, tuple[str, str]] = {}
