"""Generated decks of any size, shared by the benchmark and the round-trip test."""

from __future__ import annotations

POLL_TYPES = ("single", "multiple", "scale", "text", "ranking")


def poll_block(number: int) -> str:
    kind = POLL_TYPES[number % len(POLL_TYPES)]
    lines = ["```poll", f"id: umfrage-{number}", f"type: {kind}", f"question: Frage {number}?"]
    if kind in ("single", "multiple", "ranking"):
        lines.append("options: [Ja, Nein, Vielleicht, Weiß nicht]")
    if kind == "multiple":
        lines.append("max_choices: 2")
    if kind == "scale":
        lines += ["min: 1", "max: 5", "labels: [wenig, viel]"]
    if kind == "text":
        lines.append("max_length: 140")
    return "\n".join([*lines, "```"])


def slide_body(number: int) -> str:
    """A realistic slide: heading, bullets with nesting, emphasis, a note; some with more."""
    parts = [
        f"## Folie {number}: Social Media im Mittelstand",
        "",
        f"- These {number} mit **Betonung** und *Kursivschrift*",
        "  - Unterpunkt mit [Link](https://example.org) und `Code`",
        "- Noch ein Punkt, etwas länger, damit die Zeile realistisch ist",
        "",
        f"<!-- Sprechernotiz zu Folie {number}: Zahl nennen, Quelle zeigen. -->",
    ]
    if number % 5 == 0:
        parts += [
            "",
            "| Früher | Heute |",
            "|:--|--:|",
            "| Budget | Haltung |",
            "| Prospekt | Dialog |",
        ]
    if number % 7 == 0:
        parts += ["", "> Ein Zitat, das zum Nachdenken anregt.", "", "1. erstens", "2. zweitens"]
    if number % 10 == 3:
        parts += ["", poll_block(number)]
    return "\n".join(parts)


def generated_deck(slides: int) -> tuple[str, list[tuple[int, str]]]:
    """Deck source and, per slide, its expected (line, title)."""
    lines = ["---", "title: Generiert", "lang: de", "duration: 60", "aspect: 16:9", "---", ""]
    expected: list[tuple[int, str]] = []
    for number in range(1, slides + 1):
        if number > 1:
            lines += ["---", ""]
        body = slide_body(number)
        expected.append((len(lines) + 1, body.splitlines()[0].removeprefix("## ")))
        lines += [*body.splitlines(), ""]
    return "\n".join(lines), expected
