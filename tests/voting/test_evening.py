"""An evening on one server: talks change, phones stay joined, each talk keeps its votes.

The real `serve` process with a program file, phones over real sockets.
"""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.evenings import FRAGE, add_talk, evening_program
from tests.support.serving import Server, Stream, ask, join, start_server
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


def _talk_key(server: Server, phone: str) -> str:
    """The talk a phone sees now, as GET /api/session tells it."""
    status, info = server.call("GET", "/api/session", ticket=server.ticket(phone))
    assert status == 200 and isinstance(info, dict)
    return str(info["talk"])


def test_a_write_meant_for_the_last_talk_is_refused_not_counted_in_the_next(
    evening: tuple[Server, Path], tmp_path: Path
) -> None:
    # Before: a vote for talk 1's poll that reached the server after the switch was
    # counted in talk 2's poll of the same id; a question went to talk 2's list.
    server, program_file = evening
    first = _talk_key(server, "handy")
    server.control(FRAGE, "open")
    asked = ask(server, "fragt", "erste", "Eine Frage an Vortrag 1?", talk=first)
    assert asked[0] == 200, asked
    _switch(server, 1)
    second = _talk_key(server, "handy")
    assert second != first
    server.control(FRAGE, "open")
    ticket = server.ticket("handy")
    stale: list[tuple[str, dict[str, object]]] = [
        (f"/api/polls/{FRAGE}/votes", {"vote_id": "zu-spaet", "choice": 0}),
        ("/api/questions", {"ask_id": "zu-spaet", "text": "Noch eine Frage?"}),
        ("/api/questions/1/upvotes", {"upvote_id": "zu-spaet", "up": True}),
        ("/api/reactions", {"emoji": "👏"}),
    ]
    for path, body in stale:
        sent = body | {"code": server.join_code, "device": ticket, "talk": first}
        status, refused = server.call("POST", path, sent)
        assert status == 409, (path, status, refused)
        assert isinstance(refused, dict) and refused["error"] == "talk_changed", refused
    assert server.totals(FRAGE) == [0, 0, 0]  # talk 2's poll of the same id: untouched
    status, listed = server.call("GET", "/api/questions", token=server.token)
    assert status == 200 and isinstance(listed, dict) and listed["questions"] == []
    # Meant for the talk that is on: counted; no talk named (a page of a single talk): too.
    status, _ = server.call("POST", f"/api/polls/{FRAGE}/votes", {
        "code": server.join_code, "device": ticket, "vote_id": "rechtzeitig", "choice": 2,
        "talk": second,
    })  # fmt: skip
    assert status == 200
    assert server.vote(FRAGE, "ohne", "ohne-vortrag", 1)[0] == 200
    assert server.totals(FRAGE) == [0, 1, 1]
    status, said = server.call("POST", f"/api/polls/{FRAGE}/votes", {
        "code": server.join_code, "device": ticket, "vote_id": "krumm", "choice": 0,
        "talk": "Vortrag 1",
    })  # fmt: skip
    assert status == 400 and isinstance(said, dict) and said["message"].startswith("talk:")
    sessions = [tmp_path / "daten" / p.name
                for p in talk_sessions(program_file, load_program(program_file))]  # fmt: skip
    assert votes_in(sessions[0]) == {}  # nothing went back to talk 1 either


def test_votes_in_flight_during_a_switch_never_count_in_the_next_talk(
    evening: tuple[Server, Path], tmp_path: Path
) -> None:
    # Talk 2's poll is left open (the speaker went back to talk 1): a vote for talk 1's
    # poll of the same id that the keeper takes after the switch would count there.
    server, program_file = evening
    _switch(server, 1)
    server.control(FRAGE, "open")
    _switch(server, 0)
    server.control(FRAGE, "open")
    first = _talk_key(server, "handy-0")
    phones = [f"handy-{n}" for n in range(24)]
    tickets = {phone: server.ticket(phone) for phone in phones}
    switched = threading.Event()
    voted_once = threading.Barrier(len(phones) + 1)  # each phone's first vote is in
    answers: list[tuple[int, object]] = []

    def keep_voting(phone: str) -> None:
        for n in itertools.count():
            body = {"code": server.join_code, "device": tickets[phone], "talk": first,
                    "vote_id": f"{phone}-{n}", "choice": n % 3}  # fmt: skip
            answers.append(server.call("POST", f"/api/polls/{FRAGE}/votes", body))
            if n == 0:
                voted_once.wait(timeout=30)
            if switched.is_set() or n >= 15:  # within the per-phone rate
                return

    with ThreadPoolExecutor(len(phones)) as pool:
        voting = [pool.submit(keep_voting, phone) for phone in phones]
        voted_once.wait(timeout=30)
        _switch(server, 1)  # while the phones go on voting for talk 1
        switched.set()
        for done in voting:
            done.result()
    assert {status for status, _ in answers} <= {200, 409}, answers
    assert all(said["error"] == "talk_changed" for status, said in answers
               if status == 409 and isinstance(said, dict))  # fmt: skip
    sessions = [tmp_path / "daten" / p.name
                for p in talk_sessions(program_file, load_program(program_file))]  # fmt: skip
    assert votes_in(sessions[1]) == {}  # not one of them in talk 2's open poll
    assert len(votes_in(sessions[0])) == len(phones)
    assert server.totals(FRAGE) == [0, 0, 0]
