"""Server-Sent Events: committed changes, fanned out to every phone and tool that listens."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from aiohttp import web

from workshop_app.session.model import Change

HEARTBEAT_SECONDS = 15.0  # keeps proxies and phones from dropping an idle stream
QUEUE_LIMIT = 256  # a client this far behind is dropped; it reconnects and refetches


class EventHub:
    """One worker's event streams: committed changes (sent by the keeper) go to each of them."""

    def __init__(self) -> None:
        self.clients: set[asyncio.Queue[str | None]] = set()
        self.presenters = 0  # the app's own streams, not counted as people watching
        self.on_count: Callable[[], None] = lambda: None  # `watching` may have changed

    @property
    def watching(self) -> int:
        """Phones with the poll page open on this worker right now."""
        return max(0, len(self.clients) - self.presenters)

    def publish(self, changes: list[Change]) -> None:
        messages: list[str] = []
        tallied: set[str] = set()
        for change in changes:
            if change.kind in ("votes", "hands", "answer") and change.poll_id is not None:
                tallied.add(change.poll_id)  # one "tally" per poll per commit, however many votes
            else:
                messages.append(_message(change.kind, {"poll": change.poll_id, **change.detail}))
        messages.extend(_message("tally", {"poll": poll_id}) for poll_id in sorted(tallied))
        for client in list(self.clients):
            for message in messages:
                if client.qsize() >= QUEUE_LIMIT:
                    client.put_nowait(None)  # tell the stream to end
                    self.clients.discard(client)
                    break
                client.put_nowait(message)

    async def stream(self, request: web.Request, *, presenter: bool = False) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.clients.add(queue)
        self.presenters += presenter
        self.on_count()
        try:
            await response.write(b"retry: 2000\n\n")
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    await response.write(b": still here\n\n")
                    continue
                if message is None:
                    break
                await response.write(message.encode("utf-8"))
        except ConnectionResetError:
            pass  # the phone went away; it reconnects by itself
        finally:
            self.clients.discard(queue)
            self.presenters -= presenter
            self.on_count()
        return response

    def close_all(self) -> None:
        for client in list(self.clients):
            client.put_nowait(None)
        self.clients.clear()


def _message(kind: str, data: dict[str, object]) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
