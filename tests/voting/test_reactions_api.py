"""Reactions from the room through the real server (issue 34, must hold 3): a tap counts
for the room's slide, the console hears the room gathered (never one event per tap),
floods from one ticket and from many addresses are refused, and what was accepted is
counted exactly once, as counts per slide with nothing about the phones."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp

from tests.support.serving import Server, client, join_many, run, start_server
from tests.voting.test_hostile import gather_limited, post
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.voting.messages import Event
from workshop_app.voting.room_reactions import RATE_OF_REACTIONS, REACTIONS_INTERVAL

CLAP, HEART, LAUGH, THINK = DEFAULT_REACTIONS
PER_TICKET = RATE_OF_REACTIONS[0]


def tap(server: Server, ticket: str, emoji: str) -> tuple[int, Any]:
    body = {"code": server.join_code, "device": ticket, "emoji": emoji}
    return server.call("POST", "/api/reactions", body)


def counts(session: Path) -> dict[tuple[int, str], int]:
    """The session file's reactions, as they are stored (after the server stopped)."""
    db = sqlite3.connect(session)
    try:
        return {(s, e): c for s, e, c in db.execute("SELECT slide, emoji, count FROM reactions")}
    finally:
        db.close()


class Heard:
    """The presenter's stream, read in a thread: every reactions event, as it came."""

    def __init__(self, server: Server, until: int) -> None:
        self.stream = server.follow(token=server.token)
        self.events: list[dict[str, Any]] = []
        self.until = until  # taps in all: the reader stops once the bursts add up to it
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        heard = 0
        while heard < self.until:
            event = self.stream.next()
            if event.event == Event.REACTIONS:
                data = event.json()
                self.events.append(data)
                heard += sum(data["burst"].values())

    def wait(self) -> list[dict[str, Any]]:
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), f"heard {self.events!r:.300}"
        self.stream.close()
        return self.events


def test_a_tap_counts_for_the_rooms_slide_and_the_console_hears_totals(server: Server) -> None:
    assert server.call("PUT", "/api/slide", {"index": 2}, token=server.token)[0] == 200
    ticket = server.ticket("anna")
    _, info = server.call("GET", "/api/session", ticket=ticket)
    assert isinstance(info, dict) and info["reactions"] == list(DEFAULT_REACTIONS)
    heard = Heard(server, until=4)
    answers = [tap(server, ticket, emoji) for emoji in (CLAP, CLAP, HEART, CLAP)]
    assert answers == [(200, {"emoji": e, "slide": 2}) for e in (CLAP, CLAP, HEART, CLAP)]
    events = heard.wait()
    assert events[-1]["slide"] == 2 and events[-1]["totals"] == {CLAP: 3, HEART: 1}
    # Not one of the talk's reactions, or no ticket: refused, and nothing counted.
    assert tap(server, ticket, "🍕")[0] == 422
    assert tap(server, ticket, "<b>")[0] == 422
    assert tap(server, "x" * 44, CLAP)[0] == 403
    assert server.call("POST", "/api/reactions", {"code": server.join_code,
                                                   "device": ticket})[0] == 400  # fmt: skip
    session = server.session
    assert server.stop() == 0, server.stderr
    assert counts(session) == {(2, CLAP): 3, (2, HEART): 1}
    db = sqlite3.connect(session)
    columns = [row[1] for row in db.execute("PRAGMA table_info(reactions)")]
    db.close()
    assert columns == ["slide", "emoji", "count"]  # nothing about the phones


