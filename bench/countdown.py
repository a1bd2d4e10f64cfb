"""A poll's countdown across 500 phones: how far each phone's end is from the server's.

Runs the real `serve` process on a deck with a timed poll, and 500 phones in a
thread of their own (aiohttp) that do what phone.js does: on a poll event, ask
for /api/session and count down from its `left`, from the moment the answer
arrived. The app's stream (the presenter's) does what the app does: count down
from the `left` of the poll's tally event. Each round opens the poll (or gives
it "+30 s"); the server's own end is read from the session file (its `deadline`
poll event). Reported: each phone's end minus the server's, in ms (its size:
`error`), and per round the spread between the earliest and the latest phone.

Baseline in the same run: phones that start a timer of the deck's seconds when
the poll event reaches them (no `left`): their end is late by the event's trip.

    python -m bench.countdown [--phones 500] [--rounds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.live_screen import describe, finish
from tests.support.decks import COUNTDOWN, TIMED, countdown_talk
from tests.support.serving import join_many, start_server
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import read_events_async


class Phones:
    """`count` phones (and the app's stream) following a countdown, in a thread of their own."""

    def __init__(self, base: str, code: str, token: str, count: int) -> None:
        self.base, self.code, self.token, self.count = base, code, token, count
        self.ends: dict[int, dict[str, float]] = {}  # round → each phone's end (time.time())
        self.naive: dict[int, list[float]] = {}  # round → each phone's end, timer from the event
        self.app: dict[int, float] = {}  # round → the app stream's end
        self.trips: list[float] = []  # each phone's request for the session: its round trip
        self.round = -1
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._follow(), self.loop)
        if not self.ready.wait(120):
            raise TimeoutError("the phones did not connect")

    async def _follow(self) -> None:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        tickets = await join_many(self.session, self.base, self.code, self.count)
        streams = []
        for ticket in tickets:
            stream = await self.session.get(f"{self.base}/api/events", params={"ticket": ticket})
            await stream.content.readline()
            streams.append((ticket, stream))
        app = await self.session.get(f"{self.base}/api/events",
                                     headers={"Authorization": f"Bearer {self.token}"})  # fmt: skip
        await app.content.readline()
        self.tasks = [asyncio.create_task(self._phone(t, s)) for t, s in streams]
        self.tasks.append(asyncio.create_task(self._app(app)))
        self.ready.set()

    async def _phone(self, ticket: str, stream: aiohttp.ClientResponse) -> None:
        headers = {"Authorization": f"Ticket {ticket}"}
        async for event in read_events_async(stream.content.readany):
            if event.event != Event.POLL:
                continue
            heard, here = time.time(), self.round
            if event.json().get("action") == "open" and here >= 0:
                self.naive.setdefault(here, []).append(heard + COUNTDOWN)
            sent = time.time()
            async with self.session.get(f"{self.base}/api/session", headers=headers) as answer:
                arrived = time.time()  # as the answer's head arrives, before it is read
                current = (await answer.json())["current_poll"]
            self.trips.append(arrived - sent)
            if current and current.get("left") is not None and here >= 0:
                self.ends.setdefault(here, {})[ticket] = arrived + current["left"]

    async def _app(self, stream: aiohttp.ClientResponse) -> None:
        async for event in read_events_async(stream.content.readany):
            if event.event == Event.TALLY and self.round >= 0:
                left = event.json()["results"].get("left")
                if left is not None:
                    self.app[self.round] = time.time() + left

    def heard(self, round_: int) -> bool:
        return len(self.ends.get(round_, ())) >= self.count and round_ in self.app


def server_end(session: Path) -> float:
    """The end the server decided, as its session file keeps it."""
    db = sqlite3.connect(f"file:{session}?mode=ro", uri=True)
    try:
        row = db.execute(
            "SELECT at FROM poll_events WHERE kind = 'deadline' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        db.close()
    return float(row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    result: dict[str, object] = {"cores": os.cpu_count(), "phones": args.phones}
    with tempfile.TemporaryDirectory() as tmp:
        session = Path(tmp) / "bench.impuls"
        server = start_server(session, countdown_talk(Path(tmp)))
        try:
            phones = Phones(f"http://127.0.0.1:{server.port}", server.join_code, server.token,
                            args.phones)  # fmt: skip
            phones.start()
            errors: list[float] = []
            naive: list[float] = []
            app: list[float] = []
            spreads: list[float] = []
            for round_ in range(args.rounds):
                action = "open" if round_ % 2 == 0 else "extend"  # and "+30 s" on it
                if action == "open":  # a fresh run; its events are no round's
                    phones.round = -1
                    server.control(TIMED, "reset")
                    time.sleep(0.5)
                phones.round = round_
                server.control(TIMED, action)
                deadline = time.monotonic() + 60
                while not phones.heard(round_):
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"round {round_}: not every phone heard")
                    time.sleep(0.01)
                truth = server_end(session)
                ends = list(phones.ends[round_].values())
                errors += [abs(end - truth) * 1000 for end in ends]
                spreads.append((max(ends) - min(ends)) * 1000)
                app.append(abs(phones.app[round_] - truth) * 1000)
                naive += [abs(end - truth) * 1000 for end in phones.naive.get(round_, ())]
                time.sleep(0.2)  # the room settles between rounds
            result["phone_end_error_ms"] = describe("phone's end − server's end", errors)
            result["round_spread_ms"] = describe("per round: latest − earliest phone", spreads)
            result["app_end_error_ms"] = describe("the app's end − server's end", app)
            result["baseline_timer_from_event_error_ms"] = describe(
                "baseline: a timer started on hearing the event", naive
            )
            result["session_round_trip_ms"] = describe(
                "a phone's request for the session: its round trip",
                [trip * 1000 for trip in phones.trips],
            )
            result["error_p95_ratio_to_baseline"] = round(
                statistics.quantiles(errors, n=20)[-1] / statistics.quantiles(naive, n=20)[-1], 2
            )
        finally:
            server.stop()
    finish("countdown", result)


if __name__ == "__main__":
    sys.exit(main())
