"""Server-Sent Events: committed changes, fanned out to every phone and tool that listens."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from workshop_app.i18n import DEFAULT_LANG, Lang
from workshop_app.session.countdown import wire_left
from workshop_app.session.model import Change, ChangeKind, PollAction
from workshop_app.voting.messages import Event

# Keeps proxies and phones from dropping an idle stream: one beat to every stream from
# the hub every HEARTBEAT_SECONDS, not a time-out per stream and message (asyncio.wait_for
# made a task and a timer for each message to each phone).
HEARTBEAT_SECONDS = 15.0
HEARTBEAT = ": still here\n\n"
QUEUE_LIMIT = 256  # a client this far behind is dropped; it reconnects and refetches
STREAMS_PER_DEVICE = 3  # a phone with the page open in a few tabs; not a thousand
# The room's questions go to phones at most this often: a burst of 500 upvotes is a
# few updates of the list, not 500 (the speaker's console hears every commit).
QUESTIONS_INTERVAL = 0.25
# A poll's tally (its results read and turned into JSON) at most this often per worker:
# a flood of commits is ten reads a second, not one per commit (counting 50,000 votes
# per commit starved the worker, and the app's stream fell behind). The app redraws at
# most this often anyway; a vote after a quiet moment goes out at once.
TALLY_INTERVAL = 0.1
PublicQuestions = Callable[[], dict[str, object]]  # the room's list, as the event sends it
# A poll's results as GET /api/polls/{poll}/results?lang= answers them: (poll, language,
# for the presenter?) → the JSON. Read once per poll, language and audience per commit.
PollResultsJson = Callable[[str, Lang, bool], dict[str, object]]
Client = asyncio.Queue[str | None]
# A committed change → the event the presenter's console hears of it.
CHANGE_EVENTS = {
    ChangeKind.POLL: Event.POLL,
    ChangeKind.SLIDE: Event.SLIDE_INDEX,
    ChangeKind.REMOTE: Event.REMOTE,
    ChangeKind.REACTIONS: Event.REACTIONS,  # gathered by the keeper: a few a second
}
TALLIED = (ChangeKind.VOTES, ChangeKind.HANDS, ChangeKind.ANSWER)  # these change a tally
SHOWING = (PollAction.REVEAL, PollAction.HIDE, PollAction.RESET)  # these change "revealed"


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
        public_questions: PublicQuestions = dict,
        revealed: Callable[[], dict[str, bool]] = dict,
        room_slide: Callable[[Any], dict[str, object]] = lambda view: {},
        results: PollResultsJson = lambda poll_id, lang, presenter: {"poll": poll_id},
    ) -> None:
        self.room_slide = room_slide
        # A room view → its event's data and message, built once per worker: phones
        # joining later ask for it too (/api/session), hundreds at a time.
        self._slides: dict[object, tuple[dict[str, object], str]] = {}
        self.public_questions = public_questions
        self.results = results
        # Each poll's "revealed" as this worker has announced it: read from the file
        # once per talk, then changed only by the poll events it passes on. Read from
        # the file before each tally, it ran ahead of the events: a tally due from a
        # hidden vote could go out after the keeper committed the reveal but before
        # this worker heard of it, and reach phones before the reveal itself.
        self.revealed = revealed
        self._shown: dict[str, bool] = {}
        self._questions_sent = float("-inf")
        self._questions_due: asyncio.TimerHandle | None = None
        self._tally_sent: dict[str, float] = {}  # poll → when its tally last went out
        self._tally_due: dict[str, asyncio.TimerHandle] = {}
        self.presenters: set[asyncio.Queue[str | None]] = set()
        self.phones: dict[asyncio.Queue[str | None], str] = {}  # stream → the phone's device
        self.remotes: dict[asyncio.Queue[str | None], str] = {}  # stream → the remote's id
        self.langs: dict[Client, Lang] = {}  # stream → the language its tallies are in
        self.on_count: Callable[[], None] = lambda: None  # `watching` may have changed
        self._beat: asyncio.TimerHandle | None = None

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
            if change.kind in TALLIED and change.poll_id is not None:
                tallied.add(change.poll_id)  # one "tally" per poll per commit, however many votes
                continue
            if change.kind == ChangeKind.QUESTIONS:  # one message per commit, however many upvotes
                asked = True
                shown = shown or bool(change.detail.get("public"))
                continue
            event = CHANGE_EVENTS[ChangeKind(change.kind)]
            if event is Event.REACTIONS:
                everything.append(_message(event, change.detail))
                continue
            data = {"poll": change.poll_id, **change.detail}
            # A countdown goes out as the seconds left by this clock; none, as no `left`.
            if isinstance(ends := data.pop("ends", None), float):
                data["left"] = wire_left(ends, time.time())
            message = _message(event, data)
            everything.append(message)
            if event is Event.POLL:
                public.append(message)
                if (action := change.detail.get("action")) in SHOWING:
                    self._shown[str(change.poll_id)] = action == PollAction.REVEAL
                # Opened, revealed, reset …: the state and run in the results changed too.
                tallied.add(str(change.poll_id))
        for client in list(self.presenters):
            self._send(client, everything)
        for client in list(self.phones):
            self._send(client, public)
        for poll_id in sorted(tallied):
            self._tally_soon(poll_id)
        if asked:
            message = _message(Event.QUESTIONS, {})
            for client in list(self.presenters):
                self._send(client, [message])
        if shown and self.phones:
            self._questions_to_phones()

    def _tally_soon(self, poll_id: str) -> None:
        """The poll's tally now, or at the end of TALLY_INTERVAL (it reads the results
        when it goes, so the last commit is always included)."""
        if poll_id in self._tally_due:
            return
        loop = asyncio.get_running_loop()
        wait = self._tally_sent.get(poll_id, float("-inf")) + TALLY_INTERVAL - loop.time()
        if wait <= 0:
            self._tell_tally(poll_id)
        else:
            self._tally_due[poll_id] = loop.call_later(wait, self._tell_tally, poll_id)

    def _tell_tally(self, poll_id: str) -> None:
        """A poll's tally with its numbers: built once per language and audience, and for
        phones only once its results are revealed (before, the stream's rhythm alone would
        say how a hidden vote was going)."""
        self._tally_due.pop(poll_id, None)
        self._tally_sent[poll_id] = asyncio.get_running_loop().time()
        built: dict[tuple[Lang, bool], str | None] = {}

        def message(lang: Lang, presenter: bool) -> str | None:
            if (lang, presenter) not in built:
                results = self.results(poll_id, lang, presenter)
                visible = presenter or results.get("revealed") is True
                built[lang, presenter] = (
                    _message(Event.TALLY, {"poll": poll_id, "results": results})
                    if visible
                    else None
                )
            return built[lang, presenter]

        for client in list(self.presenters):
            presenter_message = message(self.langs.get(client, DEFAULT_LANG), True)
            if presenter_message is not None:
                self._send(client, [presenter_message])
        if self.phones and self._shown.get(poll_id, False):
            for client in list(self.phones):
                phone_message = message(self.langs.get(client, DEFAULT_LANG), False)
                if phone_message is not None:
                    self._send(client, [phone_message])

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
        message = _message(Event.QUESTIONS, self.public_questions())
        for client in list(self.phones):
            self._send(client, [message])

    def tell_presenters(self, kind: Event = Event.ROOM) -> None:
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
            built = self._slides[view] = (data, _message(Event.SLIDE, data))
        return built

    def tell_phones_slide(self, view: object) -> None:
        """The slide the room sees changed: every phone gets it (never one ahead)."""
        message = self._room(view)[1]
        for client in list(self.phones):
            self._send(client, [message])

    def tell_phone(self, device: str, kind: Event) -> None:
        """One phone's news (its voting card moved on): to its streams alone."""
        message = _message(kind, {})
        for client, held in list(self.phones.items()):
            if held == device:
                self._send(client, [message])

    def tell_remotes(self, state: dict[str, object]) -> None:
        """What the speaker's remotes show changed: slide, notes, clock, poll."""
        message = _message(Event.STATE, state)
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
                self.langs.pop(client, None)
                return
            client.put_nowait(message)

    async def stream(
        self,
        request: web.Request,
        *,
        device: str | None,
        remote: str | None = None,
        first: str | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> web.StreamResponse:
        """Follow the room: `device` None is the presenter, else the phone's device id;
        `remote`: a speaker's remote (its id), sent `first` at once; tallies in `lang`."""
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
        self.langs[queue] = lang
        if remote is not None:
            self.remotes[queue] = remote
            if first is not None:
                queue.put_nowait(first)
        elif device is None:
            self.presenters.add(queue)
        else:
            self.phones[queue] = device
        self.on_count()
        self._beat_later()
        try:
            await response.write(b"retry: 2000\n\n")
            while (message := await queue.get()) is not None:
                await response.write(message.encode("utf-8"))
        except ConnectionResetError:
            pass  # the phone went away; it reconnects by itself
        finally:
            self.presenters.discard(queue)
            self.phones.pop(queue, None)
            self.remotes.pop(queue, None)
            self.langs.pop(queue, None)
            self.on_count()
        return response

    def forget_talk(self) -> None:
        """An evening's next talk is read from now on: what was due of the last is dropped."""
        self._drop_due()
        self._slides.clear()
        self._tally_sent.clear()
        self.read_revealed()

    def read_revealed(self) -> None:
        """Each poll's "revealed" from the file: before the first stream, and for each
        talk of an evening as it comes on (its poll events are heard from then on)."""
        self._shown = self.revealed()

    def new_talk(self, state: dict[str, object]) -> None:
        """Every stream hears one `talk` event with the talk's state (`api.talk_state`),
        and phones the room's questions of that talk: nobody needs to ask."""
        message = _message(Event.TALK, state)
        for client in list(self.presenters) + list(self.phones):
            self._send(client, [message])
        if self.phones:
            if self._questions_due is not None:
                self._questions_due.cancel()
            self._send_questions()

    def _beat_later(self) -> None:
        if self._beat is None:
            loop = asyncio.get_running_loop()
            self._beat = loop.call_later(HEARTBEAT_SECONDS, self._heartbeat)

    def _heartbeat(self) -> None:
        """Every stream hears at least this every HEARTBEAT_SECONDS."""
        self._beat = None
        clients = [*self.presenters, *self.phones, *self.remotes]
        for client in clients:
            self._send(client, [HEARTBEAT])
        if clients:
            self._beat_later()

    def _drop_due(self) -> None:
        if self._questions_due is not None:
            self._questions_due.cancel()
            self._questions_due = None
        for due in self._tally_due.values():
            due.cancel()
        self._tally_due.clear()

    def close_all(self) -> None:
        if self._beat is not None:
            self._beat.cancel()
            self._beat = None
        self._drop_due()
        for client in self.clients:
            client.put_nowait(None)
        self.presenters.clear()
        self.phones.clear()
        self.remotes.clear()
        self.langs.clear()


def state_message(state: dict[str, object]) -> str:
    return _message(Event.STATE, state)


def _message(kind: Event, data: dict[str, object]) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
