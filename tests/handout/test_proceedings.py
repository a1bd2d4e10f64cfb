"""The proceedings (Tagungsband): `impuls export PROGRAM --pdf`, one handout for the
evening, read back with pypdf; `verify` reads each talk's part as its handout."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from tests.support.commands import impuls
from tests.support.decks import SINGLE
from tests.support.evenings import evening_program
from tests.support.sessions import evening
from workshop_app.handout.minutes import MinutesSource
from workshop_app.handout.proceedings import build_proceedings
from workshop_app.session.motion import CardCount
from workshop_app.session.program import load_program
from workshop_app.session.snapshot import open_snapshot


def pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def test_the_proceedings_hold_every_held_talk_and_verify_reads_each(tmp_path: Path) -> None:
    program, first, second = evening(tmp_path)
    pdf = tmp_path / "tagungsband.pdf"
    made = impuls("export", program, "--pdf", pdf)
    assert made.returncode == 0, made.stderr
    said = pages(pdf)
    text = " ".join(said)
    assert said[0].startswith("Jahresversammlung 2026 Tagungsband 07.12.2026 Vereinsheim am Markt")
    assert "Inhalt" in said[1]
    assert (
        "Programm 1. Begrüßung (Anna Muster) 2. Kassenbericht (Bernd Beispiel)"
        " 3. ausblick (Carla Chor) – keine Sitzungsdatei (nicht gehalten)"
    ) in text
    opening = [
        n
        for n, page in enumerate(said)
        if page.startswith(
            (
                "Jahresversammlung 2026 · Vereinsheim am Markt · 07.12.2026 1. Begrüßung",
                "Jahresversammlung 2026 · Vereinsheim am Markt · 07.12.2026 2. Kassenbericht",
            )
        )
    ]
    assert len(opening) == 2, said
    assert "1. Begrüßung von Anna Muster 3 Handys haben abgestimmt" in said[opening[0]]
    welcome = " ".join(said[opening[0] : opening[1]])
    treasury = " ".join(said[opening[1] :])
    assert "Folie 1: Probevortrag" in welcome and "Folie 1: Probevortrag" in treasury
    assert "Stimmen: 3 von 3 Geräten" in welcome and "Stimmen: 5 von 5 Geräten" in treasury
    assert "Mittelwert 5,0 · Median 5,0" in treasury and "Mittelwert" not in welcome
    for session in (first, second):
        assert open_snapshot(session).digest in text
    assert said[-1].startswith(
        "Jahresversammlung 2026 · Vereinsheim am Markt · 07.12.2026 Teilnahme"
        " 1. Begrüßung: 3 Handys haben abgestimmt"
    )
    assert "3. ausblick: keine Sitzungsdatei (nicht gehalten)" in said[-1]
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and "impuls-proceedings" in str(metadata["/Keywords"])
    for session in (first, second):
        checked = impuls("verify", session, pdf)
        assert checked.returncode == 0, checked.stderr
    checked = impuls("verify", program, pdf)
    assert checked.returncode == 0 and checked.stdout.count("Stimmt überein") == 2


def test_verify_finds_a_talks_changed_vote_in_the_proceedings(tmp_path: Path) -> None:
    program, first, second = evening(tmp_path)
    pdf = tmp_path / "tagungsband.pdf"
    assert impuls("export", program, "--pdf", pdf).returncode == 0
    changed = tmp_path / "geaendert.impuls"
    shutil.copy(second, changed)
    with sqlite3.connect(changed) as db:  # one vote for "Kür" became "Pflicht"
        db.execute("UPDATE votes SET raw = '0' WHERE id = (SELECT MIN(id) FROM votes)")
    db.close()
    caught = impuls("verify", changed, pdf)
    assert caught.returncode == 1
    assert "Stimmt NICHT überein" in caught.stderr
    # The welcome's figures are right, but they are not the treasurer's report's.
    assert impuls("verify", first, pdf).returncode == 0


def test_a_program_takes_only_the_pdf(tmp_path: Path) -> None:
    program, _, _ = evening(tmp_path)
    wrong = impuls("export", program, "--csv", tmp_path / "t.csv")
    assert wrong.returncode == 2
    assert "--csv: für ein Programm gibt es den Tagungsband als PDF" in wrong.stderr


def test_the_evenings_participation_names_the_voting_cards_a_talk_counted(
    tmp_path: Path,
) -> None:
    program_file, first, second = evening(tmp_path)
    counted = dataclasses.replace(open_snapshot(second), cards={SINGLE: CardCount(40, 31)})
    source = MinutesSource.of_program(load_program(program_file),
                                      [open_snapshot(first), counted, None])  # fmt: skip
    written = build_proceedings(source, tmp_path / "tagungsband.pdf")
    last = pages(written.path)[-1]
    assert ("2. Kassenbericht: 5 Handys haben abgestimmt"
            " Stimmkarten: 40 ausgegeben, 31 anwesend") in last  # fmt: skip
    assert last.count("Stimmkarten") == 1  # the welcome counted none


def test_an_evening_not_held_yet_is_said_once_by_each_command(tmp_path: Path) -> None:
    program = evening_program(tmp_path / "abend")
    for command in (("minutes", program, "--pdf", tmp_path / "p.pdf", "--sessions", tmp_path),
                    ("export", program, "--pdf", tmp_path / "t.pdf", "--sessions", tmp_path),
                    ("verify", program, tmp_path / "t.pdf")):  # fmt: skip
        said = impuls(*command)
        assert said.returncode == 1, (command, said.stderr)
        assert said.stderr.strip() == (
            f"{program}: noch kein Vortrag des Abends hat eine Sitzungsdatei"
        ), command
        assert "Traceback" not in said.stderr
