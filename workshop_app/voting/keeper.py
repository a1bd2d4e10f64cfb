"""The keeper: the voting server's one writer, fed by its HTTP workers.

Workers (see `worker.py`) answer HTTP in processes of their own and send every
write here, a turn of their event loop's worth at a time. The keeper hands each
such batch to the store as one group, and the store answers the whole group in
one call after its commit. The store has no thread of its own here: the
keeper's event loop commits what a turn brought in (group commit), so nothing
is handed between threads. Committed changes go back to every worker, which
tells its Server-Sent-Event listeners.

The per-device rate lives here too, so a phone whose requests land on
different workers is still counted as one phone.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, assert_never

from workshop_app.session import countdown
from workshop_app.session.cards import CardKey
from workshop_app.session.model import Change, ChangeKind, PollAction, PollState, StoreError
from workshop_app.session.store import Outcome, SessionStore, Work
from workshop_app.voting.admission import (
    ADMITTED,
    READMITTED,
    TOO_MANY_TRIES,
    WRONG_CODE,
    Admission,
    Doors,
)
from workshop_app.voting.follow import RoomView
from workshop_app.voting.ipc import Channel
from workshop_app.voting.limits import SWEEP_ABOVE, TOO_MANY, TOO_MANY_HERE, Limit, Window
from workshop_app.voting.messages import (
    TALK_CHANGED,
    ActOnQuestion,
    Answered,
    Ask,
    CardTaken,
    Changes,
    DoorCounts,
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
    Reply,
    Request,
    Revoke,
    RoomViewChanged,
    SetPollState,
    SetQuestionModeration,
    SetRoomView,
    SetSlide,
    Start,
    Stop,
    StoreRequest,
    SwitchTalk,
    TalkReady,
    ToKeeper,
    ToWorker,
    Upvote,
    Vote,
    Watching,
    WatchingCount,
    Write,
)
from workshop_app.voting.remote import (
    PAIR_AGAIN,
    TAKEN,
    TOO_FAST,
    Pairings,
    RemoteAction,
    remote_keys,
)
from workshop_app.voting.room_reactions import RoomReactions

if TYPE_CHECKING:
    from workshop_app.voting.stagehand import Stagehand

log = logging.getLogger("impuls.voting")
RATE_PER_DEVICE = (20, 10.0)  # at most 20 votes per device in 10 s: a phone, not a script
RATE_OF_QUESTIONS = (3, 60.0)  # three questions a minute; the store caps a session's at ten
RATE_OF_UPVOTES = (30, 10.0)
# Limits per source address are set for a room, not for a phone: a venue's Wi-Fi often
# puts 200 phones behind one NAT address. They stop a script with a few addresses and
# many tickets, which per-ticket limits alone do not (issue 33: ten addresses, 100
# tickets, 300 questions in 20 s). A ticket is not bound to its address: phones roam
# between Wi-Fi and mobile data, and a carrier's NAT changes addresses; whatever
# address a request comes from, that address's limits count it.
QUESTIONS_PER_ADDRESS = (40, 60.0)
# New questions reaching the console from the whole room: more than a speaker can read.
QUESTIONS_PER_ROOM = (60, 60.0)
# Upvotes are not smoothed per question: a room of 500 that is asked to upvote does so
# within a second (docs/benchmarks.md), and a question cannot get more upvotes than
# there are tickets; tickets per address are capped when they are issued. Per address,
# a ceiling on the flood a script with many tickets could write, far above a room's.
UPVOTES_PER_ADDRESS = (5000, 10.0)
TOO_MANY_QUESTIONS = "the speaker is getting many questions just now; ask again in a minute"
WorkerLink = Channel[ToWorker, ToKeeper]  # the keeper's end of a worker's socket pair


NO_CARD = "this vote counts voting cards only; scan your card"
CARD_TAKEN = "another phone scanned this voting card since; it holds the card's vote"


class Keeper:
    def __init__(
        self,
        store: SessionStore,
        workers: int,
        admission: Admission,
        card_key: CardKey | None = None,
    ) -> None:
        self.store = store
        self.admission = admission
        self.doors = Doors(admission.devices_per_address)
        self.loop = asyncio.get_running_loop()
        self.links: list[WorkerLink] = []
        self.watching: dict[WorkerLink, frozenset[str]] = {}  # per worker: phones following
        self.rate = DeviceRate()
        self.started: asyncio.Future[None] = self.loop.create_future()
        self.gone = asyncio.Event()  # every worker has hung up
        self._waiting_for = workers
        self._commit_due = False
        self.participants = store.participant_count()
        # The phones' tickets: signed with a key for this run only, never written to
        # the session file that is handed on (after a restart, phones join again).
        self.ticket_key = secrets.token_bytes(32)
        # The speaker's remotes: a key for this run only, pairings in memory only.
        self.pairings = Pairings(remote_keys(secrets.token_bytes(32)))
        # What the remotes show: the state, the next slide's picture, the current one's.
        self.remote_state: tuple[dict[str, Any], bytes | None, bytes | None] = ({}, None, None)
        self.room_view = RoomView(None, follow=False)  # until the app says what is shown
        # A person asks a few questions and taps a few upvotes; a script thousands.
        self.asking = Window(*RATE_OF_QUESTIONS)
        self.asking_here = Window(*QUESTIONS_PER_ADDRESS)
        self.asking_room = Window(*QUESTIONS_PER_ROOM)
        self.upvoting = Window(*RATE_OF_UPVOTES)
        self.upvoting_here = Window(*UPVOTES_PER_ADDRESS)
        self.reactions = RoomReactions(
            store,
            admission.devices_per_address,
            lambda changes: self._broadcast(Changes(changes)),
            self._commit_soon,
        )
        self._closing: dict[str, asyncio.TimerHandle] = {}  # poll → its countdown's close
        # Voting cards: which phone holds which card, in memory only (a restarted server
        # learns it again as phones join with the card they keep). One holder per card,
        # the latest; so both maps hold at most one entry per card issued.
        self.card_key = card_key
        self.holders: dict[int, str] = {}  # card → the device that holds it
        self.held: dict[str, int] = {}  # device → its card
        self.stagehand: Stagehand | None = None  # an evening's: moves us from talk to talk
        self._follow_store()

    def _follow_store(self) -> None:
        self.store.add_listener(self._committed)
        for status in self.store.statuses():  # a restarted server keeps counting down
            if status.state is PollState.OPEN:
                self._count_down(status.poll_id, status.ends)

    def take_store(self, store: SessionStore) -> None:
        """An evening's next talk: write and close this talk's session, follow `store`.

        What is queued for the old session is committed and answered first (the
        workers hear those answers before they hear of the new talk); countdowns and
        the room's taps belong to the talk; tickets, rates and remotes to the evening."""
        self.reactions.write()
        self.reactions.stop()
        for due in self._closing.values():
            due.cancel()
        self._closing.clear()
        self.store.close()  # commits what is queued, answers it, releases the file
        self.store = store
        self.room_view = RoomView(None, follow=False)  # until the app says what is shown
        self.reactions = RoomReactions(
            store,
            self.admission.devices_per_address,
            lambda changes: self._broadcast(Changes(changes)),
            self._commit_soon,
        )
        self._follow_store()
        if self.card_key is not None:  # the cards held stay held, present in this talk too
            for serial in self.holders:
                store.submit(store.present_work(self.card_key.voter(serial)))
            self._commit_soon()
        self.participants = store.participant_count()
        self._broadcast(Participants(self.participants))

    def attach(self, link: WorkerLink) -> asyncio.Task[None]:
        """Serve one worker, from now until it hangs up."""
        self.links.append(link)
        task = asyncio.create_task(self._follow(link))
        task.add_done_callback(_report_failure)
        return task

    async def _follow(self, link: WorkerLink) -> None:
        try:
            await self._serve(link)
        finally:
            link.close()  # after a failure here too: the worker stops, its phones go elsewhere
            self.links.remove(link)
            self.watching.pop(link, None)
            if not self.started.done():
                self.started.set_exception(
                    OSError("a worker of the voting server stopped at start")
                )
            if not self.links:
                self.gone.set()

    async def _serve(self, link: WorkerLink) -> None:
        while (message := await link.receive()) is not None:
            match message:
                case Write(requests):
                    self._write(link, requests)
                case Watching(phones):  # a phone on two workers is still one phone
                    self.watching[link] = phones
                    self._broadcast(WatchingCount(len(frozenset().union(*self.watching.values()))))
                case Ready():
                    self._waiting_for -= 1
                    if self._waiting_for == 0 and not self.started.done():
                        self.started.set_result(None)
                case Failed(reason):
                    if not self.started.done():
                        self.started.set_exception(OSError(reason))
                case TalkReady(key):
                    if self.stagehand is not None:
                        self.stagehand.ready(link, key)
                case _:
                    assert_never(message)

    def _write(self, link: WorkerLink, requests: tuple[tuple[int, Request], ...]) -> None:
        works: list[Work] = []
        ids: list[int] = []
        answered: list[Reply] = []
        for request_id, request in requests:
            if isinstance(request, SwitchTalk | ReloadProgram) and self.stagehand is not None:
                self.stagehand.take(request, request_id, link)  # answered when it is done
                continue
            outcome = self._answer(request)
            if isinstance(outcome, StoreError):
                answered.append(Refused(request_id, outcome.code, str(outcome)))
            elif callable(outcome):  # store work, committed with this turn's others
                works.append(outcome)
                ids.append(request_id)
            else:
                answered.append(Answered(request_id, outcome))
        if answered:
            link.send(Replies(tuple(answered)))
        if works:
            self._submit(works, lambda outcomes: self._reply(link, ids, outcomes))

    def _submit(self, works: list[Work], settle: Callable[[list[Outcome]], None]) -> None:
        self.store.submit_group(works, settle)
        self._commit_soon()

    # ------------------------------------------------------------ countdowns

    def _count_down(self, poll_id: str, ends: float | None) -> None:
        """Close the poll at its countdown's end (and grace); a new end replaces the old."""
        if (due := self._closing.pop(poll_id, None)) is not None:
            due.cancel()
        if ends is not None:
            wait = ends + countdown.GRACE - time.time()
            self._closing[poll_id] = self.loop.call_later(max(0.0, wait), self._time_up, poll_id)

    def _time_up(self, poll_id: str) -> None:
        self._closing.pop(poll_id, None)
        ends = self.store.ends(poll_id)
        if ends is None:  # halted or closed meanwhile
            return
        if time.time() <= ends + countdown.GRACE:  # the wall clock was stepped: not yet
            self._count_down(poll_id, ends)
            return

        def closed(outcomes: list[Outcome]) -> None:
            for ok, value in outcomes:
                if not ok:
                    log.warning("closing poll %s at its countdown's end failed: %s",
                                poll_id, value)  # fmt: skip

        self._submit([self.store.state_work(poll_id, PollAction.CLOSE)], closed)

    def _answer(self, request: Request) -> Work | StoreError | object:
        """The store work for `request`, its answer from memory, or why it is refused."""
        if isinstance(request, Vote | Ask | Upvote | React) and self._gone_by(request.talk):
            # The worker let it through while the last talk was on; here the next one
            # is, and it may have a poll of the same id: the phone hears 409 and asks.
            return StoreError("talk_changed", TALK_CHANGED)
        if isinstance(request, Vote) and request.by_card:
            # One vote per card, whichever phone holds it: stored under the card's voter
            # id, so a card moved to another phone replaces its vote, never doubles it.
            serial = self.held.get(request.device)
            if serial is None or self.card_key is None:
                return StoreError("no_card", NO_CARD)
            request = replace(request, device=self.card_key.voter(serial))
        match request:
            case Join(address, code_ok, renewing, returning):  # nothing to write
                return self._join(address, code_ok, renewing, returning)
            case NewPairing():
                return self.pairings.new_secret()
            case Pair(address, secret):
                return self._pair(address, secret)
            case Revoke(remote):
                return self._revoke(remote)
            case RemoteCommand():
                return self._remote_command(request)
            case RemotePointer(remote, at):
                return self._remote_pointer(remote, at)
            case PublishRemoteState(state, preview, current):
                return self._remote_state(state, preview, current)
            case SetRoomView(view):
                return self._room_view(view)
            case React(device, emoji, address, _):
                return self.reactions.tap(device, emoji, address)
            case HoldCard(device, serial, kept):
                return self._hold(device, serial, kept)
            case SwitchTalk() | ReloadProgram():  # an evening's stagehand takes these
                return StoreError("not_evening", "this server gives one talk, not an evening")
            case Vote(poll_id, device, vote_id) if self.rate.over(device):
                earlier = self.store.receipt_for(poll_id, vote_id, device)
                # A retry of a stored vote is answered, however often it comes.
                return earlier if earlier is not None else StoreError("too_many", TOO_MANY)
            # A retry of a stored question or upvote is answered, however often it comes.
            case Ask(device, ask_id, _, _, address, _) if not self._stored(
                "SELECT 1 FROM questions WHERE ask_id = ?", ask_id
            ):
                return self._within(request, (
                    (self.asking, device, TOO_MANY),
                    (self.asking_here, address, TOO_MANY_HERE),
                    (self.asking_room, "", TOO_MANY_QUESTIONS),
                ))  # fmt: skip
            case Upvote(device, _, upvote_id, _, address, _) if not self._stored(
                "SELECT 1 FROM upvotes WHERE upvote_id = ?", upvote_id
            ):
                return self._within(request, (
                    (self.upvoting, device, TOO_MANY),
                    (self.upvoting_here, address, TOO_MANY_HERE),
                ))  # fmt: skip
            case _:
                return self._work(request)

    def _gone_by(self, talk: str | None) -> bool:
        """Whether a phone's write names an evening's talk that is no longer on."""
        hand = self.stagehand
        return talk is not None and hand is not None and talk != hand.stage.key

    def _within(
        self, request: StoreRequest, limits: tuple[tuple[Limit, str, str], ...]
    ) -> Work | StoreError:
        """The request's work if every limit has room (then each counts it), else 429
        with the sentence of the first that has none."""
        now = time.monotonic()
        for limit, key, sentence in limits:
            if not limit.room(key, now):
                return StoreError("too_many", sentence)
        for limit, key, _ in limits:
            limit.take(key, now)
        return self._work(request)

    def _work(self, request: StoreRequest) -> Work:
        store = self.store
        match request:
            case Vote(poll_id, device, vote_id, ballot):
                return store.vote_work(poll_id, device, vote_id, ballot)
            case SetPollState(poll_id, action):
                return store.state_work(poll_id, action)
            case RecordHands(poll_id, counts):
                return store.hands_work(poll_id, list(counts))
            case Moderate(answer_id, state):
                return store.moderation_work(answer_id, state)
            case SetSlide(index):
                if self.room_view.slide is None:  # the room's slide, once the app says it
                    self.reactions.slide = index
                return store.slide_work(index)
            case Ink(slide, stroke):
                return store.ink_work(slide, stroke)
            case Ask(device, ask_id, text, name):
                return store.ask_work(device, ask_id, text, name)
            case Upvote(device, question, upvote_id, up):
                return store.upvote_work(device, question, upvote_id, up)
            case ActOnQuestion(question, action):
                return store.question_work(question, action)
            case SetQuestionModeration(mode):
                return store.question_moderation_work(mode)
            case _:
                assert_never(request)

    def _hold(self, device: str, serial: int, kept: bool = False) -> Work | StoreError:
        """`device` holds card `serial` now; whoever held it before no longer does, and
        is told so. A card only `kept` (not scanned now) stays with its holder."""
        if self.card_key is None:
            return StoreError("no_card", NO_CARD)
        earlier = self.holders.get(serial)
        if earlier is not None and earlier != device:
            if kept:
                return StoreError("card_taken", CARD_TAKEN)
            del self.held[earlier]
            self._broadcast(CardTaken(earlier))
        other = self.held.get(device)
        if other is not None and other != serial:
            del self.holders[other]
        self.holders[serial], self.held[device] = device, serial
        return self.store.present_work(self.card_key.voter(serial))

    # ------------------------------------------------------------ the speaker's remote

    def _room_view(self, view: RoomView) -> bool:
        self.room_view = view
        if view.slide is not None:
            self.reactions.slide = view.slide
        self._broadcast(RoomViewChanged(view))
        return True

    def _pair(self, address: str, secret: str) -> str:
        """A token, or why not: wrong secrets count as wrong codes for the address."""
        if self.doors.locked(address):
            return TOO_MANY_TRIES
        token = self.pairings.pair(secret)
        if token is None:
            self.doors.strike(address)
            return WRONG_CODE
        self._tell_remotes()
        return token

    def _revoke(self, remote: str) -> bool:
        revoked = self.pairings.revoke(remote)
        if revoked:
            self._tell_remotes()
        return revoked

    def _tell_remotes(self) -> None:
        paired = tuple(p.as_json() for p in self.pairings.paired.values())
        self._broadcast(Remotes(paired, frozenset(self.pairings.revoked)))

    def _remote_command(self, request: RemoteCommand) -> Work | str | StoreError:
        first = self.pairings.first_time(request.command, request.remote)
        if first == TAKEN:
            return TAKEN
        if first == TOO_FAST:
            return StoreError("too_many", "too many commands from this remote; a moment, please")
        if first == PAIR_AGAIN:
            return StoreError("pair_again", "this remote has sent all it may; pair it again")
        if not first:
            return "done"  # a retry: acknowledged, not carried out again
        wanted = RemoteAction(request.action)
        if wanted.poll_action is not None and request.poll is not None:
            return self.store.state_work(request.poll, wanted.poll_action)
        self._broadcast(Changes((Change(ChangeKind.REMOTE, None, {"action": wanted.value}),)))
        return "done"

    def _remote_pointer(self, remote: str, at: tuple[float, float] | None) -> bool | StoreError:
        """The laser dot where the remote's finger is: to the app only (the presenter's
        stream), never stored, never to phones."""
        if not self.pairings.may_point(remote):
            return StoreError("too_many", "too many pointer moves from this remote")
        pointer = None if at is None else list(at)
        self._broadcast(Changes((Change(ChangeKind.REMOTE, None, {"pointer": pointer}),)))
        return True

    def _remote_state(
        self, state: dict[str, Any], preview: bytes | None, current: bytes | None
    ) -> bool:
        # None: the state changed, that picture did not
        preview = self.remote_state[1] if preview is None else preview
        current = self.remote_state[2] if current is None else current
        self.remote_state = (state, preview, current)
        self._broadcast(RemoteState(state, preview, current))
        return True

    def _stored(self, query: str, key: str) -> bool:
        return self.store.reader().execute(query, (key,)).fetchone() is not None

    def _join(self, address: str, code_ok: bool, renewing: bool, returning: str | None) -> str:
        # A ticket of an earlier run (restart, resumed session) keeps its device, if
        # that device is in the session: only its phone knows the secret behind it.
        known = returning is not None and code_ok and self.store.knows_device(returning)
        before = (self.doors.addresses, self.doors.refused)
        outcome = self.doors.admit(address, code_ok, renewing or known)
        if (self.doors.addresses, self.doors.refused) != before:  # for the presenter's console
            self._broadcast(DoorCounts(self.doors.addresses, self.doors.refused))
        return READMITTED if known and outcome == ADMITTED else outcome

    def _commit_soon(self) -> None:
        if not self._commit_due:  # after this turn's other messages: one commit for all
            self._commit_due = True
            self.loop.call_soon(self._commit)

    def _commit(self) -> None:
        self._commit_due = False
        self.store.commit_queued()  # blocks for the fsync; workers' requests queue meanwhile

    @staticmethod
    def _reply(link: WorkerLink, ids: list[int], outcomes: list[Outcome]) -> None:
        replies: list[Reply] = []
        for request_id, (ok, value) in zip(ids, outcomes, strict=True):
            if ok:
                replies.append(Answered(request_id, value))
            else:
                error: StoreError = value
                replies.append(Refused(request_id, error.code, str(error)))
        link.send(Replies(tuple(replies)))

    def _committed(self, changes: list[Change]) -> None:
        for change in changes:
            if change.kind is ChangeKind.POLL and change.poll_id is not None:
                ends = change.detail.get("ends")
                self._count_down(change.poll_id, ends if isinstance(ends, float) else None)
        participants = self.store.participant_count()
        if participants != self.participants:  # first: the app asks for it on the event
            self.participants = participants
            self._broadcast(Participants(participants))
        self._broadcast(Changes(tuple(changes)))

    def broadcast(self, message: ToWorker) -> None:
        self._broadcast(message)

    def _broadcast(self, message: ToWorker) -> None:
        for link in self.links:
            link.send(message)

    def start(self, host: str, port: int, token: str) -> None:
        self._broadcast(Start(host, port, token, self.ticket_key, self.admission,
                              self.pairings.keys, self.card_key))  # fmt: skip
        self._broadcast(Participants(self.participants))

    async def stop(self, timeout: float) -> None:
        """Ask every worker to stop; answer what they still send until they hang up."""
        self._broadcast(Stop())
        try:
            await asyncio.wait_for(self.gone.wait(), timeout)
        except TimeoutError:
            log.warning("%d worker(s) did not stop in time", len(self.links))
        self.reactions.write()  # the last taps go in with the rest


def _report_failure(task: asyncio.Task[None]) -> None:
    """A bug while serving a worker: said in the server's log, with its traceback."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("serving a worker failed; it is stopped", exc_info=error)


class DeviceRate:
    """How often each device voted lately; a device over the limit is refused with 429."""

    def __init__(self, most: int = RATE_PER_DEVICE[0], window: float = RATE_PER_DEVICE[1]):
        self.most = most
        self.window = window
        self.recent: dict[str, list[float]] = {}
        self._sweep_at = 0.0

    def over(self, device: str) -> bool:
        now = time.monotonic()
        times = self.recent.get(device)
        if times is None:  # the usual case: a phone's first vote
            self.recent[device] = [now]
            if len(self.recent) > SWEEP_ABOVE:
                self._sweep(now)
            return False
        times[:] = [t for t in times if now - t < self.window]
        if len(times) >= self.most:
            return True
        times.append(now)
        return False

    def _sweep(self, now: float) -> None:
        """Forget idle devices, at most once a window: a sweep walks them all."""
        if now >= self._sweep_at:
            self._sweep_at = now + self.window
            for device in [d for d, times in self.recent.items() if now - times[-1] > self.window]:
                del self.recent[device]
