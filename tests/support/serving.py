"""A real `serve` process on a free port and a small HTTP client, for benchmarks and tests."""

from __future__ import annotations

import asyncio
import http.client
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from workshop_app.paths import ROOT
from workshop_app.session.program import is_program_file
from workshop_app.voting.messages import Event
from workshop_app.voting.sse import ServerSentEvent, read_events

DECK = ROOT / "slides" / "clash-of-cultures.md"


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    join_code: str
    token: str
    session: Path
    stderr: str = ""
    notice: str = ""  # what the server says the presenter must know (Listening.notice)
    tickets: dict[str, str] = field(default_factory=dict)  # a phone's name → its ticket
    _joining: threading.Lock = field(default_factory=threading.Lock)

    def call(
        self,
        method: str,
        path: str,
        body: object = None,
        *,
        token: str | None = None,
        raw: bytes | None = None,
        ticket: str | None = None,
    ) -> tuple[int, object]:
        """`token`: as the presenter; `ticket`: as a phone that joined."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        elif ticket is not None:
            headers["Authorization"] = f"Ticket {ticket}"
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response.status, json.loads(text) if text else None

    def follow(
        self, path: str = "/api/events", *, token: str | None = None, ticket: str | None = None
    ) -> Stream:
        """An event stream, as the app (`token`), a phone (`ticket`) or a remote follows it."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Accept": "text/event-stream"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        elif ticket is not None:
            headers["Authorization"] = f"Ticket {ticket}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        if response.status != 200:
            connection.close()
            raise RuntimeError(f"no stream: {response.status} {response.read()!r}")
        return Stream(connection, read_events(response.readline))

    def ticket(self, name: str) -> str:
        """The ticket of the phone called `name`, joining for it the first time."""
        with self._joining:  # threads voting as one phone share its one ticket
            if name not in self.tickets:
                self.tickets[name] = join(self.port, self.join_code)
            return self.tickets[name]

    def control(self, poll: str, action: str) -> None:
        status, _ = self.call("POST", f"/api/polls/{poll}/{action}", token=self.token)
        assert status == 200

    def vote(
        self, poll: str, device: str, vote_id: str, choice: object, code: str | None = None
    ) -> tuple[int, object]:
        body = {
            "code": code or self.join_code,
            "device": self.ticket(device),
            "vote_id": vote_id,
            "choice": choice,
        }
        return self.call("POST", f"/api/polls/{poll}/votes", body)

    def totals(self, poll: str) -> list[int]:
        status, result = self.call("GET", f"/api/polls/{poll}/results", token=self.token)
        assert status == 200 and isinstance(result, dict)
        return list(result["total"])

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        _, self.stderr = self.process.communicate(timeout=15)  # also closes the pipes
        return self.process.returncode


@dataclass
class Stream:
    """An event stream being read; `next` waits for the next event (the socket's timeout)."""

    connection: http.client.HTTPConnection
    events: Iterator[ServerSentEvent]

    def next(self, *, skip: Sequence[str] = ()) -> ServerSentEvent:
        """The next event whose name is not in `skip`."""
        for event in self.events:
            if event.event not in skip:
                return event
        raise EOFError("the stream ended")

    def close(self) -> None:
        self.connection.close()


def free_port() -> int:
    """A port nobody listens on now: for what must name the server's address before it
    starts (printed voting cards, a rehearsal's app)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def join(port: int, code: str, source: str = "127.0.0.1", held: str | None = None) -> str:
    """What a phone does first: the room's code for a ticket (from address `source`)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    body = {"code": code} | ({"ticket": held} if held else {})
    try:
        connection.request("POST", "/api/join", body=json.dumps(body),
                           headers={"Content-Type": "application/json"})  # fmt: skip
        response = connection.getresponse()
        answer = json.loads(response.read())
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"join refused: {response.status} {answer}")
    return str(answer["ticket"])


async def join_many(
    session: aiohttp.ClientSession, base: str, code: str, count: int, at_once: int = 64
) -> list[str]:
    """`count` phones join at `base`, `at_once` at a time; their tickets, in order."""
    gate = asyncio.Semaphore(at_once)

    async def one() -> str:
        async with gate, session.post(f"{base}/api/join", json={"code": code}) as response:
            if response.status != 200:
                raise RuntimeError(f"join refused: {response.status} {await response.text()}")
            return str((await response.json())["ticket"])

    return list(await asyncio.gather(*(one() for _ in range(count))))


# Tests and benchmarks stand for many phones from one address, as a venue behind
# one NAT would: the harness allows them; tests/voting/test_hostile.py sets its own.
MANY_DEVICES = 1_000_000


