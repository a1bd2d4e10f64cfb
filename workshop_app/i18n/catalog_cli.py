"""Messages of the command line (usage, Ctrl-C): id → (German, English)."""

from __future__ import annotations

CLI_MESSAGES: dict[str, tuple[str, str]] = {}
