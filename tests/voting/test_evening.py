"""An evening on one server: talks change, phones stay joined, each talk keeps its votes.

The real `serve` process with a program file, phones over real sockets.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.evenings import FRAGE, add_talk, evening_program
from tests.support.serving import Server, Stream, join, start_server
from workshop_app.session.program import load_program, talk_sessions
from workshop_app.voting.messages import Event


def votes_in(session: Path) -> dict[str, str]:
    """device → its ballot as sent, as the talk's session file holds them."""
    db = sqlite3.connect(f"file:{session}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT device, raw FROM votes WHERE poll_id = ?", (FRAGE,)))
    finally:
        db.close()


@pytest.fixture
def evening(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    program = evening_program(tmp_path / "abend")  # three talks
    running = start_server(tmp_path / "daten", program)
    yield running, program
    if running.process.poll() is None:
        assert running.stop() == 0, running.stderr


def _switch(server: Server, index: int) -> dict[str, object]:
    status, on = server.call("POST", "/api/talk", {"talk": index}, token=server.token)
    assert status == 200, on
    assert isinstance(on, dict)
    return on


def test_phones_stay_joined_and_each_talk_keeps_its_own_votes(
    evening: tuple[Server, Path], tmp_path: Path
) -> None:
    server, program_file = evening
    phones = [f"handy-{n}" for n in range(3)]
    streams = [server.follow(f"/api/events?ticket={server.ticket(p)}") for p in phones]
    try:
        _three_talks(server, phones, streams)
    finally:
        for stream in streams:
            stream.close()
    data = tmp_path / "daten"  # the evening's session files, as `--sessions` names them
    sessions = [
        data / path.name for path in talk_sessions(program_file, load_program(program_file))
    ]
    held = [votes_in(session) for session in sessions]
    assert all(len(votes) == 3 for votes in held)
    assert held[0].keys() == held[1].keys() == held[2].keys()  # one device per phone
    assert len({tuple(sorted(votes.items())) for votes in held}) == 3  # each talk's own
    status, code_now = server.call("GET", "/api/session", token=server.token)
    assert status == 200 and isinstance(code_now, dict)
    assert code_now["join_code"] == server.join_code  # the evening's, from the first talk on


def _three_talks(server: Server, phones: list[str], streams: list[Stream]) -> None:
    status, info = server.call("GET", "/api/session", ticket=server.ticket(phones[0]))
    assert status == 200 and isinstance(info, dict)
    assert (info["title"], info["index"], info["count"]) == ("Vortrag 1", 0, 3)
    for talk in range(3):
        if talk:
            on = _switch(server, talk)
            assert (on["title"], on["index"], on["speaker"]) == (
                f"Vortrag {talk + 1}",
                talk,
                ("Anna Muster", "Bernd Beispiel", "Clara Probe")[talk],
            )
            for stream in streams:  # every phone hears of it, on the stream it already had
                heard = stream.next(skip=(Event.ROOM, Event.POLL, Event.TALLY))
                assert heard.event == Event.TALK
                # The talk's state in the event itself: no phone needs to ask for it.
                assert heard.json() == on | {
                    "room": {"follow": False}, "current_poll": None,
                    "reactions": ["👏", "❤️", "😂", "🤔"],
                }  # fmt: skip
                questions = stream.next(skip=(Event.ROOM,))
                assert (questions.event, questions.json()) == (
                    Event.QUESTIONS,
                    {"questions": [], "newest": []},
                )
        server.control(FRAGE, "open")
        status, now = server.call("GET", "/api/session", ticket=server.ticket(phones[0]))
        assert isinstance(now, dict) and now["current_poll"]["talk"] == now["talk"]
        for n, phone in enumerate(phones):  # the same poll id, the same ticket: a new voice
            status, receipt = server.vote(FRAGE, phone, f"t{talk}-{phone}", (n + talk) % 3)
            assert status == 200, receipt
        assert server.totals(FRAGE) == [1, 1, 1]


def test_a_talk_added_during_the_evening_can_go_on(evening: tuple[Server, Path]) -> None:
    server, program_file = evening
    _switch(server, 1)
    add_talk(program_file, 4)
    status, on = server.call("POST", "/api/program", token=server.token)
    assert status == 200 and isinstance(on, dict)
    assert (on["index"], on["count"], on["title"]) == (1, 4, "Vortrag 2")  # still on
    on = _switch(server, 3)
    assert (on["title"], on["speaker"]) == ("Vortrag 4", "Dora Nachtrag")
    status, refused = server.call("POST", "/api/talk", {"talk": 4}, token=server.token)
    assert (status, refused) == (
        404,
        {"error": "unknown_talk", "message": "the program has 4 talks"},
    )
    phone = server.ticket("handy")
    assert server.call("POST", "/api/talk", {"talk": 0}, ticket=phone)[0] == 401
    assert server.call("POST", "/api/program", ticket=phone)[0] == 401
    assert server.call("POST", "/api/talk", {"talk": "1"}, token=server.token)[0] == 400


def test_a_crash_in_talk_two_resumes_in_talk_two_with_the_same_code(
    evening: tuple[Server, Path], tmp_path: Path
) -> None:
    server, program_file = evening
    _switch(server, 1)
    server.control(FRAGE, "open")
    assert server.vote(FRAGE, "handy", "vor-dem-absturz", 2)[0] == 200
    held = server.ticket("handy")
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.communicate(timeout=10)  # gone; its pipes closed
    again = start_server(tmp_path / "daten", program_file)
    try:
        assert again.join_code == server.join_code
        status, info = again.call("GET", "/api/session", token=again.token)
        assert isinstance(info, dict) and (info["index"], info["title"]) == (1, "Vortrag 2")
        # The phone rejoins with the ticket it holds and keeps its voice in talk 2.
        ticket = join(again.port, again.join_code, held=held)
        again.tickets["handy"] = ticket
        status, receipt = again.vote(FRAGE, "handy", "nach-dem-absturz", 0)
        assert status == 200 and isinstance(receipt, dict) and receipt["replaced_earlier"]
        assert again.totals(FRAGE) == [1, 0, 0]
    finally:
        assert again.stop() == 0, again.stderr


def test_a_server_of_one_talk_is_no_evening(server: Server) -> None:
    status, refused = server.call("POST", "/api/talk", {"talk": 1}, token=server.token)
    assert status == 404 and isinstance(refused, dict) and refused["error"] == "not_evening"
