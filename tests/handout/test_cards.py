"""`impuls cards`: the printed sheets read back, every QR code decoded, the codes checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.cards import decoded
from tests.support.commands import impuls
from tests.support.evenings import evening_program
from tests.support.pdfs import pdftotext
from tests.support.serving import DECK, start_server
from workshop_app.handout.cards import CardSheet, print_cards
from workshop_app.i18n import Lang
from workshop_app.session.cards import key_path, load_key, new_key, pretty, read_issued
from workshop_app.session.program import evening_anchor, load_program

URL = "http://192.168.178.20:8765"


def test_cards_print_read_back_and_decode(tmp_path: Path) -> None:
    session, pdf = tmp_path / "versammlung.impuls", tmp_path / "karten.pdf"
    done = impuls("cards", "--count", 14, DECK, "--session", session, "--pdf", pdf, "--url", URL)
    assert done.returncode == 0, done.stderr
    assert "Stimmkarten 1 bis 14 (14) gedruckt" in done.stdout
    key = load_key(session)
    assert key is not None and key.issued == 14
    sheets = decoded(pdf)
    assert [len(found) for found in sheets] == [12, 2]  # twelve a sheet, every one readable
    urls = [text for found in sheets for text, _ in found]
    assert sorted(urls) == sorted(f"{URL}/?code={key.code(n)}" for n in range(1, 15))
    # ≥ 25 mm of code: an older phone's camera reads it at arm's length
    assert min(side for found in sheets for _, side in found) >= 25
    text = pdftotext(pdf)
    for serial in (1, 12, 14):
        assert f"Stimmkarte {serial}" in text and pretty(key.code(serial)) in text
    assert "192.168.178.20:8765" in text
    # a second print run goes on where the first ended, into the same session
    more = impuls("cards", "--count", 2, session, "--pdf", tmp_path / "mehr.pdf", "--url", URL)
    assert more.returncode == 0, more.stderr
    assert "Stimmkarten 15 bis 16" in more.stdout
    assert [text for text, _ in decoded(tmp_path / "mehr.pdf")[0]] != []


def test_cards_in_english_and_no_name_anywhere(tmp_path: Path) -> None:
    session, pdf = tmp_path / "agm.impuls", tmp_path / "cards.pdf"
    done = impuls("cards", "--lang", "en", "--count", 3, DECK, "--session", session, "--pdf", pdf)
    assert done.returncode == 0, done.stderr
    text = pdftotext(pdf)
    assert "Voting card 3" in text and "One card, one vote" in text
    assert "Stimmkarte" not in text


def test_a_cancelled_print_issues_nothing(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    key = new_key()
    sheet = CardSheet(URL, "Probe", Lang.DE)
    issued: list[bool] = []
    sheets = print_cards(out, key, range(1, 30), sheet, cancelled=lambda: True,
                         done=lambda: issued.append(True))  # fmt: skip
    assert sheets == 0 and issued == [] and not out.exists()
    assert list(tmp_path.iterdir()) == []  # no half a PDF left behind


def test_an_altered_session_is_refused_by_cards_and_serve(tmp_path: Path) -> None:
    session = tmp_path / "versammlung.impuls"
    pdf = tmp_path / "karten.pdf"
    assert impuls("cards", "--count", 10, DECK, "--session", session, "--pdf", pdf).returncode == 0
    db = sqlite3.connect(session)
    row = db.execute("SELECT value FROM meta WHERE key = 'cards'").fetchone()[0]
    db.execute(
        "UPDATE meta SET value = ? WHERE key = 'cards'", (row.replace("[1, 10,", "[1, 60,"),)
    )
    db.commit()
    db.close()
    again = impuls("cards", "--count", 1, session, "--pdf", tmp_path / "more.pdf")
    assert again.returncode == 1
    assert "wurden nachträglich verändert (ausgegeben: 10)" in again.stderr
    served = impuls("serve", DECK, "--session", session, "--port", 0, "--host", "127.0.0.1")
    assert served.returncode == 1
    assert served.stderr.strip().endswith("die Sitzung wird so nicht verwendet.")
    assert key_path(session).exists()


@pytest.mark.parametrize("count", ["0", "40000"])
def test_a_count_out_of_range_is_a_usage_error(tmp_path: Path, count: str) -> None:
    done = impuls("cards", "--count", count, DECK, "--session", tmp_path / "s.impuls")
    assert done.returncode == 2 and "--count" in done.stderr


def test_verify_tells_cards_altered_after_the_handout(tmp_path: Path) -> None:
    session, handout = tmp_path / "versammlung.impuls", tmp_path / "handout.pdf"
    assert impuls("cards", "--count", 10, DECK, "--session", session,
                  "--pdf", tmp_path / "karten.pdf").returncode == 0  # fmt: skip
    exported = impuls("export", session, "--pdf", handout, "--layout", "results")
    assert exported.returncode == 0, exported.stderr
    assert impuls("verify", session, handout).returncode == 0
    with sqlite3.connect(session) as db:  # fewer cards issued: an easier absolute majority
        row = db.execute("SELECT value FROM meta WHERE key = 'cards'").fetchone()[0]
        db.execute("UPDATE meta SET value = ? WHERE key = 'cards'", (row.replace(", 10,", ", 8,"),))
    bad = impuls("verify", session, handout)
    assert bad.returncode == 1 and "NICHT" in bad.stderr


def _issued(session: Path) -> int | None:
    """The cards the session file records (None: none), read as the server reads them."""
    db = sqlite3.connect(f"file:{session}?mode=ro", uri=True)
    try:
        record = read_issued(db)
        return None if record is None else record.total
    finally:
        db.close()


@pytest.mark.parametrize("blocked", ["pdf", "key"])
def test_a_print_that_fails_part_way_leaves_the_records_as_they_were(
    tmp_path: Path, blocked: str
) -> None:
    session, pdf = tmp_path / "versammlung.impuls", tmp_path / "karten.pdf"
    first = impuls("cards", "--count", 4, DECK, "--session", session, "--pdf", pdf, "--url", URL)
    assert first.returncode == 0, first.stderr
    # The second run fails after its sheets are complete: where the PDF goes is taken
    # (by a folder), or the key cannot be written beside the session.
    more = tmp_path / "mehr.pdf"
    obstacle = (
        more if blocked == "pdf" else key_path(session).with_name(f"{session.name}.cards.new")
    )
    obstacle.mkdir()
    failed = impuls("cards", "--count", 3, session, "--pdf", more, "--url", URL)
    assert failed.returncode == 1 and "kann nicht geschrieben werden" in failed.stderr
    key = load_key(session)
    assert key is not None and key.issued == 4 and _issued(session) == 4  # both as before
    assert not more.is_file() and list(tmp_path.glob("*.part")) == []  # no PDF, no half
    obstacle.rmdir()
    again = impuls("cards", "--count", 3, session, "--pdf", more, "--url", URL)
    assert again.returncode == 0, again.stderr
    assert "Stimmkarten 5 bis 7" in again.stdout  # the run that failed issued nothing
    assert sorted(text for text, _ in decoded(more)[0]) == sorted(
        f"{URL}/?code={key.code(n)}" for n in range(5, 8)
    )


def test_an_evenings_print_that_fails_part_way_leaves_every_talk_as_it_was(
    tmp_path: Path,
) -> None:
    program_file = evening_program(tmp_path / "abend", talks=2)
    data, pdf = tmp_path / "daten", tmp_path / "karten.pdf"
    anchor = data / evening_anchor(program_file, load_program(program_file)).name
    data.mkdir()
    key_path(anchor).with_name(key_path(anchor).name + ".new").mkdir()  # the key cannot be kept
    failed = impuls("cards", "--count", 5, program_file, "--sessions", data, "--pdf", pdf)
    assert failed.returncode == 1, failed.stdout
    assert [_issued(session) for session in sorted(data.glob("*.impuls"))] == [None, None]
    assert not key_path(anchor).exists() and not pdf.exists()
    served = start_server(data, program_file)  # the evening still starts: nothing altered
    assert served.stop() == 0, served.stderr


@pytest.mark.parametrize("evening", [False, True], ids=["talk", "evening"])
def test_more_cards_without_an_address_name_the_port_of_those_printed_before(
    tmp_path: Path, evening: bool
) -> None:
    # The voting server keeps the port the cards name: a second print run for the
    # default port would move it there, and the first batch would miss the server.
    if evening:
        program = evening_program(tmp_path / "abend", talks=2)
        data = tmp_path / "daten"
        source: tuple[object, ...] = (program, "--sessions", data)
        anchor = data / evening_anchor(program, load_program(program)).name
    else:
        session = tmp_path / "versammlung.impuls"
        source, anchor = (DECK, "--session", session), session
    first = impuls("cards", "--count", 2, *source, "--pdf", tmp_path / "erste.pdf",
                   "--url", "http://192.168.178.20:8000")  # fmt: skip
    assert first.returncode == 0, first.stderr
    more = impuls("cards", "--count", 2, *source, "--pdf", tmp_path / "mehr.pdf")
    assert more.returncode == 0, more.stderr
    key = load_key(anchor)
    assert key is not None and key.issued == 4 and key.port == 8000
    urls = sorted(text for text, _ in decoded(tmp_path / "mehr.pdf")[0])
    assert [url.split("/?code=")[0].rsplit(":", 1)[1] for url in urls] == ["8000", "8000"]
    assert sorted(url.split("/?code=")[1] for url in urls) == sorted([key.code(3), key.code(4)])
