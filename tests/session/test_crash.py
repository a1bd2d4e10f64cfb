"""kill -9 during a burst of votes, questions and upvotes: nothing acknowledged is ever lost,
the file always opens."""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.decks import SINGLE, poll_talk
from tests.support.serving import Server, join, start_server

POLL = SINGLE
ROUNDS = 20
PHONES = 8


def burst(server: Server, tag: str, acknowledged: list[str], stop: threading.Event) -> None:
    """Phones voting one after another (each joins, then votes once) until the server dies."""
    n = 0
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        while not stop.is_set():
            ticket = join(server.port, server.join_code)
            vote_id = f"{tag}-{n}"
            body = {"code": server.join_code, "device": ticket,
                    "vote_id": vote_id, "choice": n % 4}  # fmt: skip
            connection.request("POST", f"/api/polls/{POLL}/votes", json.dumps(body),
                               {"Content-Type": "application/json"})  # fmt: skip
            response = connection.getresponse()
            answer = response.read()
            if response.status == 200 and json.loads(answer).get("receipt"):
                acknowledged.append(vote_id)  # the phone saw its receipt
            n += 1
    except (OSError, http.client.HTTPException, RuntimeError):
        return  # the server was killed mid-request: this vote was never acknowledged
    finally:
        connection.close()


def kill_during(
    server: Server, after: float, phone: Callable[..., None], tag: str, *seen: list[str]
) -> None:
    """PHONES phones at work (`phone(server, tag, *seen, stop)`) until `after` seconds
    pass; then kill -9, and let them go."""
    stop = threading.Event()
    phones = [threading.Thread(target=phone, args=(server, f"{tag}p{p}", *seen, stop))
              for p in range(PHONES)]  # fmt: skip
    for running in phones:
        running.start()
    time.sleep(after)  # a moment drawn at random into the burst ...
    deadline = time.monotonic() + 60
    while not all(seen) and time.monotonic() < deadline:  # ... once receipts came back:
        time.sleep(0.005)  # on a busy machine the first can take longer than `after`
    server.process.kill()  # SIGKILL: no shutdown, no final checkpoint
    server.process.wait()
    stop.set()
    for running in phones:
        running.join(timeout=10)
    for pipe in (server.process.stdout, server.process.stderr):
        if pipe is not None:
            pipe.close()


def stored_vote_ids(session: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{session}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT vote_id FROM votes")}


@pytest.mark.slow
def test_kill_9_during_a_burst_loses_no_acknowledged_vote(tmp_path: Path) -> None:
    session = tmp_path / "crash.impuls"
    rng = random.Random(9)
    total_acknowledged = 0
    for round_ in range(ROUNDS):
        server = start_server(session, poll_talk(tmp_path))  # the file must open after every kill
        if round_ == 0:
            server.control(POLL, "open")
        acknowledged: list[str] = []
        kill_during(server, rng.uniform(0.2, 0.6), burst, f"r{round_}", acknowledged)
        assert acknowledged, "the burst got no vote through before the kill"
        missing = set(acknowledged) - stored_vote_ids(session)
        assert not missing, f"round {round_}: {len(missing)} acknowledged votes lost"
        total_acknowledged += len(acknowledged)
    # One last start: the session opens and counts every acknowledged vote exactly once.
    server = start_server(session, poll_talk(tmp_path))
    try:
        status, result = server.call("GET", f"/api/polls/{POLL}/results", token=server.token)
        assert status == 200 and isinstance(result, dict)
        assert result["ballots"] >= total_acknowledged
        assert result["ballots"] == len(stored_vote_ids(session))
    finally:
        server.stop()


def ask_and_upvote(server: Server, tag: str, acknowledged: list[str], upvoted: list[str],
                   stop: threading.Event) -> None:  # fmt: skip
    """Phones asking one question each and upvoting the approved one, until the server dies."""
    n = 0
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    headers = {"Content-Type": "application/json"}
    try:
        while not stop.is_set():
            ticket = join(server.port, server.join_code)
            ask_id, upvote_id = f"{tag}-q{n}", f"{tag}-u{n}"
            asked = {"code": server.join_code, "device": ticket, "ask_id": ask_id,
                     "text": f"Frage {tag} {n}?"}  # fmt: skip
            connection.request("POST", "/api/questions", json.dumps(asked), headers)
            response = connection.getresponse()
            if response.status == 200 and "question" in json.loads(response.read()):
                acknowledged.append(ask_id)
            upvote = {"code": server.join_code, "device": ticket, "upvote_id": upvote_id,
                      "up": True}  # fmt: skip
            connection.request("POST", "/api/questions/1/upvotes", json.dumps(upvote), headers)
            response = connection.getresponse()
            if response.status == 200 and "upvotes" in json.loads(response.read()):
                upvoted.append(upvote_id)
            n += 1
    except (OSError, http.client.HTTPException, RuntimeError, ValueError):
        return  # killed mid-request: never acknowledged
    finally:
        connection.close()


@pytest.mark.slow
def test_kill_9_during_questions_and_upvotes_loses_nothing_acknowledged(tmp_path: Path) -> None:
    session = tmp_path / "fragen.impuls"
    rng = random.Random(20)
    asked: list[str] = []
    upvoted: list[str] = []
    for round_ in range(ROUNDS // 2):
        server = start_server(session, poll_talk(tmp_path))
        if round_ == 0:  # post-moderation, so question 1 is shown and can be upvoted
            server.call("PUT", "/api/questions/moderation", {"mode": "post"}, token=server.token)
        kill_during(server, 0.15 + rng.random() * 0.35, ask_and_upvote, f"r{round_}", asked,
                    upvoted)  # fmt: skip
    assert asked and upvoted, "the bursts got nothing through before the kills"
    server = start_server(
        session, poll_talk(tmp_path)
    )  # the file opens after the last kill, and recovers
    try:
        status, listed = server.call("GET", "/api/questions", token=server.token)
        assert status == 200 and isinstance(listed, dict)
        first = next(q for q in listed["questions"] if q["id"] == 1)
    finally:
        assert server.stop() == 0
    with closing(sqlite3.connect(session)) as db:  # read after the server's checkpoint
        stored = {row[0] for row in db.execute("SELECT ask_id FROM questions")}
        ups = {row[0] for row in db.execute("SELECT upvote_id FROM upvotes")}
    assert not set(asked) - stored and not set(upvoted) - ups
    assert first["upvotes"] == len(ups)  # every phone's upvote once, none lost
