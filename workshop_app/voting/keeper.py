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
from typing import Any

from workshop_app.session.model import Change, StoreError
from workshop_app.session.store import Outcome, SessionStore, Work
from workshop_app.voting.admission import TOO_MANY_TRIES, WRONG_CODE, Admission, Doors
from workshop_app.voting.follow import RoomView
from workshop_app.voting.ipc import Channel
from workshop_app.voting.remote import Pairings, RemoteAction, remote_keys

log = logging.getLogger("impuls.voting")
RATE_PER_DEVICE = (20, 10.0)  # at most 20 votes per device in 10 s: a phone, not a script
RATE_OF_QUESTIONS = (3, 60.0)  # three questions a minute; the store caps a session's at ten
RATE_OF_UPVOTES = (30, 10.0)
TOO_MANY = "too many requests from this device; wait a moment"
SWEEP_ABOVE = 50_000  # devices remembered before idle ones are forgotten


class Keeper:
    def __init__(self, store: SessionStore, workers: int, admission: Admission) -> None:
        self.store = store
        self.admission = admission
        self.doors = Doors(admission.devices_per_address)
        self.loop = asyncio.get_running_loop()
        self.links: list[Channel] = []
        self.watching: dict[Channel, frozenset[str]] = {}  # per worker: phones following
        self.rate = DeviceRate()
        self.started: asyncio.Future[None] = self.loop.create_future()
        self.gone = asyncio.Event()  # every worker has hung up
        self._waiting_for = workers
        self._commit_due = False
        self.participants = store.participant_count()
        self._ops: dict[str, Callable[..., Work]] = {
            "vote": store.vote_work,
            "state": store.state_work,
            "hands": store.hands_work,
            "moderate": store.moderation_work,
            "slide": store.slide_work,
            "ask": store.ask_work,
            "upvote": store.upvote_work,
            "question": store.question_work,
            "question_moderation": store.question_moderation_work,
        }
        # The speaker's remotes: a key for this run only, pairings in memory only.
        self.pairings = Pairings(remote_keys(secrets.token_bytes(32)))
        self.remote_state: tuple[dict[str, Any], bytes | None] = ({}, None)
        self.room_view = RoomView(None, follow=False)  # until the app says what is shown
        # Answered from memory, like a join (a poll command becomes store work).
        self._remote_ops: dict[str, Callable[..., Any]] = {
            "pairing": self._pairing,
            "pair": self._pair,
            "revoke": self._revoke,
            "remote_command": self._remote_command,
            "remote_state": self._remote_state,
            "room_view": self._room_view,
        }
        # A person asks a few questions and taps a few upvotes; a script thousands.
        self.asking = DeviceRate(*RATE_OF_QUESTIONS)
        self.upvoting = DeviceRate(*RATE_OF_UPVOTES)
        store.add_listener(self._committed)

    def attach(self, link: Channel) -> asyncio.Task[None]:
        """Serve one worker, from now until it hangs up."""
        self.links.append(link)
        return asyncio.create_task(self._follow(link))

    async def _follow(self, link: Channel) -> None:
        while (message := await link.receive()) is not None:
            kind = message[0]
            if kind == "write":
                self._write(link, message[1])
            elif kind == "watching":  # a phone on two workers is still one phone
                self.watching[link] = message[1]
                self._broadcast(("watching", len(frozenset().union(*self.watching.values()))))
            elif kind == "ready":
                self._waiting_for -= 1
                if self._waiting_for == 0 and not self.started.done():
                    self.started.set_result(None)
            elif kind == "failed" and not self.started.done():
                self.started.set_exception(OSError(message[1]))
        self.links.remove(link)
        self.watching.pop(link, None)
        if not self.started.done():
            self.started.set_exception(OSError("a worker of the voting server stopped at start"))
        if not self.links:
            self.gone.set()

    def _write(self, link: Channel, requests: list[tuple[int, str, tuple[Any, ...]]]) -> None:
        works: list[Work] = []
        ids: list[int] = []
        answered: list[tuple[int, bool, Any]] = []
        for request_id, op, args in requests:
            if op == "join":  # answered from memory: nothing to write
                answered.append((request_id, True, self._join(*args)))
                continue
            if op in self._remote_ops:
                outcome = self._remote_ops[op](*args)
                if callable(outcome):  # a poll command: the console's own store work
                    works.append(outcome)
                    ids.append(request_id)
                else:
                    answered.append((request_id, True, outcome))
                continue
            if op == "vote" and self.rate.over(args[1]):
                earlier = self.store.receipt_for(args[0], args[2], args[1])
                if earlier is not None:  # a retry of a stored vote is answered, however often
                    answered.append((request_id, True, earlier))
                else:
                    answered.append((request_id, False, ("too_many", TOO_MANY)))
                continue
            if self._too_fast(op, args):
                answered.append((request_id, False, ("too_many", TOO_MANY)))
                continue
            works.append(self._ops[op](*args))
            ids.append(request_id)
        if answered:
            link.send(("replies", answered))
        if works:
            self.store.submit_group(works, lambda outcomes: self._reply(link, ids, outcomes))
            if not self._commit_due:  # after this turn's other messages: one commit for all
                self._commit_due = True
                self.loop.call_soon(self._commit)

    # ------------------------------------------------------------ the speaker's remote

    def _room_view(self, view: RoomView) -> bool:
        self.room_view = view
        self._broadcast(("room_view", view))
        return True

    def _pairing(self) -> tuple[str, float]:
        return self.pairings.new_secret()

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
        paired = [p.as_json() for p in self.pairings.paired.values()]
        self._broadcast(("remotes", paired, frozenset(self.pairings.revoked)))

    def _remote_command(
        self, remote: str, command: str, action: str, poll: str | None
    ) -> Work | str:
        first = self.pairings.first_time(command, remote)
        if first is None:
            return "command_taken"
        if not first:
            return "done"  # a retry: acknowledged, not carried out again
        wanted = RemoteAction(action)
        if wanted.poll_action is not None and poll is not None:
            return self.store.state_work(poll, wanted.poll_action)
        self._broadcast(("changes", [Change("remote", None, {"action": wanted.value})]))
        return "done"

    def _remote_state(self, state: dict[str, Any], preview: bytes | None) -> bool:
        if preview is None:  # the state changed, the picture of the next slide did not
            preview = self.remote_state[1]
        self.remote_state = (state, preview)
        self._broadcast(("remote_state", state, preview))
        return True

    def _too_fast(self, op: str, args: tuple[Any, ...]) -> bool:
        """A phone over its rate of questions or upvotes, unless this is a retry of one
        already stored (a retry is answered however often it comes)."""
        if op == "ask" and self.asking.over(args[0]):
            return not self._stored("SELECT 1 FROM questions WHERE ask_id = ?", args[1])
        if op == "upvote" and self.upvoting.over(args[0]):
            return not self._stored("SELECT 1 FROM upvotes WHERE upvote_id = ?", args[2])
        return False

    def _stored(self, query: str, key: str) -> bool:
        return self.store.reader().execute(query, (key,)).fetchone() is not None

    def _join(self, address: str, code_ok: bool, renewing: bool) -> str:
        before = (self.doors.addresses, self.doors.refused)
        outcome = self.doors.admit(address, code_ok, renewing)
        if (self.doors.addresses, self.doors.refused) != before:  # for the presenter's console
            self._broadcast(("doors", self.doors.addresses, self.doors.refused))
        return outcome

    def _commit(self) -> None:
        self._commit_due = False
        self.store.commit_queued()  # blocks for the fsync; workers' requests queue meanwhile

    @staticmethod
    def _reply(link: Channel, ids: list[int], outcomes: list[Outcome]) -> None:
        replies = []
        for request_id, (ok, value) in zip(ids, outcomes, strict=True):
            if not ok:
                error: StoreError = value
                value = (error.code, str(error))
            replies.append((request_id, ok, value))
        link.send(("replies", replies))

    def _committed(self, changes: list[Change]) -> None:
        participants = self.store.participant_count()
        if participants != self.participants:  # first: the app asks for it on the event
            self.participants = participants
            self._broadcast(("participants", participants))
        self._broadcast(("changes", changes))

    def _broadcast(self, message: tuple[Any, ...]) -> None:
        for link in self.links:
            link.send(message)

    def start(self, host: str, port: int, token: str) -> None:
        self._broadcast(("start", host, port, token, self.store.ticket_key, self.admission,
                         self.pairings.keys))  # fmt: skip
        self._broadcast(("participants", self.participants))

    async def stop(self, timeout: float) -> None:
        """Ask every worker to stop; answer what they still send until they hang up."""
        self._broadcast(("stop",))
        try:
            await asyncio.wait_for(self.gone.wait(), timeout)
        except TimeoutError:
            log.warning("%d worker(s) did not stop in time", len(self.links))


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
