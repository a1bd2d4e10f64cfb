"""The voting server's processes: a keeper that writes, HTTP workers that share the port."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.decks import SINGLE, poll_talk
from tests.support.serving import Server, phone, start_server
from workshop_app.paths import ROOT
from workshop_app.session.store import SessionStore
from workshop_app.voting.messages import Event
from workshop_app.voting.server import DEFAULT_WORKERS, FORKS, SHARED_PORT
from workshop_app.voting.sse import read_events
from workshop_app.voting.worker import LISTEN_BACKLOG

forked_workers = pytest.mark.skipif(
    not FORKS, reason="the portable path: one worker in a thread, nothing to spread or lose"
)

POLL = SINGLE


def workers_of(server: Server) -> list[int]:
    pid = server.process.pid
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def sockets_of(pid: int) -> int:
    folder = Path(f"/proc/{pid}/fd")
    count = 0
    for fd in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):  # closed while we looked
            count += str(fd.readlink()).startswith("socket:")
    return count


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return status != "Z"  # a zombie has stopped; its parent just has not reaped it yet


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@forked_workers
def test_listeners_on_every_worker_hear_of_a_vote_and_are_counted_together(
    server: Server,
) -> None:
    workers = workers_of(server)
    assert len(workers) == DEFAULT_WORKERS
    if not SHARED_PORT or DEFAULT_WORKERS < 2:
        pytest.skip("one worker here: nothing to spread")
    listeners = 16 * len(workers)
    before = {pid: sockets_of(pid) for pid in workers}
    streams = []
    for n in range(listeners):  # each a phone that joined
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", f"/api/events?ticket={server.ticket(phone(100 + n))}")
        response = connection.getresponse()
        assert response.readline() == b"retry: 2000\n"
        response.readline()
        streams.append((connection, response))
    # The kernel spread the connections over every worker (one left out: p < 10⁻⁴).
    gained = {pid: sockets_of(pid) - before[pid] for pid in workers}
    assert all(n > 0 for n in gained.values()), gained

    def watching() -> object:
        _, info = server.call("GET", "/api/session", token=server.token)
        return info["watching"] if isinstance(info, dict) else None

    assert wait_until(lambda: watching() == listeners), watching()
    server.control(POLL, "open")
    server.control(POLL, "reveal")  # phones hear of tallies once the room sees them
    assert server.vote(POLL, phone(1), "w1", 2)[0] == 200
    for connection, response in streams:  # every phone, on whichever worker, hears the vote
        tallies = (e.json() for e in read_events(response.readline) if e.event == Event.TALLY)
        assert any(tally["results"]["ballots"] == 1 for tally in tallies)  # or the socket times out
        connection.close()
    assert wait_until(lambda: watching() == 0), watching()


def test_a_killed_keeper_takes_its_workers_along_and_frees_file_and_port(tmp_path: Path) -> None:
    server = start_server(tmp_path / "abend.impuls", poll_talk(tmp_path))
    workers = workers_of(server)
    server.control(POLL, "open")
    assert server.vote(POLL, phone(1), "k1", 1)[0] == 200
    server.process.kill()
    server.process.wait(timeout=5)
    assert wait_until(lambda: not any(alive(pid) for pid in workers), 5.0), workers
    with socket.socket() as probe:  # nobody listens on the port any more
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", server.port))
    store = SessionStore(server.session)  # the lock is free, the acknowledged vote is there
    try:
        assert store.participant_count() == 1
    finally:
        store.close()
    server.process.communicate(timeout=5)


@forked_workers
def test_a_lost_worker_leaves_the_others_serving(server: Server) -> None:
    server.control(POLL, "open")
    lost, *others = workers_of(server)
    os.kill(lost, signal.SIGKILL)
    assert wait_until(lambda: not alive(lost))
    statuses = [server.vote(POLL, phone(n), f"l{n}", n % 4)[0] for n in range(20)]
    assert statuses == [200] * 20  # each on a new connection: the kernel skips the lost socket
    assert server.totals(POLL) == [5, 5, 5, 5]
    assert all(alive(pid) for pid in others)


def test_an_ipv6_address_is_written_in_brackets_and_served(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET6) as probe:
        try:
            probe.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback on this machine")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "serve", str(poll_talk(tmp_path)), "--session",
         str(tmp_path / "v6.impuls"), "--host", "::1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        assert info["url"] == f"http://[::1]:{info['port']}"
        connection = http.client.HTTPConnection("::1", info["port"], timeout=10)
        connection.request("GET", "/api/session",
                           headers={"Authorization": f"Bearer {info['presenter_token']}"})  # fmt: skip
        response = connection.getresponse()
        assert response.status == 200
        assert json.loads(response.read())["join_code"] == info["join_code"]
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=15)
    assert process.returncode == 0, errors


@forked_workers
def test_with_every_worker_lost_the_keeper_stops_and_says_why(tmp_path: Path) -> None:
    server = start_server(tmp_path / "abend.impuls", poll_talk(tmp_path))
    server.control(POLL, "open")
    assert server.vote(POLL, phone(1), "x1", 1)[0] == 200
    for pid in workers_of(server):
        os.kill(pid, signal.SIGKILL)
    _, errors = server.process.communicate(timeout=10)
    assert server.process.returncode == 1
    assert "HTTP" in errors and "Traceback" not in errors
    store = SessionStore(server.session)  # closed cleanly, the vote kept
    try:
        assert store.participant_count() == 1
    finally:
        store.close()


@pytest.mark.skipif(shutil.which("ss") is None, reason="needs ss (iproute2) to read the backlog")
def test_every_worker_holds_500_phones_arriving_at_once(server: Server) -> None:
    # Before: asyncio's backlog of 128 per worker. The first burst of 500 votes after
    # start overflowed it, and the phones dropped retried a second later.
    listed = subprocess.run(["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True,
                            text=True, check=True).stdout.splitlines()  # fmt: skip
    backlogs = [int(line.split()[2]) for line in listed]  # Send-Q of a listening socket
    # each forked worker listens; on the portable path one worker in a thread does
    assert len(backlogs) == (len(workers_of(server)) if FORKS else 1)
    assert all(backlog >= LISTEN_BACKLOG >= 500 for backlog in backlogs), backlogs
