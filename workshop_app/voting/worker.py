"""An HTTP worker of the voting server: answers phones and the app, writes through the keeper.

Several workers listen on one port (SO_REUSEPORT: the kernel spreads the
connections), each in its own process, so parsing HTTP and JSON uses every
core. Reads go straight to the session file (read-only, WAL); writes go to
the keeper, batched per turn of the event loop, and a worker answers a vote
only once the keeper says it is committed.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import os
import pickle
import signal
import socket
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, assert_never

from aiohttp import web

from workshop_app.deck import Deck
from workshop_app.session.model import (
    AnswerState,
    Ballot,
    PollAction,
    PollStatus,
    Receipt,
    StoreError,
)
from workshop_app.session.questions import (
    Asked,
    Moderation,
    Order,
    QuestionAction,
    QuestionState,
    Upvoted,
    public,
    ranked,
)
from workshop_app.session.store import SessionReader
from workshop_app.voting.admission import Tickets
from workshop_app.voting.api import (
    CARD_KEY,
    DECK,
    POLLS,
    STORE,
    TALK,
    Handler,
    build_app,
    problem,
    results_json,
    talk_state,
)
from workshop_app.voting.evening import OnStage
from workshop_app.voting.evening_api import add_routes as add_evening_routes
from workshop_app.voting.events import EventHub
from workshop_app.voting.follow import RoomView
from workshop_app.voting.follow_api import add_routes as add_follow_routes
from workshop_app.voting.ipc import Channel
from workshop_app.voting.messages import (
    ActOnQuestion,
    AnnounceTalk,
    Answered,
    Ask,
    CardTaken,
    Changes,
    DoorCounts,
    Event,
    Failed,
    HoldCard,
    Ink,
    Join,
    Moderate,
    NewPairing,
    Pair,
    Participants,
    PublishRemoteState,
    React,
    Ready,
    RecordHands,
    Refused,
    ReloadProgram,
    RemoteCommand,
    RemotePointer,
    Remotes,
    RemoteState,
    Replies,
    Request,
    Revoke,
    RoomViewChanged,
    SetPollState,
    SetQuestionModeration,
    SetRoomView,
    SetSlide,
    Start,
    Stop,
    SwitchTalk,
    TalkChanged,
    TalkReady,
    ToKeeper,
    ToWorker,
    Upvote,
    Vote,
    Watching,
    WatchingCount,
    Write,
)
from workshop_app.voting.questions_api import add_routes as add_question_routes
from workshop_app.voting.reactions_api import add_routes as add_reaction_routes
from workshop_app.voting.remote_api import add_routes as add_remote_routes

log = logging.getLogger("impuls.voting")
SHUTDOWN_SECONDS = 2.0
OLD_READERS_SECONDS = 10.0  # an evening's last talk: requests still reading it finish first
# A connection that sends no complete request within this time is closed: idle
# ones, and those that trickle their headers in a byte at a time (slowloris).
IDLE_SECONDS = 15.0
# Connections the kernel holds for a worker until it accepts them. 500 phones voting at
# once are 250 per worker of two, arriving within milliseconds: with asyncio's default
# of 128 the first such burst after start overflowed, and the phones dropped waited a
# second for their retry (bench/votes.py: 1.1 s to the last acknowledgement, not 0.2).
# On the portable path one worker takes a room of 2,000 alone (bench/scale.py); Linux
# caps it at net.core.somaxconn (4,096 since 5.4).
LISTEN_BACKLOG = 4096
# How many connections one worker holds open: each is an open file, and a process may
# hold only so many (raised at start to what the system allows, server.py). Past its
# ceiling a worker answers 503 with Retry-After, and past the files it keeps in reserve
# it hangs up at once: out of files, asyncio stops accepting for a second at a time and
# logs each, the session file cannot be opened, and every phone waits. A phone holds
# one to three (its event stream, a vote, the page): 2,000 phones on the portable path's
# one worker fit; an idle stream costs about 3 KB of memory (bench/scale.py).
MOST_CONNECTIONS = 10_000
FILES_BESIDE_CONNECTIONS = 64  # the session file, its WAL and index, the keeper's pair, logs
BUSY_RETRY_SECONDS = 5  # the phone page joins a lost stream afresh after 5 s anyway
# Python's garbage collector, set for a burst. In 2,000 votes at once each worker ran
# about 100 young collections and one full one, which walked every object of the
# process (the deck, aiohttp, the app): 80-100 ms of the worker's 280, a share that
# grows with the phones (500 votes: 8 ms of 55). Start-up's objects are frozen out of
# every collection once the worker serves, and the young are collected every 50,000
# allocations rather than 700: 180-210 ms for 2,000 (bench/scale.py). The cycles a
# request leaves wait a little longer; counted in references, most never wait at all.
YOUNG_COLLECTED_EVERY = 50_000
KeeperChannel = Channel[ToKeeper, ToWorker]  # a worker's end of its socket pair
T = TypeVar("T")


class KeeperLink:
    """A worker's way to the keeper: what one turn of the loop asks for goes as one message."""

    def __init__(self, channel: KeeperChannel, hub: EventHub) -> None:
        self.channel = channel
        self.hub = hub
        self.watching = 0  # phones following events, over every worker
        self.participants = 0  # phones that voted in this session, as the keeper counts
        self.addresses = 0  # source addresses that got a ticket (the keeper's count)
        self.refused = 0  # joins refused: too many devices from one address
        self.paired: list[dict[str, object]] = []  # the speaker's remotes, as the keeper has them
        self.revoked: frozenset[str] = frozenset()
        self.remote_state: dict[str, Any] = {}  # what the remotes show, from the app
        self.preview: bytes | None = None  # the next slide, as a PNG, from the app
        self.current: bytes | None = None  # the current slide (the remote points on it)
        self.room_view = RoomView(None, follow=False)  # what the projector shows, from the app
        self.stopping = asyncio.Event()
        # An evening's next talk (its deck, session file, what the room reads of it).
        self.on_new_talk: Callable[[TalkChanged], None] = lambda changed: None
        self.on_announce: Callable[[], None] = lambda: None  # every worker reads it now
        self._pending: dict[int, asyncio.Future[object]] = {}
        self._outbox: list[tuple[int, Request]] = []
        self._ids = itertools.count()
        self._report_due = False
        hub.on_count = self._report_watching

    async def vote(
        self,
        poll_id: str,
        device: str,
        vote_id: str,
        ballot: Ballot,
        by_card: bool = False,
        talk: str | None = None,
    ) -> Receipt:
        request = Vote(poll_id, device, vote_id, ballot, by_card, talk)
        return _as(Receipt, await self._request(request))

    async def hold_card(self, device: str, serial: int, kept: bool = False) -> None:
        await self._request(HoldCard(device, serial, kept))

    async def set_state(self, poll_id: str, action: PollAction) -> PollStatus:
        return _as(PollStatus, await self._request(SetPollState(poll_id, action)))

    async def record_hands(self, poll_id: str, counts: list[int]) -> int:
        return _as(int, await self._request(RecordHands(poll_id, tuple(counts))))

    async def moderate(self, answer_id: int, state: AnswerState) -> str:
        return _as(str, await self._request(Moderate(answer_id, state)))

    async def join(self, address: str, code_ok: bool, renewing: bool, returning: str | None) -> str:
        return _as(str, await self._request(Join(address, code_ok, renewing, returning)))

    async def set_slide(self, index: int) -> int:
        return _as(int, await self._request(SetSlide(index)))

    async def ink(self, slide: int, stroke: str | None) -> int:
        return _as(int, await self._request(Ink(slide, stroke)))

    async def ask(
        self,
        device: str,
        ask_id: str,
        text: str,
        name: str | None,
        address: str,
        talk: str | None = None,
    ) -> Asked:
        return _as(Asked, await self._request(Ask(device, ask_id, text, name, address, talk)))

    async def upvote(
        self,
        device: str,
        question: int,
        upvote_id: str,
        up: bool,
        address: str,
        talk: str | None = None,
    ) -> Upvoted:
        request = Upvote(device, question, upvote_id, up, address, talk)
        return _as(Upvoted, await self._request(request))

    async def act_on_question(self, question: int, action: QuestionAction) -> QuestionState:
        return _as(QuestionState, await self._request(ActOnQuestion(question, action)))

    async def set_question_moderation(self, mode: Moderation) -> Moderation:
        return _as(Moderation, await self._request(SetQuestionModeration(mode)))

    async def pairing(self) -> tuple[str, float]:
        secret, expires = _as(tuple, await self._request(NewPairing()))
        return str(secret), float(expires)

    async def pair(self, address: str, secret: str) -> str:
        return _as(str, await self._request(Pair(address, secret)))

    async def revoke(self, remote: str) -> bool:
        return _as(bool, await self._request(Revoke(remote)))

    async def remote_command(self, remote: str, command: str, action: str, poll: str | None) -> str:
        done = await self._request(RemoteCommand(remote, command, action, poll))
        return done if isinstance(done, str) else "done"  # a poll's state: done

    async def remote_pointer(self, remote: str, at: tuple[float, float] | None) -> None:
        await self._request(RemotePointer(remote, at))

    async def publish_remote_state(
        self, state: dict[str, Any], preview: bytes | None, current: bytes | None = None
    ) -> None:
        await self._request(PublishRemoteState(state, preview, current))

    async def set_room_view(self, view: RoomView) -> None:
        await self._request(SetRoomView(view))

    async def react(self, device: str, emoji: str, address: str, talk: str | None = None) -> int:
        return _as(int, await self._request(React(device, emoji, address, talk)))

    async def switch_talk(self, index: int) -> dict[str, object]:
        return _as(dict, await self._request(SwitchTalk(index)))

    async def reload_program(self) -> dict[str, object]:
        return _as(dict, await self._request(ReloadProgram()))

    def _request(self, request: Request) -> asyncio.Future[object]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[object] = loop.create_future()
        if self.channel.closed:
            future.set_exception(StoreError("storage", "the voting server is stopping"))
            return future
        request_id = next(self._ids)
        self._pending[request_id] = future
        if not self._outbox:  # after this turn's other requests have joined it
            loop.call_soon(self._flush)
        self._outbox.append((request_id, request))
        return future

    def _flush(self) -> None:
        self.channel.send(Write(tuple(self._outbox)))
        self._outbox = []

    def _report_watching(self) -> None:
        if not self._report_due:
            self._report_due = True
            asyncio.get_running_loop().call_soon(self._send_watching)

    def _send_watching(self) -> None:
        self._report_due = False
        self.channel.send(Watching(self.hub.watching))

    async def follow(self) -> None:
        """Take the keeper's answers and news until it hangs up (or a bug stops us)."""
        try:
            await self._follow()
        finally:
            self.stopping.set()
            for future in self._pending.values():
                if not future.done():  # never committed as far as we know: the phone retries
                    future.set_exception(StoreError("storage", "the voting server stopped"))
            self._pending.clear()

    async def _follow(self) -> None:
        while (message := await self.channel.receive()) is not None:
            match message:
                case Replies(replies):
                    for reply in replies:
                        self._settle(reply)
                case Changes(changes):
                    self.hub.publish(list(changes))
                case WatchingCount(count):
                    self.watching = count
                    self.hub.tell_presenters()
                case Participants(count):
                    self.participants = count
                    self.hub.tell_presenters()
                case DoorCounts(addresses, refused):
                    self.addresses, self.refused = addresses, refused
                    self.hub.tell_presenters()
                case Remotes(paired, revoked):
                    self.paired, self.revoked = list(paired), revoked
                    self.hub.drop_remotes(self.revoked)
                    self.hub.tell_presenters(Event.REMOTES)
                case RoomViewChanged(view):
                    self.room_view = view
                    self.hub.tell_phones_slide(self.room_view)
                case RemoteState(state, preview, current):
                    self.remote_state, self.preview, self.current = state, preview, current
                    self.hub.tell_remotes(self.remote_state)
                case TalkChanged(stage, deck):
                    if deck is not None:  # the next talk: nothing shown of it yet
                        self.room_view = RoomView(None, follow=False)
                    self.on_new_talk(message)
                    if deck is not None:
                        self.channel.send(TalkReady(stage.key))
                case AnnounceTalk():
                    self.on_announce()
                case CardTaken(device):
                    self.hub.tell_phone(device, Event.CARD)
                case Stop():
                    self.stopping.set()  # keep reading: answers to requests in flight still come
                case Start():
                    raise TypeError("the keeper said start twice")
                case _:
                    assert_never(message)

    def _settle(self, reply: Answered | Refused) -> None:
        future = self._pending.pop(reply.request_id, None)
        if future is None or future.done():
            return  # the phone went away meanwhile
        match reply:
            case Answered(_, value):
                future.set_result(value)
            case Refused(_, code, message):
                future.set_exception(StoreError(code, message))


