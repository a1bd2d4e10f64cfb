"""Messages of the voting server and its app-side client: id → (German, English)."""

from __future__ import annotations

VOTING_MESSAGES: dict[str, tuple[str, str]] = {}
