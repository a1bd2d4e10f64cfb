"""Server-Sent Events: committed changes, fanned out to every phone and tool that listens."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from workshop_app.session.model import Change

HEARTBEAT_SECONDS = 15.0  # keeps proxies and phones from dropping an idle stream
QUEUE_LIMIT = 256  # a client this far behind is dropped; it reconnects and refetches
STREAMS_PER_DEVICE = 3  # a phone with the page open in a few tabs; not a thousand
# The room's questions go to phones at most this often: a burst of 500 upvotes is a
# few updates of the list, not 500 (the speaker's console hears every commit).
QUESTIONS_INTERVAL = 0.25
PublicQuestions = Callable[[], dict[str, object]]  # the room's list, as the event sends it


class TooManyStreamsError(Exception):
    """This phone already follows the room in enough streams."""


class EventHub:
    """One worker's event streams: committed changes (sent by the keeper) go to each of them.

    The presenter's streams get every change. A phone's get what the room may
    see: poll states, and a tally only once its results are revealed (before, the
    stream's rhythm alone said how a hidden vote was going); moderation and the
    slide timeline are the speaker's.
    """

    def __init__(
        self,
        revealed: Callable[[str], bool] = lambda poll_id: False,
        public_questions: PublicQuestions = dict,
        room_slide: Callable[[Any], dict[str, object]] = lambda view: {},
    ) -> None:
        self.room_slide = room_slide
        # A room view → its event's data and message, built once per worker: phones
        # joining later ask for it too (/api/session), hundreds at a time.
        self._slides: dict[object, tuple[dict[str, object], str]] = {}
        self.revealed = revealed
        self.public_questions = public_questions
        self._questions_sent = float("-inf")
        self._questions_due: asyncio.TimerHandle | None = None
        self.presenters: set[asyncio.Queue[str | None]] = set()
        self.phones: dict[asyncio.Queue[str | None], str] = {}  # stream → the phone's device
        self.remotes: dict[asyncio.Queue[str | None], str] = {}  # stream → the remote's id
        self.on_count: Callable[[], None] = lambda: None  # `watching` may have changed

    @property
    def clients(self) -> set[asyncio.Queue[str | None]]:
        return self.presenters | set(self.phones) | set(self.remotes)

    @property
    def watching(self) -> frozenset[str]:
        """The phones (not streams: a phone may have two tabs) following on this worker."""
        return frozenset(self.phones.values())

    def publish(self, changes: list[Change]) -> None:
        everything: list[str] = []
        public: list[str] = []
        tallied: set[str] = set()
        asked = shown = False
        for change in changes:
            if change.kind in ("votes", "hands", "answer") and change.poll_id is not None:
                tallied.add(change.poll_id)  # one "tally" per poll per commit, however many votes
                continue
            if change.kind == "questions":  # one message per commit, however many upvotes
                asked = True
                shown = shown or bool(change.detail.get("public"))
                continue
            message = _message(change.kind, {"poll": change.poll_id, **change.detail})
            everything.append(message)
            if change.kind == "poll":
                public.append(message)
        for poll_id in sorted(tallied):
            message = _message("tally", {"poll": poll_id})
            everything.append(message)
            if self.phones and self.revealed(poll_id):
                public.append(message)
        if asked:
            everything.append(_message("questions", {}))
        for client in list(self.presenters):
            self._send(client, everything)
        for client in list(self.phones):
            self._send(client, public)
        if shown and self.phones:
            self._questions_to_phones()

    def _questions_to_phones(self) -> None:
        """The room's questions in the event itself (no 500 phones fetching at once),
        at most every QUESTIONS_INTERVAL, the last change always included."""
        if self._questions_due is not None:
            return  # already on its way, and it reads the list when it goes
        loop = asyncio.get_running_loop()
        wait = self._questions_sent + QUESTIONS_INTERVAL - loop.time()
        if wait <= 0:
            self._send_questions()
        else:
            self._questions_due = loop.call_later(wait, self._send_questions)

    def _send_questions(self) -> None:
        self._questions_due = None
        self._questions_sent = asyncio.get_running_loop().time()
        message = _message("questions", self.public_questions())
        for client in list(self.phones):
            self._send(client, [message])

    def tell_presenters(self, kind: str = "room") -> None:
        """The room's figures (or the paired remotes) changed: the console asks."""
        message = _message(kind, {})
        for client in list(self.presenters):
            self._send(client, [message])

    def room_event(self, view: object) -> dict[str, object]:
        """What phones are told of the room's slide for `view`."""
        return self._room(view)[0]

    def _room(self, view: object) -> tuple[dict[str, object], str]:
        built = self._slides.get(view)
        if built is None:
            if len(self._slides) > 64:  # every slide, black and white, on and off: plenty
                self._slides.clear()
            data = self.room_slide(view)
            built = self._slides[view] = (data, _message("slide", data))
        return built

    def tell_phones_slide(self, view: object) -> None:
        """The slide the room sees changed: every phone gets it (never one ahead)."""
        message = self._room(view)[1]
        for client in list(self.phones):
            self._send(client, [message])

    def tell_remotes(self, state: dict[str, object]) -> None:
        """What the speaker's remotes show changed: slide, notes, clock, poll."""
        message = _message("state", state)
        for client in list(self.remotes):
            self._send(client, [message])

    def drop_remotes(self, revoked: frozenset[str]) -> None:
        """A revoked remote loses its stream at once."""
        for client, remote in list(self.remotes.items()):
            if remote in revoked:
                client.put_nowait(None)
                del self.remotes[client]

    def _send(self, client: asyncio.Queue[str | None], messages: list[str]) -> None:
        for message in messages:
            if client.qsize() >= QUEUE_LIMIT:
                client.put_nowait(None)  # tell the stream to end
                self.presenters.discard(client)
                self.phones.pop(client, None)
                self.remotes.pop(client, None)
                return
            client.put_nowait(message)

    async def stream(
        self,
        request: web.Request,
        *,
        device: str | None,
        remote: str | None = None,
        first: str | None = None,
    ) -> web.StreamResponse:
        """Follow the room: `device` None is the presenter, else the phone's device id;
        `remote`: a speaker's remote (its id), sent `first` at once."""
        if device is not None and sum(d == device for d in self.phones.values()) >= (
            STREAMS_PER_DEVICE
        ):
            raise TooManyStreamsError(device)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        if remote is not None:
            self.remotes[queue] = remote
            if first is not None:
                queue.put_nowait(first)
        elif device is None:
            self.presenters.add(queue)
        else:
            self.phones[queue] = device
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
            self.presenters.discard(queue)
            self.phones.pop(queue, None)
            self.remotes.pop(queue, None)
            self.on_count()
        return response

    def close_all(self) -> None:
        if self._questions_due is not None:
            self._questions_due.cancel()
        for client in self.clients:
            client.put_nowait(None)
        self.presenters.clear()
        self.phones.clear()
        self.remotes.clear()


def state_message(state: dict[str, object]) -> str:
    return _message("state", state)


def _message(kind: str, data: dict[str, object]) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
