"""500 phones following the room over Server-Sent Events, in a thread of their own.

Shared by the benchmarks that time what reaches every phone (bench.questions,
bench.follow): each phone records when it first heard of a question, a poll's
opening or a slide.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict

import aiohttp

from tests.support.serving import join_many
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import read_events_async


class Room:
    """500 phones following the room in a thread of their own; when each heard what."""

    def __init__(self, port: int, code: str, phones: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.code, self.phones = code, phones
        self.heard_question: dict[int, list[float]] = defaultdict(list)  # id → arrivals
        self.heard_poll: dict[str, list[float]] = defaultdict(list)
        self.heard_slide: dict[int, list[float]] = defaultdict(list)  # index → arrivals
        self.slide_bytes: list[int] = []  # the size of each slide event one phone got
        self.tickets: list[str] = []
        self.ready = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._follow(), self.loop)
        if not self.ready.wait(60):
            raise TimeoutError("the phones did not connect")

    def run(self, coroutine: object) -> object:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(120)  # type: ignore[arg-type]

    async def _follow(self) -> None:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        self.tickets = await join_many(self.session, self.base, self.code, self.phones + 600)
        streams = []
        for ticket in self.tickets[: self.phones]:
            stream = await self.session.get(f"{self.base}/api/events", params={"ticket": ticket})
            await stream.content.readline()
            await stream.content.readline()
            streams.append(stream)
        self.first_stream = streams[0]
        self.listening = [asyncio.create_task(self._listen(stream)) for stream in streams]
        self.ready.set()

    async def _listen(self, stream: aiohttp.ClientResponse) -> None:
        seen: set[int] = set()
        async for event in read_events_async(stream.content.readany):
            now = time.perf_counter()
            data = event.json()
            if event.event == Event.QUESTIONS:
                for question in data["questions"]:
                    if question["id"] not in seen:
                        seen.add(question["id"])
                        self.heard_question[question["id"]].append(now)
            elif event.event == Event.POLL and data.get("action") == "open":
                self.heard_poll[data["poll"]].append(now)
            elif event.event == Event.SLIDE and "index" in data:
                self.heard_slide[data["index"]].append(now)
                if stream is self.first_stream:  # as the "data: " line was counted
                    self.slide_bytes.append(len(b"data: \n") + len(event.data.encode()))

    def everyone(self, arrivals: list[float]) -> bool:
        return len(arrivals) >= self.phones
