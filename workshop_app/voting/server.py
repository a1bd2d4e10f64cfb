"""The voting server: store + API on the local network, started and stopped as one piece."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import secrets
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from workshop_app.deck import Deck
from workshop_app.session.model import StoreError
from workshop_app.session.store import SessionStore
from workshop_app.voting.api import build_app
from workshop_app.voting.events import EventHub
from workshop_app.voting.network import lan_addresses

DEFAULT_PORT = 8765
LOCK_WAIT_SECONDS = 5.0
LIFELINE_NICENESS = 5


@dataclass(frozen=True)
class Listening:
    """What the presenter needs once the server is up."""

    url: str  # the address phones use (the first LAN address, else loopback)
    urls: tuple[str, ...]  # every LAN address, for the presenter to choose from
    port: int
    join_code: str
    presenter_token: str

    def as_json(self) -> str:
        return json.dumps(
            {
                "url": self.url,
                "urls": list(self.urls),
                "port": self.port,
                "join_code": self.join_code,
                "presenter_token": self.presenter_token,
            }
        )


class VotingServer:
    def __init__(
        self, store: SessionStore, deck: Deck, *, host: str = "0.0.0.0", port: int = DEFAULT_PORT
    ):
        self.store = store
        self.deck = deck
        self.host = host
        self.port = port
        self.token = secrets.token_urlsafe(24)
        self.hub = EventHub()
        store.add_listener(self.hub.committed)
        self._runner: web.AppRunner | None = None

    async def start(self) -> Listening:
        """Listen on the port asked for; if it is taken, on any free one."""
        self.hub.bind(asyncio.get_running_loop())
        app = build_app(self.store, self.deck, self.token, self.hub)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError as error:
            if error.errno != errno.EADDRINUSE or self.port == 0:
                raise
            site = web.TCPSite(self._runner, self.host, 0)
            await site.start()
        server = site._server  # aiohttp keeps the bound socket here
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        local = self.host in ("0.0.0.0", "")
        hosts = lan_addresses() if local else [self.host]
        urls = tuple(f"http://{h}:{port}" for h in hosts) or (f"http://127.0.0.1:{port}",)
        return Listening(urls[0], urls, port, self.store.join_code, self.token)

    async def stop(self) -> None:
        self.hub.close_all()
        if self._runner is not None:
            await self._runner.cleanup()


def serve(deck: Deck, session_path: Path, *, host: str, port: int, lifeline: bool = False) -> int:
    """Run store and server for `deck` until Ctrl-C or SIGTERM; stdout's first line is JSON.

    With `lifeline` (the app starts us so), we also stop when stdin closes: the
    app holds the other end, so if it dies, even by SIGKILL, we stop at once
    instead of keeping the session file locked. A restarted app may find the
    previous server still shutting down, so then we wait a moment for the lock.
    """
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if lifeline else 0)
    if lifeline:
        # Beside the app on two cores, the projector's frames come first: under a
        # flood of votes the scheduler then lets the GUI in, the server takes the rest.
        os.nice(LIFELINE_NICENESS)
    while True:
        try:
            store = SessionStore(
                session_path,
                deck_source=deck.source,
                poll_ids=[p.id for p in deck.polls],
                deck_path=deck.path,
            )
            break
        except StoreError as error:
            if error.code == "locked" and time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            print(str(error), file=sys.stderr)
            return 1
    server = VotingServer(store, deck, host=host, port=port)

    async def run() -> None:
        listening = await server.start()
        print(listening.as_json(), flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        if lifeline:
            stdin = sys.stdin.fileno()

            def read_lifeline() -> None:
                if not os.read(stdin, 4096):  # end of file: the app is gone
                    loop.remove_reader(stdin)
                    stop.set()

            loop.add_reader(stdin, read_lifeline)
        await stop.wait()
        await server.stop()

    try:
        asyncio.run(run())
    finally:
        store.close()
    return 0
