"""The voting server against a hostile phone on the same Wi-Fi: real server, real sockets.

Source addresses from 127.0.0.0/8 stand for different phones (Linux routes the
whole block to loopback). Each test names the attack it closes (issue 17).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.support.decks import SINGLE, TEXT, poll_talk
from tests.support.serving import Server, client, join, join_many, phone, run, start_server
from workshop_app.paths import ROOT
from workshop_app.voting.events import STREAMS_PER_DEVICE
from workshop_app.voting.messages import Event
from workshop_app.voting.server import DEFAULT_WORKERS
from workshop_app.voting.sse import read_events

TEXT_POLL = TEXT  # open answers
POLL = SINGLE  # single choice, four options


async def gather_limited(jobs: list[Callable[[], Awaitable[Any]]], at_once: int) -> list[Any]:
    gate = asyncio.Semaphore(at_once)

    async def one(job: Callable[[], Awaitable[Any]]) -> Any:
        async with gate:
            return await job()

    return await asyncio.gather(*(one(job) for job in jobs))


async def post(session: aiohttp.ClientSession, url: str, data: bytes) -> tuple[int, Any]:
    async with session.post(url, data=data, headers={"Content-Type": "application/json"}) as r:
        text = await r.text()
        return r.status, json.loads(text) if text else None


def test_poisoned_answers_never_cost_an_honest_vote(server: Server) -> None:
    # Before: "x\ud800" raised UnicodeEncodeError inside the shared group commit; the
    # batch rolled back and 647 of 1,000 honest answers got 503.
    server.control(TEXT_POLL, "open")
    base = f"http://127.0.0.1:{server.port}"
    url = f"{base}/api/polls/{TEXT_POLL}/votes"

    def body(ticket: str, n: int, text: str) -> bytes:
        return json.dumps(
            {"code": server.join_code, "device": ticket, "vote_id": f"v{n}", "choice": text}
        ).encode()

    async def attack() -> tuple[list[int], list[int]]:
        async with client() as session:
            tickets = await join_many(session, base, server.join_code, 2000)
            jobs: list[Callable[[], Awaitable[Any]]] = []
            for n in range(1000):
                honest = body(tickets[n], n, f"Keine Zeit {n}")
                poisoned = body(tickets[1000 + n], 1000 + n, "x").replace(b'"x"', b'"x\\ud800"')
                jobs.append(partial(post, session, url, honest))
                jobs.append(partial(post, session, url, poisoned))
            answers = await gather_limited(jobs, 64)
        return [s for s, _ in answers[0::2]], [s for s, _ in answers[1::2]]

    honest, poisoned = run(attack())
    assert honest == [200] * 1000
    assert set(poisoned) == {422}
    status, counted = server.call("GET", f"/api/polls/{TEXT_POLL}/results", token=server.token)
    assert status == 200 and isinstance(counted, dict) and counted["ballots"] == 1000


def test_monster_numbers_deep_json_and_odd_ids_get_a_4xx_not_a_traceback(server: Server) -> None:
    # Before: a 5,001-digit integer and JSON nested 5,000 deep gave 500 with a traceback;
    # "/api/answers/%C2%B2/approve" ("²" is a digit to str.isdigit) gave 500.
    server.control(POLL, "open")
    vote = f"/api/polls/{POLL}/votes"
    good = {"code": server.join_code, "device": phone(1), "vote_id": "v1", "choice": 0}
    huge = json.dumps({**good, "choice": 0}).replace('"choice": 0', '"choice": ' + "9" * 5001)
    deep = json.dumps({**good, "choice": 0}).replace('"choice": 0', '"choice": ' + "[" * 5000)
    assert server.call("POST", vote, raw=huge.encode())[0] == 400
    assert server.call("POST", vote, raw=deep.encode())[0] == 400
    for answer in ("%C2%B2", str(2**70), "-1", "1e3"):
        status, _ = server.call("POST", f"/api/answers/{answer}/approve", token=server.token)
        assert status == 404, answer
    assert server.vote(POLL, phone(1), "v1", 0)[0] == 200  # and the server goes on
    assert server.stop() == 0
    assert "Traceback" not in server.stderr


def test_forms_and_plain_text_cannot_vote(server: Server) -> None:
    # Before: text/plain and form bodies were accepted, so any web page a visitor opened
    # could post a vote through their browser without a CORS preflight.
    server.control(POLL, "open")
    body = json.dumps(
        {"code": server.join_code, "device": phone(1), "vote_id": "v1", "choice": 0}
    ).encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        connection.request("POST", f"/api/polls/{POLL}/votes", body=body,
                           headers={"Content-Type": kind})  # fmt: skip
        response = connection.getresponse()
        response.read()
        assert response.status == 415, kind
    connection.close()
    assert server.totals(POLL) == [0, 0, 0, 0]


def test_a_receipt_belongs_to_the_phone_that_voted(server: Server) -> None:
    # Before: another device sending the same vote_id got the first device's receipt.
    server.control(POLL, "open")
    status, mine = server.vote(POLL, phone(1), "gemeinsam", 2)
    assert status == 200 and isinstance(mine, dict)
    status, theirs = server.vote(POLL, phone(2), "gemeinsam", 0)
    assert status == 409 and isinstance(theirs, dict) and mine["receipt"] not in str(theirs)
    assert server.vote(POLL, phone(1), "gemeinsam", 2)[1] == mine  # the owner's retry
    assert server.totals(POLL) == [0, 0, 1, 0]


def test_one_address_cannot_stuff_the_ballot_while_honest_phones_all_count(
    tmp_path: Path,
) -> None:
    # Before: a script sending a new `device` id with every vote got 2,000 of 2,000
    # counted in 0.64 s; the per-device limit held only for a fixed id.
    server = start_server(tmp_path / "stuffing.impuls", poll_talk(tmp_path), devices_per_address=10)
    try:
        server.control(POLL, "open")
        base = f"http://127.0.0.1:{server.port}"
        url = f"{base}/api/polls/{POLL}/votes"

        def vote_body(device: str, n: int) -> bytes:
            return json.dumps({"code": server.join_code, "device": device,
                               "vote_id": f"s{n}", "choice": 3}).encode()  # fmt: skip

        async def stuffer() -> tuple[list[int], list[int], list[int]]:
            async with client("127.0.0.2") as session:
                made_up = await gather_limited(
                    [partial(post, session, url, vote_body(f"made-up-{n:016d}", n))
                     for n in range(1000)], 32)  # fmt: skip
                joins = await gather_limited(
                    [partial(post, session, f"{base}/api/join",
                             json.dumps({"code": server.join_code}).encode())
                     for _ in range(1000)], 32)  # fmt: skip
                tickets = [body["ticket"] for status, body in joins if status == 200]
                votes = await gather_limited(
                    [partial(post, session, url, vote_body(t, 5000 + n))
                     for n, t in enumerate(tickets)], 32)  # fmt: skip
            return [s for s, _ in made_up], [s for s, _ in joins], [s for s, _ in votes]

        async def honest(n: int) -> int:
            async with client(f"127.0.1.{n % 250 + 1}" if n < 250 else "127.0.2.1") as session:
                status, body = await post(session, f"{base}/api/join",
                                          json.dumps({"code": server.join_code}).encode())  # fmt: skip
                assert status == 200, body
                status, _ = await post(session, url, vote_body(body["ticket"], 100_000 + n))
                return status

        async def room() -> tuple[tuple[list[int], list[int], list[int]], list[int]]:
            stuffed = asyncio.create_task(stuffer())
            phones = await gather_limited([partial(honest, n) for n in range(200)], 50)
            return await stuffed, phones

        (made_up, joins, votes), phones = run(room())
        assert set(made_up) == {403}  # an invented device id is no ticket
        assert joins.count(200) == 10 and joins.count(429) == 990
        assert votes == [200] * 10
        assert phones == [200] * 200  # every honest phone counted
        assert server.totals(POLL) == [0, 0, 0, 210]
        _, speaker = server.call("GET", "/api/session", token=server.token)
        assert isinstance(speaker, dict)
        assert speaker["addresses"] == 201 and speaker["refused"] == 990  # the console's figures
    finally:
        server.stop()


def test_the_join_code_is_not_public_and_guessing_is_cut_short(server: Server) -> None:
    # Before: GET /api/session returned the code to anyone, and 3,000 wrong codes in
    # 0.73 s met no limit.
    status, session = server.call("GET", "/api/session")
    assert status == 200 and isinstance(session, dict) and server.join_code not in str(session)
    base = f"http://127.0.0.1:{server.port}"

    async def guess(source: str, codes: list[str]) -> list[int]:
        async with client(source) as session:
            answers = await gather_limited(
                [partial(post, session, f"{base}/api/join", json.dumps({"code": c}).encode())
                 for c in codes], 16)  # fmt: skip
        return [status for status, _ in answers]

    guesses = run(guess("127.0.0.3", [f"X{n:04d}" for n in range(300)]))
    assert guesses.count(403) <= 10 and guesses.count(429) >= 290
    assert run(guess("127.0.0.3", [server.join_code])) == [429]  # locked out for a minute
    assert run(guess("127.0.0.4", [server.join_code])) == [200]  # others are not


def test_phones_see_only_what_the_room_may_see(server: Server) -> None:
    # Before: /api/polls listed future polls, anonymous event streams told of every
    # tally, and the "watching" count grew with every stream anyone opened.
    ticket = server.ticket(phone(1))
    server.control(POLL, "open")
    status, listed = server.call("GET", "/api/polls", ticket=ticket)
    assert status == 200 and isinstance(listed, list)
    assert [p["id"] for p in listed] == [POLL]  # not the five polls still to come
    assert server.call("GET", "/api/events")[0] == 401

    def stream(with_ticket: str) -> tuple[http.client.HTTPConnection, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", f"/api/events?ticket={with_ticket}")
        return connection, connection.getresponse()

    streams = [stream(ticket) for _ in range(20)]
    accepted = [r.status for _, r in streams].count(200)
    assert 1 <= accepted <= STREAMS_PER_DEVICE * DEFAULT_WORKERS < 20  # a few tabs, no flood
    for connection, response in streams:
        if response.status != 200:
            connection.close()
    listening = next(r for _, r in streams if r.status == 200)
    assert listening.readline() == b"retry: 2000\n"
    listening.readline()
    _, speaker = server.call("GET", "/api/session", token=server.token)
    assert isinstance(speaker, dict) and speaker["watching"] == 1  # one phone, several tabs
    server.vote(POLL, phone(2), "hidden", 0)  # a tally the room must not hear of yet
    server.control(POLL, "reveal")
    server.vote(POLL, phone(3), "shown", 1)
    events = read_events(listening.readline)
    revealed = next(events)
    assert (revealed.event, revealed.json()) == (
        Event.POLL,
        {"poll": POLL, "action": "reveal", "state": "open"},
    )
    # Only after the reveal: then with the hidden vote, until the one after it.
    while (tally := next(events)).json()["results"]["ballots"] != 2:
        assert tally.event == Event.TALLY and tally.json()["results"]["ballots"] == 1
    assert tally.event == Event.TALLY
    for connection, response in streams:
        if response.status == 200:
            connection.close()


def test_another_sites_page_cannot_use_the_server(server: Server) -> None:
    # Before: any Host was served, so a page elsewhere (or DNS rebinding) could vote
    # through a visitor's browser.
    server.control(POLL, "open")
    body = json.dumps({"code": server.join_code, "device": server.ticket(phone(1)),
                       "vote_id": "v1", "choice": 0})  # fmt: skip
    for headers, expected in (
        ({"Host": "evil.example"}, 421),
        ({"Host": f"rebind.example:{server.port}"}, 421),
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": f"http://127.0.0.1:{server.port}"}, 200),
    ):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("POST", f"/api/polls/{POLL}/votes", body=body,
                           headers={"Content-Type": "application/json", **headers})  # fmt: skip
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == expected, headers
    assert server.totals(POLL) == [1, 0, 0, 0]


@pytest.mark.slow
def test_idle_and_slow_connections_do_not_starve_honest_phones(tmp_path: Path) -> None:
    # Before: no time-outs and no cap; 2,200 idle connections starved the workers, a
    # presenter request timed out, and asyncio logged 224 MB of tracebacks in 90 s.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # The server starts with a desktop's usual limit of 1,024 open files, as the app's
    # child would; this test then needs more for the attacker's sockets.
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 1024), hard))
    server = start_server(
        tmp_path / "exhaustion.impuls", poll_talk(tmp_path), devices_per_address=10
    )
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    held: list[socket.socket] = []
    try:
        server.control(POLL, "open")
        tickets = {n: join(server.port, server.join_code, f"127.0.4.{n + 1}") for n in range(100)}

        def attacker(source: str, count: int, opening: bytes) -> None:
            for _ in range(count):
                sock = socket.socket()
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\0" * 8)
                sock.bind((source, 0))
                try:
                    sock.connect(("127.0.0.1", server.port))
                    if opening:
                        sock.sendall(opening)
                except OSError:
                    sock.close()
                    continue
                held.append(sock)

        attacker("127.0.0.5", 2000, b"")  # idle
        attacker(
            "127.0.0.6", 250, b"POST /api/polls/x/votes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a"
        )  # slow header
        attacker(
            "127.0.0.7",
            250,
            b"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 900\r\n\r\n{",
        )  # slow body
        waits = []
        for n, ticket in tickets.items():  # 100 honest phones, each from its own address
            began = time.perf_counter()
            connection = http.client.HTTPConnection(
                "127.0.0.1", server.port, timeout=5, source_address=(f"127.0.4.{n + 1}", 0)
            )
            connection.request("POST", f"/api/polls/{POLL}/votes", body=json.dumps(
                {"code": server.join_code, "device": ticket, "vote_id": f"h{n}", "choice": 1}
            ), headers={"Content-Type": "application/json"})  # fmt: skip
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == 200
            waits.append(time.perf_counter() - began)
        assert max(waits) < 2.0, max(waits)
        assert server.call("GET", "/api/session", token=server.token)[0] == 200  # the speaker too
        assert server.totals(POLL) == [0, 100, 0, 0]
    finally:
        for sock in held:
            sock.close()
        server.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert len(server.stderr) < 100_000  # a few lines, not megabytes of tracebacks


def test_a_full_disk_on_restart_is_named_and_loses_nothing(tmp_path: Path) -> None:
    # Before: "not an Impuls session (database or disk is full)", which invites
    # deleting the file, and a traceback from the checkpoint on stop.
    session = tmp_path / "voll.impuls"
    server = start_server(session, poll_talk(tmp_path))
    server.control(POLL, "open")
    for n in range(5):
        assert server.vote(POLL, phone(n), f"v{n}", 1)[0] == 200
    assert server.stop() == 0

    def tiny_disk() -> None:  # files may not grow past 4 KB: the disk is full
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    full = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "serve", str(poll_talk(tmp_path)), "--session", str(session),
         "--port", "0", "--host", "127.0.0.1"],
        preexec_fn=tiny_disk, capture_output=True, text=True, timeout=30,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert full.returncode == 1
    assert "Sitzung ist unversehrt" in full.stderr and "not an Impuls session" not in full.stderr
    assert "Traceback" not in full.stderr
    again = start_server(session, poll_talk(tmp_path))  # space again: everything is there
    try:
        assert again.totals(POLL) == [0, 5, 0, 0]
    finally:
        again.stop()


def test_behind_a_trusted_proxy_each_forwarded_phone_is_counted(tmp_path: Path) -> None:
    # A hybrid event: every phone comes through one reverse proxy. Its X-Forwarded-For
    # is believed, and only its; the public address is answered to.
    server = start_server(
        tmp_path / "proxy.impuls",
        poll_talk(tmp_path),
        devices_per_address=2,
        options=("--trusted-proxy", "127.0.0.20", "--public-url", "https://abstimmen.example"),
    )
    try:

        def join_via(source: str, forwarded: str, host: str = "abstimmen.example") -> int:
            connection = http.client.HTTPConnection(
                "127.0.0.1", server.port, timeout=10, source_address=(source, 0)
            )
            connection.request("POST", "/api/join", body=json.dumps({"code": server.join_code}),
                               headers={"Content-Type": "application/json", "Host": host,
                                        "X-Forwarded-For": forwarded})  # fmt: skip
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status

        proxied = [join_via("127.0.0.20", f"198.51.100.{n % 5}") for n in range(10)]
        assert proxied == [200] * 10  # five phones behind the proxy, two tickets each
        assert join_via("127.0.0.20", "198.51.100.0") == 429  # the third from one of them
        spoofed = [join_via("127.0.0.21", f"198.51.100.{50 + n}") for n in range(3)]
        assert spoofed == [200, 200, 429]  # anyone else's header counts for nothing
        assert join_via("127.0.0.20", "198.51.100.9", host="evil.example") == 421
    finally:
        server.stop()
