"""An evening for the tests and benchmarks: a program of talks, each deck with a poll.

Every talk's poll has the same id (`FRAGE`), so a test sees that each talk keeps its
own votes: the same poll id in two talks is two polls in two session files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workshop_app.session.program import Program, Talk, save_program

FRAGE = "frage"  # each talk's one poll: single, Ja / Nein / Vielleicht
OPTIONS = ("Ja", "Nein", "Vielleicht")
DAY = date(2026, 12, 7)
SPEAKERS = ("Anna Muster", "Bernd Beispiel", "Clara Probe", "Dora Nachtrag", "Emil Zugabe")


def talk_deck(folder: Path, number: int) -> Path:
    """`vortrag-N.md`: a title slide, the poll, a closing slide."""
    path = folder / f"vortrag-{number}.md"
    path.write_text(
        f"---\ntitle: Vortrag {number}\nlang: de\n---\n\n# Vortrag {number}\n\n---\n\n"
        f"## Frage {number}\n\n```poll\nid: {FRAGE}\ntype: single\n"
        f"question: Frage zu Vortrag {number}?\noptions: [{', '.join(OPTIONS)}]\n```\n\n"
        f"---\n\n# Danke, Vortrag {number}\n",
        encoding="utf-8",
    )
    return path


def evening_program(folder: Path, talks: int = 3, name: str = "abend") -> Path:
    """`NAME.impuls-abend` in `folder` with `talks` talks (decks written beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = Program(
        "Jahresversammlung",
        DAY,
        "Vereinsheim",
        tuple(
            Talk(talk_deck(folder, n).name, SPEAKERS[(n - 1) % len(SPEAKERS)])
            for n in range(1, talks + 1)
        ),
    )
    path = folder / f"{name}.impuls-abend"
    save_program(path, program)
    return path


def add_talk(path: Path, number: int) -> Talk:
    """Add talk `number` (its deck written) at the end of the program in `path`."""
    from workshop_app.session.program import load_program

    talk = Talk(talk_deck(path.parent, number).name, SPEAKERS[(number - 1) % len(SPEAKERS)])
    save_program(path, load_program(path).added(talk))
    return talk