def start_server(
    session: Path,
    deck: Path = DECK,
    *,
    devices_per_address: int = MANY_DEVICES,
    options: tuple[str, ...] = (),
    impuls: Sequence[str] = (sys.executable, str(ROOT / "main.py")),
    cwd: Path | None = None,
) -> Server:
    """`impuls`: the command that starts Impuls (the checkout's, an installed one, a bundle)."""
    process = subprocess.Popen(
        [*impuls, "serve", str(deck), _where(deck), str(session),
         "--port", "0", "--host", "127.0.0.1",
         "--devices-per-address", str(devices_per_address), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first:
        raise RuntimeError(
            f"serve did not start: {process.stderr.read() if process.stderr else ''}"
        )
    info = json.loads(first)
    return Server(process, info["port"], info["join_code"], info["presenter_token"], session,
                  notice=info.get("notice", ""))  # fmt: skip


def _where(deck: Path) -> str:
    """`serve`'s option for where the session is: an evening's folder, or a talk's file."""
    return "--sessions" if is_program_file(deck) else "--session"


def phone(n: int) -> str:
    return f"phone-{n:012d}"


@contextmanager
def stream(
    server: Server, query: str, headers: dict[str, str]
) -> Iterator[http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    connection.request("GET", f"/api/{query}", headers=headers)
    response = connection.getresponse()
    try:
        yield response
    finally:
        connection.close()


def events(response: http.client.HTTPResponse, count: int) -> list[tuple[str, dict[str, object]]]:
    """The next `count` events of a stream (the room's cues skipped)."""
    seen: list[tuple[str, dict[str, object]]] = []
    for event in read_events(response.readline):
        if event.event not in (Event.ROOM, Event.REMOTES):
            seen.append((event.event, event.json()))
            if len(seen) == count:
                break
    return seen


def ask(
    server: Server, phone: str, ask_id: str, text: object, **more: object
) -> tuple[int, object]:
    body = {"code": server.join_code, "device": server.ticket(phone), "ask_id": ask_id,
            "text": text, **more}  # fmt: skip
    return server.call("POST", "/api/questions", body)


def pairing_secret(server: Server) -> str:
    status, made = server.call("POST", "/api/remote/pairing", token=server.token)
    assert status == 200 and isinstance(made, dict)
    assert made["path"] == f"/remote#pair={made['secret']}" and made["expires_in"] == 300
    return str(made["secret"])


def pair(server: Server, secret: str) -> tuple[int, dict[str, object]]:
    status, answer = server.call("POST", "/api/remote/pair", {"secret": secret})
    assert isinstance(answer, dict)
    return status, answer


def remote_token(server: Server) -> str:
    status, answer = pair(server, pairing_secret(server))
    assert status == 200
    return str(answer["token"])


def command(
    server: Server, header: str | None, body: object, path: str = "/api/remote/commands"
) -> int:
    """A remote's POST (a tap, or with `path` its pointer); `body` as JSON, or raw bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if header:
        headers["Authorization"] = header
    data = body if isinstance(body, bytes) else json.dumps(body)
    connection.request("POST", path, data, headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run `coroutine` in a thread of its own: Playwright's sync API may own this one's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def burst(server: Server, path: str, authorization: str, bodies: Sequence[object]) -> list[int]:
    """POST every body to `path` at once (one connection pool, as one phone would
    flood it) and return the statuses in the bodies' order."""

    async def flood() -> list[int]:
        url = f"http://127.0.0.1:{server.port}{path}"
        async with aiohttp.ClientSession(headers={"Authorization": authorization}) as session:

            async def send(body: object) -> int:
                async with session.post(url, json=body) as response:
                    return response.status

            return list(await asyncio.gather(*(send(body) for body in bodies)))

    return run(flood())  # type: ignore[no-any-return]


def client(source: str = "127.0.0.1", limit: int = 100) -> aiohttp.ClientSession:
    """A phone (or a script) whose packets come from `source`."""
    connector = aiohttp.TCPConnector(local_addr=(source, 0), limit=limit, force_close=False)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30))


def remote_state(**changes: object) -> dict[str, object]:
    """A whole state as the app publishes it for the remotes (the schema is strict:
    ui/presenting_session.remote_state sends every field)."""
    whole: dict[str, object] = {
        "slide": 1, "count": 9, "title": "Worum es geht", "notes": "", "blank": "none",
        "frozen": False, "elapsed": 0, "remaining": None, "paused": False, "next_title": None,
        "poll": None,
    }  # fmt: skip
    return whole | changes
