"""The voting server against a hostile phone on the same Wi-Fi: real server, real sockets.

Source addresses from 127.0.0.0/8 stand for different phones (Linux routes the
whole block to loopback). Each test names the attack it closes (issue 17).
"""

from __future__ import annotations

import asyncio
import http.client
import json
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import aiohttp

from bench.serving import Server, phone

TEXT_POLL = "gegenargument"  # open answers
POLL = "pflicht-vorher"  # single choice, four options


def run(coroutine: Awaitable[Any]) -> Any:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


async def gather_limited(jobs: list[Callable[[], Awaitable[Any]]], at_once: int) -> list[Any]:
    gate = asyncio.Semaphore(at_once)

    async def one(job: Callable[[], Awaitable[Any]]) -> Any:
        async with gate:
            return await job()

    return await asyncio.gather(*(one(job) for job in jobs))


def client(source: str = "127.0.0.1", limit: int = 100) -> aiohttp.ClientSession:
    """A phone (or a script) whose packets come from `source`."""
    connector = aiohttp.TCPConnector(local_addr=(source, 0), limit=limit, force_close=False)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30))


async def post(session: aiohttp.ClientSession, url: str, data: bytes) -> tuple[int, Any]:
    async with session.post(url, data=data, headers={"Content-Type": "application/json"}) as r:
        text = await r.text()
        return r.status, json.loads(text) if text else None


def test_poisoned_answers_never_cost_an_honest_vote(server: Server) -> None:
    # Before: "x\ud800" raised UnicodeEncodeError inside the shared group commit; the
    # batch rolled back and 647 of 1,000 honest answers got 503.
    server.control(TEXT_POLL, "open")
    url = f"http://127.0.0.1:{server.port}/api/polls/{TEXT_POLL}/votes"

    def body(n: int, text: str) -> bytes:
        return json.dumps(
            {"code": server.join_code, "device": phone(n), "vote_id": f"v{n}", "choice": text}
        ).encode()

    async def attack() -> tuple[list[int], list[int]]:
        async with client() as session:
            jobs: list[Callable[[], Awaitable[Any]]] = []
            for n in range(1000):
                honest = body(n, f"Keine Zeit {n}")
                poisoned = body(100_000 + n, "x").replace(b'"x"', b'"x\\ud800"')
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
