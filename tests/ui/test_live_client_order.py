"""The app's commands reach the server in the order the speaker gave them.

The server here is a small aiohttp app over a real socket that answers one
request slowly, as a busy server does now and then; the real voting server has no
switch to be slow on purpose. Before: Qt spread the commands over six connections,
so the slide after a slowly answered one was stored first and then overwritten by
the older one (the phones stayed on a slide the room had left), and a poll closed
right after opening could end up open.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator

import pytest
from aiohttp import web
from pytestqt.qtbot import QtBot

from tests.support.decks import POLL_TALK
from workshop_app.deck.parser import parse_deck
from workshop_app.session.model import PollAction
from workshop_app.ui import live
from workshop_app.ui.live import LiveClient
from workshop_app.voting.listening import Listening

SLOW_S = 0.4


class ScriptedServer:
    """Records each command when it has been carried out; slow for the first one."""

    def __init__(self, slow_s: float = SLOW_S) -> None:
        self.slow_s = slow_s
        self.done: list[str] = []
        self.port = 0
        self._slow_once = True
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), daemon=True)

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self._slow_once:
            self._slow_once = False
            await asyncio.sleep(self.slow_s)
        shown = json.loads(body) if body else None
        self.done.append(f"{request.method} {request.path} {json.dumps(shown)}")
        return web.json_response({"ok": True})

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = runner.addresses[0][1]
        self._stop = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._ready.set()
        await self._stop.wait()
        await runner.cleanup()

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *_: object) -> None:
        assert self._stop is not None and self._loop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(1)  # a handler still asleep ends with the process (daemon)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


def client_of(server: ScriptedServer) -> LiveClient:
    url = f"http://127.0.0.1:{server.port}"
    deck = parse_deck(POLL_TALK)
    return LiveClient(Listening(url, (url,), server.port, "1234", "token"), deck)


def test_a_burst_of_slides_ends_on_the_last_one_and_waits_for_the_slow_one(
    qtbot: QtBot, server: ScriptedServer
) -> None:
    client = client_of(server)
    for slide in (1, 2, 3, 4):  # slide 1 is answered slowly
        client.set_room(slide, "none", True)
    # A last command through the same ordered channel: once it is carried out,
    # nothing of the burst can still be on its way (no waiting on the clock).
    client.control("kanal", PollAction.OPEN)
    last = "POST /api/polls/kanal/open null"
    qtbot.waitUntil(lambda: last in server.done, timeout=10_000)
    assert server.done[-1] == last
    rooms = [json.loads(line.split(" ", 2)[2])["slide"] for line in server.done[:-1]]
    assert rooms == [1, 4]  # in order; 2 and 3 were replaced while 1 was on its way


def test_a_poll_opened_and_closed_in_a_hurry_ends_closed(
    qtbot: QtBot, server: ScriptedServer
) -> None:
    client = client_of(server)
    client.control("kanal", PollAction.OPEN)  # answered slowly
    client.set_slide(3)
    client.control("kanal", PollAction.CLOSE)
    qtbot.waitUntil(lambda: len(server.done) == 3, timeout=5000)
    assert server.done == [
        "POST /api/polls/kanal/open null",
        'PUT /api/slide {"index": 3}',
        "POST /api/polls/kanal/close null",
    ]


def test_a_command_the_server_never_answers_does_not_hold_the_next_ones(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "COMMAND_TIMEOUT_MS", 300)
    with ScriptedServer(slow_s=3) as hung_once:  # ten times the time-out
        client = client_of(hung_once)
        problems: list[str] = []
        client.problem.connect(problems.append)
        client.control("kanal", PollAction.OPEN)  # never answered
        client.control("kanal", PollAction.CLOSE)
        qtbot.waitUntil(lambda: hung_once.done == ["POST /api/polls/kanal/close null"],
                        timeout=5000)  # fmt: skip
        assert problems and "erreichbar" in problems[0]