def _report_failure(task: asyncio.Task[None]) -> None:
    """A bug in following the keeper: said in the server's log (this worker then stops)."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("following the keeper failed; this worker stops", exc_info=error)


def _as(kind: type[T], value: object) -> T:
    """The keeper's answer as the request's type; anything else is a bug between the two."""
    if not isinstance(value, kind):
        raise TypeError(f"the keeper answered {value!r:.200}, not a {kind.__name__}")
    return value


def connection_ceiling() -> int:
    """How many connections this worker serves at once: MOST_CONNECTIONS, or fewer if
    the process may not open that many files besides those it needs for itself (half
    of that reserve is for the connections answered "busy").

    Windows has no such limit on sockets (and no `resource` module)."""
    if sys.platform != "win32":
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY:
            return max(1, min(MOST_CONNECTIONS, soft - FILES_BESIDE_CONNECTIONS))
    return MOST_CONNECTIONS


class ConnectionCaps:
    """At most `most` open connections per source address on this worker, `ceiling` in all.

    One laptop on the Wi-Fi holding thousands of idle connections starved every
    worker of file descriptors, and honest phones timed out. A phone needs a few
    (its event stream, a vote, the page); the cap scales with the devices an
    address may have. The trusted proxy, which carries everyone, is exempt.
    Past `ceiling` a connection's request is answered 503 with Retry-After (the
    phone tries again, or another worker takes it), never left hanging; past the
    reserve of files beside it, the connection is closed before a byte is read.
    It is the app's first middleware (added before the app starts), and `install`
    puts it into the app's server.
    """

    __middleware_version__ = 1  # aiohttp's mark of a middleware that takes the handler

    def __init__(self, most: int, exempt: str | None, ceiling: int) -> None:
        self.most, self.exempt, self.ceiling = most, exempt, ceiling
        self.held: Counter[str] = Counter()
        self.addresses: dict[object, str] = {}
        self.busy: set[object] = set()  # connections over the ceiling: each gets its 503

    async def __call__(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.protocol in self.busy:
            response = problem(503, "busy", "the server is full just now; try again shortly")
            response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
            response.force_close()  # its file goes back at once
            return response
        return await handler(request)

    def install(self, server: web.Server) -> None:
        made, lost = server.connection_made, server.connection_lost
        held, addresses, busy = self.held, self.addresses, self.busy

        def connection_made(handler: Any, transport: asyncio.Transport) -> None:
            peer = transport.get_extra_info("peername")
            address = str(peer[0]) if peer else ""
            if address != self.exempt and held[address] >= self.most:
                transport.abort()  # refused before a byte is read; its connection_lost follows
            elif len(addresses) >= self.ceiling:
                if len(busy) < FILES_BESIDE_CONNECTIONS // 2:
                    busy.add(handler)
                else:
                    transport.abort()
            else:
                held[address] += 1
                addresses[handler] = address
            made(handler, transport)

        def connection_lost(handler: Any, exc: BaseException | None) -> None:
            busy.discard(handler)
            address = addresses.pop(handler, None)
            if address is not None:
                held[address] -= 1
                if not held[address]:
                    del held[address]
            lost(handler, exc)

        server.connection_made = connection_made  # type: ignore[method-assign]
        server.connection_lost = connection_lost  # type: ignore[method-assign,assignment]


def room_questions(reader: SessionReader) -> dict[str, object]:
    """What every phone's event carries: the room's questions in the one order, and
    their ids newest first (the phone's other order)."""
    shown = public(reader.questions())
    return {
        "questions": [question.as_json(presenter=False) for question in shown],
        "newest": [question.id for question in ranked(shown, Order.NEW)],
    }


def _new_talk(app: web.Application, hub: EventHub, changed: TalkChanged) -> None:
    """An evening's next talk is on: read its session and deck from now on, and tell
    every stream (with only a new place in the program, nothing else changes).

    aiohttp freezes a running app's state, lest a handler see half of a change; here
    the whole change happens in this worker's one thread between two awaits, so every
    request sees one talk or the other, whole. A request that started with the old
    talk's reader finishes with it: the old readers are closed a while later."""
    state = app._state  # swapped whole, between two awaits (see above)
    state[TALK] = changed.stage.as_json()
    if changed.deck is None or changed.session is None:
        return
    old = app[STORE]
    deck: Deck = pickle.loads(changed.deck)  # from the keeper, which read it
    state[STORE] = SessionReader(changed.session)
    state[DECK] = deck
    state[POLLS] = {poll.id: poll for poll in deck.polls}
    hub.forget_talk()  # the streams hear of the next talk once every worker reads it
    asyncio.get_running_loop().call_later(OLD_READERS_SECONDS, old.close_readers)


def run_worker_here(
    sock: socket.socket, deck: Deck, session_path: Path, stage: OnStage | None = None
) -> int:
    """A worker in a thread of the keeper's process, where it cannot fork."""
    return asyncio.run(_serve(sock, deck, session_path, stage))


def run_worker(
    sock: socket.socket, deck: Deck, session_path: Path, stage: OnStage | None = None
) -> int:
    """The body of a forked worker process; returns its exit code."""
    for signum in (signal.SIGINT, signal.SIGTERM):  # meant for the keeper, which stops us
        signal.signal(signum, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # the app's lifeline and stdout belong to the keeper alone
    os.dup2(devnull, 1)
    os.close(devnull)
    return asyncio.run(_serve(sock, deck, session_path, stage))


async def _serve(sock: socket.socket, deck: Deck, session_path: Path, stage: OnStage | None) -> int:
    channel = await Channel.to_keeper(sock)
    start = await channel.receive()
    if start is None:  # the keeper could not open the session
        return 0
    if not isinstance(start, Start):
        raise TypeError(f"the keeper's first word was not Start: {start!r:.200}")
    host, port, token, admission = start.host, start.port, start.token, start.admission
    reader = SessionReader(session_path)
    # What the hub reads, it reads from the app: an evening's next talk replaces them.
    hub = EventHub(
        revealed=lambda: {status.poll_id: status.revealed for status in app[STORE].statuses()},
        room_slide=lambda view: view.as_event(app[DECK]),
        public_questions=lambda: room_questions(app[STORE]),
        results=lambda poll_id, lang, presenter: results_json(
            app[STORE], app[POLLS][poll_id], lang, presenter
        ),
    )
    link = KeeperLink(channel, hub)
    app = build_app(reader, link, deck, token, hub, Tickets(start.ticket_key), admission)
    app[CARD_KEY] = start.card_key
    hub.read_revealed()  # before any stream: from here on the poll events keep it
    if stage is not None:
        app[TALK] = stage.as_json()
        link.on_new_talk = lambda changed: _new_talk(app, hub, changed)
        link.on_announce = lambda: hub.new_talk(talk_state(app))
    add_question_routes(app)
    add_reaction_routes(app)
    add_remote_routes(app, start.remote_keys)
    add_follow_routes(app)
    add_evening_routes(app)
    # handler_cancellation: a phone that closes its page leaves the event streams (and the
    # "watching" count) at once, not at the next heartbeat.
    runner = web.AppRunner(
        app,
        access_log=None,
        shutdown_timeout=SHUTDOWN_SECONDS,
        handler_cancellation=True,
        keepalive_timeout=IDLE_SECONDS,
    )
    caps = ConnectionCaps(
        admission.connections_per_address, admission.trusted_proxy, connection_ceiling()
    )
    app.middlewares.insert(0, caps)
    await runner.setup()
    assert runner.server is not None
    caps.install(runner.server)
    try:
        site = web.TCPSite(
            runner, host, port, reuse_address=True, reuse_port=True, backlog=LISTEN_BACKLOG
        )
        await site.start()
    except OSError as error:
        channel.send(Failed(str(error)))
        await channel.drain()
        return 1
    gc.freeze()  # on the portable path the keeper's objects too: the same process
    gc.set_threshold(YOUNG_COLLECTED_EVERY, *gc.get_threshold()[1:])
    channel.send(Ready())
    following = asyncio.create_task(link.follow())
    following.add_done_callback(_report_failure)
    await link.stopping.wait()
    hub.close_all()
    await runner.cleanup()  # stops listening, lets requests in flight finish
    # Our read-only connections go before we hang up, so the keeper's writer closes
    # the file last: a read-only connection closing last leaves SQLite's -shm behind.
    app[STORE].close_readers()
    channel.close()
    following.cancel()
    return 0
