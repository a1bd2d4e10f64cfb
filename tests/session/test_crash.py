"""kill -9 during a burst of votes: no acknowledged vote is ever lost, the file always opens."""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from bench.serving import Server, join, start_server

POLL = "pflicht-vorher"
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


def stored_vote_ids(session: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{session}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT vote_id FROM votes")}


@pytest.mark.slow
def test_kill_9_during_a_burst_loses_no_acknowledged_vote(tmp_path: Path) -> None:
    session = tmp_path / "crash.impuls"
    rng = random.Random(9)
    total_acknowledged = 0
    for round_ in range(ROUNDS):
        server = start_server(session)  # the file must open after every kill
        if round_ == 0:
            server.control(POLL, "open")
        acknowledged: list[str] = []
        stop = threading.Event()
        phones = [
            threading.Thread(target=burst, args=(server, f"r{round_}p{p}", acknowledged, stop))
            for p in range(PHONES)
        ]
        for phone in phones:
            phone.start()
        time.sleep(rng.uniform(0.2, 0.6))
        server.process.kill()  # SIGKILL: no shutdown, no final checkpoint
        server.process.wait()
        stop.set()
        for phone in phones:
            phone.join(timeout=10)
        for pipe in (server.process.stdout, server.process.stderr):
            if pipe is not None:
                pipe.close()
        assert acknowledged, "the burst got no vote through before the kill"
        missing = set(acknowledged) - stored_vote_ids(session)
        assert not missing, f"round {round_}: {len(missing)} acknowledged votes lost"
        total_acknowledged += len(acknowledged)
    # One last start: the session opens and counts every acknowledged vote exactly once.
    server = start_server(session)
    try:
        status, result = server.call("GET", f"/api/polls/{POLL}/results", token=server.token)
        assert status == 200 and isinstance(result, dict)
        assert result["ballots"] >= total_acknowledged
        assert result["ballots"] == len(stored_vote_ids(session))
    finally:
        server.stop()