def test_reactions_from_200_phones_reach_the_console_gathered(server: Server) -> None:
    phones, taps_each = 200, 2
    base = f"http://127.0.0.1:{server.port}"
    heard = Heard(server, until=phones * taps_each)

    async def room() -> tuple[list[int], float]:
        async with aiohttp.ClientSession() as session:
            tickets = await join_many(session, base, server.join_code, phones)
            began = time.monotonic()
            jobs: list[Callable[[], Awaitable[Any]]] = [
                partial(post, session, f"{base}/api/reactions", json.dumps({
                    "code": server.join_code, "device": ticket,
                    "emoji": DEFAULT_REACTIONS[(n + k) % 4]}).encode())
                for k in range(taps_each) for n, ticket in enumerate(tickets)
            ]  # fmt: skip
            answered = await gather_limited(jobs, 64)
            return [status for status, _ in answered], time.monotonic() - began

    statuses, seconds = run(room())
    assert statuses == [200] * (phones * taps_each)
    events = heard.wait()
    assert sum(sum(e["burst"].values()) for e in events) == phones * taps_each
    assert events[-1]["totals"] == dict.fromkeys(DEFAULT_REACTIONS, phones * taps_each // 4)
    # Gathered: at most one event per interval (and one more as the last taps land),
    # where one per tap would have been 400.
    assert len(events) <= seconds / REACTIONS_INTERVAL + 2, (len(events), seconds)
    assert len(events) < phones * taps_each / 10


def test_a_flood_from_one_ticket_is_refused_and_counted_once(server: Server) -> None:
    ticket = server.ticket("flut")
    began = time.monotonic()
    statuses = [tap(server, ticket, LAUGH)[0] for _ in range(PER_TICKET + 20)]
    assert time.monotonic() - began < RATE_OF_REACTIONS[1]  # one window: the cap is exact
    assert statuses == [200] * PER_TICKET + [429] * 20
    other = server.ticket("nachbarin")  # the next phone is not held back
    assert tap(server, other, LAUGH)[0] == 200
    session = server.session
    assert server.stop() == 0, server.stderr
    assert counts(session) == {(0, LAUGH): PER_TICKET + 1}


def test_floods_from_50_addresses_are_refused_per_ticket_and_per_address(
    tmp_path: Path,
) -> None:
    # Each address may hold two tickets; its taps are capped at two phones' worth, also
    # when a script brings tickets from the 50 addresses to one.
    server = start_server(tmp_path / "flut.impuls", devices_per_address=2)
    base = f"http://127.0.0.1:{server.port}"
    addresses = [f"127.0.6.{n + 1}" for n in range(50)]

    def body(ticket: str) -> bytes:
        return json.dumps({"code": server.join_code, "device": ticket, "emoji": CLAP}).encode()

    async def tickets_of(address: str) -> list[str]:
        async with client(address) as session:
            return await join_many(session, base, server.join_code, 2)

    async def flood(address: str, tickets: list[str], each: int) -> tuple[list[int], float]:
        async with client(address) as session:
            jobs: list[Callable[[], Awaitable[Any]]] = [
                partial(post, session, f"{base}/api/reactions", body(t))
                for t in tickets for _ in range(each)]  # fmt: skip
            began = time.monotonic()
            statuses = [status for status, _ in await gather_limited(jobs, 16)]
            return statuses, time.monotonic() - began

    async def attack() -> tuple[list[tuple[list[int], float]], tuple[list[int], float]]:
        held = await asyncio.gather(*(tickets_of(a) for a in addresses))
        spare = await asyncio.gather(*(tickets_of(f"127.0.8.{n + 1}") for n in range(25)))
        # Each address floods with its own two tickets, ten addresses at a time: the caps
        # are per ticket and per address, so what must fit in one window is each
        # address's own flood (all fifty at once took 11 s on a loaded machine) …
        own: list[tuple[list[int], float]] = []
        for group in range(0, len(addresses), 10):
            own += await asyncio.gather(*(flood(a, t, PER_TICKET + 10) for a, t in
                                          zip(addresses[group:group + 10],
                                              held[group:group + 10], strict=True)))  # fmt: skip
        # … and one address with fifty tickets it did not get itself.
        brought = await flood("127.0.7.1", [t for pair in spare for t in pair], 2)
        return own, brought

    try:
        floods, (brought, brought_seconds) = run(attack())
    finally:
        session = server.session
        assert server.stop() == 0, server.stderr
    own = [statuses for statuses, _ in floods]
    slowest = max(seconds for _, seconds in [*floods, (brought, brought_seconds)])
    assert slowest < RATE_OF_REACTIONS[1], "an address's windows must not refill meanwhile"
    for statuses in own:
        assert sorted(statuses) == [200] * (2 * PER_TICKET) + [429] * 20
    assert brought.count(200) == 2 * PER_TICKET and brought.count(429) == 100 - 2 * PER_TICKET
    accepted = sum(s.count(200) for s in own) + brought.count(200)
    assert counts(session) == {(0, CLAP): accepted}  # each accepted tap once, no refused one


def test_a_talk_without_reactions_refuses_them(tmp_path: Path) -> None:
    deck = tmp_path / "still.md"
    deck.write_text("---\ntitle: Still\nreactions: false\n---\n# Eins\n", encoding="utf-8")
    server = start_server(tmp_path / "still.impuls", deck)
    try:
        ticket = server.ticket("inge")
        status, refused = tap(server, ticket, CLAP)
        assert status == 404 and isinstance(refused, dict)
        assert refused["error"] == "reactions_off"
        _, info = server.call("GET", "/api/session", ticket=ticket)
        assert isinstance(info, dict) and info["reactions"] == []
    finally:
        assert server.stop() == 0, server.stderr


def test_a_tap_counts_for_the_slide_the_room_sees_while_the_speaker_moves_on(
    server: Server,
) -> None:
    ticket = server.ticket("frieda")
    frozen = {"slide": 3, "blank": "none", "follow": True}  # the projector stays on 4
    assert server.call("PUT", "/api/room", frozen, token=server.token)[0] == 200
    assert server.call("PUT", "/api/slide", {"index": 5}, token=server.token)[0] == 200
    assert tap(server, ticket, CLAP) == (200, {"emoji": CLAP, "slide": 3})
