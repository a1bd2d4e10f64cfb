"""Voting cards across an evening, over real sockets: printed for the program, held from
the first talk to the members' meeting, counted once each there, present in its quorum,
and recorded in every talk's session file (one added after printing too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.support.cards import join_with
from tests.support.commands import impuls
from tests.support.decks import CARDS_ABSOLUTE, cards_talk
from tests.support.evenings import add_talk, evening_program
from tests.support.serving import Server, start_server
from workshop_app.session.cards import CardKey, key_path, load_key, read_issued
from workshop_app.session.motion import Verdict
from workshop_app.session.program import Talk, evening_anchor, load_program, save_program
from workshop_app.session.snapshot import open_snapshot


def holding(server: Server, code: str) -> str:
    """A phone joins with `code` (a card's, or the room's); its ticket."""
    status, answer = join_with(server, code)
    assert status == 200, answer
    return str(answer["ticket"])


def switch(server: Server, index: int) -> None:
    status, on = server.call("POST", "/api/talk", {"talk": index}, token=server.token)
    assert status == 200, on


def issued_in(session: Path) -> int:
    """The cards the session file says were issued."""
    db = sqlite3.connect(f"file:{session}?mode=ro", uri=True)
    try:
        record = read_issued(db)
        return 0 if record is None else record.total
    finally:
        db.close()


def test_cards_printed_for_an_evening_count_in_its_members_meeting(tmp_path: Path) -> None:
    program_file = evening_program(tmp_path / "abend", talks=2)
    cards_talk(program_file.parent)  # versammlung.md: motions that count cards
    save_program(program_file, load_program(program_file).added(Talk("versammlung.md", "V")))
    data = tmp_path / "daten"
    printed = impuls("cards", "--count", 4, program_file, "--sessions", data,
                     "--pdf", tmp_path / "karten.pdf")  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    anchor = data / evening_anchor(program_file, load_program(program_file)).name
    assert key_path(anchor).is_file()
    key = load_key(anchor)
    assert isinstance(key, CardKey) and key.issued == 4
    sessions = sorted(data.glob("*.impuls"))
    assert [issued_in(session) for session in sessions] == [4, 4, 4]

    server = start_server(data, program_file)
    try:
        early = [holding(server, key.code(serial)) for serial in (1, 2)]  # in the first talk
        holding(server, server.join_code)  # a guest, no card
        switch(server, 1)
        switch(server, 2)  # the members' meeting: two cards present, though not joined here
        late = holding(server, key.code(3))
        server.control(CARDS_ABSOLUTE, "open")  # more than half of 4 issued; quorum 3
        for number, ticket in enumerate([*early, late]):
            body = {"code": server.join_code, "device": ticket, "vote_id": f"b{number}",
                    "choice": 0}  # fmt: skip
            status, answer = server.call("POST", f"/api/polls/{CARDS_ABSOLUTE}/votes", body)
            assert status == 200, answer
        server.control(CARDS_ABSOLUTE, "close")
        assert server.totals(CARDS_ABSOLUTE) == [3, 0, 0]
        # A talk added after the cards were printed takes the evening's record of them.
        add_talk(program_file, 4)
        status, _ = server.call("POST", "/api/program", {}, token=server.token)
        assert status == 200
        switch(server, 3)
    finally:
        assert server.stop() == 0, server.stderr
    meeting = open_snapshot(data / "versammlung.impuls")
    results = meeting.results_of(meeting.deck.poll(CARDS_ABSOLUTE))
    assert results is not None and results.motion is not None
    assert results.motion.verdict is Verdict.ADOPTED
    assert results.motion.cards is not None
    assert (results.motion.cards.issued, results.motion.cards.present) == (4, 3)
    assert issued_in(data / "vortrag-4.impuls") == 4


def test_a_talk_added_after_printing_and_started_first_takes_the_cards(tmp_path: Path) -> None:
    program_file = evening_program(tmp_path / "abend", talks=2)
    data = tmp_path / "daten"
    printed = impuls("cards", "--count", 3, program_file, "--sessions", data,
                     "--pdf", tmp_path / "karten.pdf")  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    key = load_key(data / evening_anchor(program_file, load_program(program_file)).name)
    assert key is not None and key.issued == 3
    # The members' meeting, added on the evening itself, goes on first.
    cards_talk(program_file.parent)
    save_program(program_file, load_program(program_file).added(Talk("versammlung.md", "V")))
    server = start_server(data, program_file, options=("--talk", "3"))
    try:
        ticket = holding(server, key.code(2))
        server.control(CARDS_ABSOLUTE, "open")
        body = {"code": server.join_code, "device": ticket, "vote_id": "v", "choice": 0}
        status, answer = server.call("POST", f"/api/polls/{CARDS_ABSOLUTE}/votes", body)
        assert status == 200, answer
    finally:
        assert server.stop() == 0, server.stderr
    assert issued_in(data / "versammlung.impuls") == 3
    results = open_snapshot(data / "versammlung.impuls")
    counted = results.results_of(results.deck.poll(CARDS_ABSOLUTE))
    assert counted is not None and counted.motion is not None and counted.motion.cards is not None
    assert (counted.motion.cards.issued, counted.motion.cards.present) == (3, 1)
