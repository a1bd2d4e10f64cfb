"""Many phones on one machine, cheaply: what the room's benchmarks time must be the server.

The benchmarks run the server and its phones on the same two cores, so every
microsecond a simulated phone spends is taken from the server and lands in the
figure. aiohttp's client spent 0.35 ms of CPU per vote at 2,000 phones at once
(700 ms in all, more per phone the more phones: ×5.5 the CPU for ×4 the phones),
as much as both server workers together. A phone here is a non-blocking socket
that writes request bytes made before the clock starts and reads the answer's
status line: about 0.15 ms per vote, and the same per phone at 500 as at 2,000.

- `votes_at_once`: phones each open a connection and post one vote at the same
  moment, as a room does when the speaker says "now"; when each answer came.
- `Listeners`: phones following `/api/events` as the phone page does (an
  `asyncio.Protocol` each, in the caller's event loop); when each heard an event,
  by default a poll's change (`poll_change`), or whatever `key` picks out.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import socket
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


def _answer(buffer: bytes) -> int | None:
    """The status of a whole HTTP answer in `buffer`; None while it is incomplete."""
    head, found, body = buffer.partition(b"\r\n\r\n")
    if not found:
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return int(head[9:12]) if len(body) >= length else None


def exchanges_at_once(port: int, requests: list[bytes]) -> Burst:
    """Each request on a connection of its own, all started at once; when each answer came.

    Plain non-blocking sockets and epoll, not asyncio: the phones must not queue behind
    their own client. With asyncio's create_connection the 2,000th phone began to connect
    0.8 s after the first, and no request was sent before every phone had begun. Here a
    phone connects, and every 64 phones those connected send their request, so the
    server has the first votes while the last phones are still dialling.
    """
    sockets = []
    for _ in requests:  # before the clock: a phone's socket exists before it votes
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sockets.append(sock)
    poller = select.epoll()
    unsent: dict[int, tuple[int, bytes]] = {}  # fd → (phone, what is left to send)
    received: dict[int, tuple[int, bytes]] = {}  # fd → (phone, the answer so far)
    answers: list[tuple[int, float] | None] = [None] * len(requests)
    by_fd = {sock.fileno(): sock for sock in sockets}

    def events(timeout: float) -> None:
        for fd, _ in poller.poll(timeout):
            sock = by_fd[fd]
            if fd in unsent:
                phone, rest = unsent.pop(fd)
                error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if error:
                    raise ConnectionError(f"phone {phone} could not connect: {os.strerror(error)}")
                sent = sock.send(rest)
                if sent < len(rest):
                    unsent[fd] = (phone, rest[sent:])
                else:
                    received[fd] = (phone, b"")
                    poller.modify(fd, select.EPOLLIN)
                continue
            phone, answer = received[fd]
            data = sock.recv(65536)
            if not data:
                raise ConnectionError(f"phone {phone}: closed before the answer")
            answer += data
            status = _answer(answer)
            if status is None:
                received[fd] = (phone, answer)
                continue
            answers[phone] = (status, time.perf_counter())
            del received[fd]
            poller.unregister(fd)
            sock.close()

    cpu = time.process_time()
    began = time.perf_counter()
    try:
        for phone, (sock, request) in enumerate(zip(sockets, requests, strict=True)):
            sock.connect_ex((HOST, port))  # in progress; writable once connected
            unsent[sock.fileno()] = (phone, request)
            poller.register(sock.fileno(), select.EPOLLOUT)
            if phone % 64 == 63:
                events(0)
        while unsent or received:
            events(30.0)
    finally:
        poller.close()
        for sock in sockets:
            sock.close()
    done = [answer for answer in answers if answer is not None]
    if len(done) != len(requests):
        raise ConnectionError(f"{len(requests) - len(done)} phones got no answer")
    return Burst(began, done, time.process_time() - cpu)


def votes_at_once(port: int, code: str, poll: str, tickets: list[str], tag: str) -> Burst:
    """Each ticket's phone posts one vote on `poll` at the same moment."""
    requests = [
        request_bytes(port, "POST", f"/api/polls/{poll}/votes",
                      {"code": code, "device": ticket, "vote_id": f"{tag}{n}", "choice": n % 4})
        for n, ticket in enumerate(tickets)
    ]  # fmt: skip
    return exchanges_at_once(port, requests)


async def exchange(port: int, request: bytes) -> tuple[int, float]:
    """One request on a connection of its own, in the caller's event loop: (status, when
    its answer was in)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(request)
        answer = b""
        while (status := _answer(answer)) is None:
            data = await reader.read(65536)
            if not data:
                raise ConnectionError("closed before the answer")
            answer += data
        return status, time.perf_counter()
    finally:
        writer.close()


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


Key = Callable[[str, bytes], tuple[str, ...] | None]  # an event (name, data) → what it said


def poll_change(name: str, data: bytes) -> tuple[str, ...] | None:
    """A poll event as (poll, action): ("abwarten", "open")."""
    if name != Event.POLL:
        return None
    said = json.loads(data)
    return str(said.get("poll")), str(said.get("action"))


class Listeners:
    """Phones following the room over Server-Sent Events, in the caller's event loop:
    `heard[key]` lists when each phone heard the event `key` picks out (by default a
    poll's change: ("abwarten", "open"))."""

    def __init__(self, port: int, tickets: list[str], key: Key = poll_change) -> None:
        self.port, self.tickets, self.key = port, tickets, key
        self.heard: dict[tuple[str, ...], list[float]] = defaultdict(list)
        self._waiting: dict[tuple[str, ...], asyncio.Future[None]] = {}
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
        key = self.key(name, data)
        if key is None:
            return
        arrivals = self.heard[key]
        arrivals.append(when)
        waiting = self._waiting.get(key)
        if waiting is not None and len(arrivals) >= len(self.tickets) and not waiting.done():
            waiting.set_result(None)

    async def everyone_heard(self, *key: str, timeout: float = 30.0) -> list[float]:
        """Wait until every phone heard the event `key`; when each did."""
        if len(self.heard[key]) < len(self.tickets):
            self._waiting[key] = asyncio.get_running_loop().create_future()
            await asyncio.wait_for(self._waiting[key], timeout)
        self._waiting.pop(key, None)
        return self.heard.pop(key)

    def close(self) -> None:
        for follower in self._followers:
            if follower.transport is not None:
                follower.transport.close()
