"""Every event stream hears a heartbeat while nothing happens, from one beat of the hub."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from tests.support.serving import run
from workshop_app.voting import events
from workshop_app.voting.events import HEARTBEAT, EventHub


def test_every_idle_stream_hears_the_heartbeat_and_the_beat_stops_with_the_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The heartbeat was a time-out per stream and message (asyncio.wait_for: a task and
    # a timer each); telling 2,000 phones of a poll spent half the worker's time on it.
    # Now the hub beats for every stream at once; each must still hear it.
    monkeypatch.setattr(events, "HEARTBEAT_SECONDS", 0.05)

    async def streams() -> tuple[list[bytes], bool]:
        hub = EventHub()

        async def follow(request: web.Request) -> web.StreamResponse:
            device = request.query.get("device")
            return await hub.stream(request, device=device)

        app = web.Application()
        app.router.add_get("/events", follow)
        runner = web.AppRunner(app, handler_cancellation=True)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        heard: list[bytes] = []
        connections = []
        for query in ("device=phone-1", "device=phone-2", ""):  # two phones, the console
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET /events?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            connections.append((reader, writer))
        for reader, _ in connections:
            received = b""
            while HEARTBEAT.encode() not in received:
                received += await asyncio.wait_for(reader.read(4096), 10)
            heard.append(received)
        for _, writer in connections:
            writer.close()

        async def beat_stopped() -> None:  # nobody left to beat for: no next beat is due
            while hub._beat is not None:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(beat_stopped(), 10)
        stopped = not (hub.phones or hub.presenters)
        await runner.cleanup()
        return heard, stopped

    heard, stopped = run(streams())
    assert len(heard) == 3
    assert all(b"retry: 2000" in received for received in heard)
    assert stopped
