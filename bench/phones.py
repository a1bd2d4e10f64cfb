"""Many phones on one machine, cheaply: what the room's benchmarks time must be the server.

The benchmarks run the server and its phones on the same two cores, so every
microsecond a simulated phone spends is taken from the server and lands in the
figure. aiohttp's client spent 0.35 ms of CPU per vote at 2,000 phones at once
(700 ms in all, more per phone the more phones: ×5.5 the CPU for ×4 the phones),
as much as both server workers together. A phone here is one socket and an
`asyncio.Protocol` that writes request bytes made before the clock starts and
reads the answer's status line: 0.15 ms per vote, and the same per phone at 500
as at 2,000.

- `votes_at_once`: phones each open a connection and post one vote at the same
  moment, as a room does when the speaker says "now"; when each answer came.
- `Listeners`: phones following `/api/events` as the phone page does; when each
  heard a poll open (or any event a benchmark waits for).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp

from tests.support.serving import join_many
from workshop_app.voting.messages import Event

HOST = "127.0.0.1"


def request_bytes(port: int, method: str, path: str, body: object = None,
                  headers: dict[str, str] | None = None) -> bytes:  # fmt: skip
    """One HTTP/1.1 request as a phone's browser sends it (keep-alive, JSON body)."""
    data = b"" if body is None else json.dumps(body).encode()
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}"]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


class _Exchange(asyncio.Protocol):
    """Writes one request, and resolves `answered` with (status, when) once the whole
    answer is in; then hangs up, as a phone's page would once it has its receipt."""

    def __init__(self, request: bytes, answered: asyncio.Future[tuple[int, float]]) -> None:
        self.request, self.answered, self.buffer = request, answered, b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        head, found, body = self.buffer.partition(b"\r\n\r\n")
        if not found or self.answered.done():
            return
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if len(body) >= length:
            self.answered.set_result((int(head[9:12]), time.perf_counter()))
            assert self.transport is not None
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.answered.done():
            self.answered.set_exception(ConnectionError(f"closed before the answer: {exc}"))


@dataclass(frozen=True)
class Burst:
    began: float  # perf_counter when the first phone started connecting
    answers: list[tuple[int, float]]  # (status, when) per phone, in the phones' order
    client_cpu_s: float  # what the phones themselves cost: their process's CPU meanwhile

    @property
    def last_s(self) -> float:
        return max(when for _, when in self.answers) - self.began

    @property
    def statuses(self) -> set[int]:
        return {status for status, _ in self.answers}


async def exchanges_at_once(port: int, requests: list[bytes]) -> Burst:
    """Each request on a connection of its own, all started at once."""
    loop = asyncio.get_running_loop()
    answered = [loop.create_future() for _ in requests]
    cpu = time.process_time()
    began = time.perf_counter()
    connecting = [
        loop.create_task(
            loop.create_connection(lambda r=request, a=done: _Exchange(r, a), HOST, port)  # type: ignore[misc]
        )
        for request, done in zip(requests, answered, strict=True)
    ]
    answers = await asyncio.gather(*answered)
    await asyncio.gather(*connecting)
    return Burst(began, list(answers), time.process_time() - cpu)


async def votes_at_once(port: int, code: str, poll: str, tickets: list[str], tag: str) -> Burst:
    """Each ticket's phone posts one vote on `poll` at the same moment."""
    requests = [
        request_bytes(port, "POST", f"/api/polls/{poll}/votes",
                      {"code": code, "device": ticket, "vote_id": f"{tag}{n}", "choice": n % 4})
        for n, ticket in enumerate(tickets)
    ]  # fmt: skip
    return await exchanges_at_once(port, requests)


async def tickets(port: int, code: str, count: int) -> list[str]:
    """`count` phones join (not on any clock); their tickets."""
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        return await join_many(session, f"http://{HOST}:{port}", code, count)


class _Follower(asyncio.Protocol):
    """One phone's `/api/events` stream: each event's name and data to `heard`."""

    def __init__(self, request: bytes, heard: Callable[[str, bytes, float], None]) -> None:
        self.request, self.heard, self.buffer = request, heard, b""
        self.started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self.buffer += data
        if not self.started.done():
            head, found, self.buffer = self.buffer.partition(b"\r\n\r\n")
            if not found:
                self.buffer = head
                return
            if not head.startswith(b"HTTP/1.1 200"):
                self.started.set_exception(RuntimeError(head.split(b"\r\n")[0].decode()))
                return
            self.started.set_result(None)
        # The body is chunked: the chunks' sizes are lines of their own between events.
        *messages, self.buffer = self.buffer.split(b"\n\n")
        for message in messages:
            name = data_line = b""
            for line in message.split(b"\n"):
                if line.startswith(b"event: "):
                    name = line[7:].rstrip(b"\r")
                elif line.startswith(b"data: "):
                    data_line = line[6:]
            if name:
                self.heard(name.decode(), data_line, now)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.started.done():
            self.started.set_exception(ConnectionError(f"no stream: {exc}"))


class Listeners:
    """Phones following the room over Server-Sent Events, in the caller's event loop:
    `heard_poll[(poll, action)]` lists when each phone heard that poll event."""

    def __init__(self, port: int, tickets: list[str]) -> None:
        self.port, self.tickets = port, tickets
        self.heard_poll: dict[tuple[str, str], list[float]] = defaultdict(list)
        self._waiting: dict[tuple[str, str], asyncio.Future[None]] = {}
        self._followers: list[_Follower] = []

    async def start(self, at_once: int = 200) -> None:
        loop = asyncio.get_running_loop()
        for first in range(0, len(self.tickets), at_once):  # as a room arrives, not one SYN flood
            made = []
            for ticket in self.tickets[first : first + at_once]:
                request = request_bytes(self.port, "GET", f"/api/events?ticket={ticket}",
                                        headers={"Accept": "text/event-stream"})  # fmt: skip
                follower = _Follower(request, self._heard)
                made.append(loop.create_connection(lambda f=follower: f, HOST, self.port))  # type: ignore[misc]
                self._followers.append(follower)
            await asyncio.gather(*made)
        await asyncio.gather(*(f.started for f in self._followers))

    def _heard(self, name: str, data: bytes, when: float) -> None:
        if name != Event.POLL:
            return
        said = json.loads(data)
        key = (str(said.get("poll")), str(said.get("action")))
        arrivals = self.heard_poll[key]
        arrivals.append(when)
        waiting = self._waiting.get(key)
        if waiting is not None and len(arrivals) >= len(self.tickets) and not waiting.done():
            waiting.set_result(None)

    async def everyone_heard(self, poll: str, action: str, timeout: float = 30.0) -> list[float]:
        """Wait until every phone heard `action` on `poll`; when each did."""
        key = (poll, action)
        if len(self.heard_poll[key]) < len(self.tickets):
            self._waiting[key] = asyncio.get_running_loop().create_future()
            await asyncio.wait_for(self._waiting[key], timeout)
        self._waiting.pop(key, None)
        return self.heard_poll.pop(key)

    def close(self) -> None:
        for follower in self._followers:
            if follower.transport is not None:
                follower.transport.close()
