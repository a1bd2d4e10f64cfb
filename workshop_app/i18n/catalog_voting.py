"""Messages of the voting server and its app-side client: id → (German, English)."""

from __future__ import annotations

VOTING_MESSAGES: dict[str, tuple[str, str]] = {
    "cli.help.export_all_questions": (
        "im Fragen-CSV auch die nie freigegebenen Fragen (ausgeblendete nie)",
        "the questions CSV also lists questions never approved (hidden ones never)",
    ),
}
