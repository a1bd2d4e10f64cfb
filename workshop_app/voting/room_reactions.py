"""The keeper's share of reactions: each tap's rate, the taps gathered, the slides' totals.

A tap is answered at once, from memory. At most every REACTIONS_INTERVAL the taps
gathered since go to the workers as one change per slide (the burst and the slide's
totals, from memory: no commit on the way to the projector), and at most every
WRITE_INTERVAL the counts are added to the session in one commit. A crash loses
at most that second's taps; a vote is never answered before it is on disk, a tap
is no vote.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from workshop_app.session import reactions
from workshop_app.session.model import Change, ChangeKind, StoreError
from workshop_app.session.store import Outcome, SessionStore
from workshop_app.voting.limits import TOO_MANY, TOO_MANY_HERE, Window

log = logging.getLogger("impuls.voting")
# A person taps a few times a second at most, a room for a moment. One address may
# carry as many as the phones it may have (`--devices-per-address`), which stops a
# script that brings tickets from elsewhere to one address.
RATE_OF_REACTIONS = (30, 10.0)
# The taps go out at most this often: 500 phones tapping twice a second are ten
# events a second, not a thousand, and the projector still shows a tap within
# 150 ms at p95 (bench/reactions.py).
REACTIONS_INTERVAL = 0.1
WRITE_INTERVAL = 1.0  # the counts into the session: one commit a second at most
Counts = dict[int, dict[str, int]]  # slide → emoji → taps


class RoomReactions:
    def __init__(
        self,
        store: SessionStore,
        devices_per_address: int,
        tell: Callable[[tuple[Change, ...]], None],
        commit_soon: Callable[[], None],
    ) -> None:
        self.store = store
        self.tell = tell  # to every worker, for the presenter's streams
        self.commit_soon = commit_soon
        self.loop = asyncio.get_running_loop()
        self.per_ticket = Window(*RATE_OF_REACTIONS)
        most, seconds = RATE_OF_REACTIONS
        self.per_address = Window(most * devices_per_address, seconds)
        self.slide = store.current_slide() or 0  # where a tap counts: the room's slide
        self.totals: Counts = {
            room.slide: dict(room.counts) for room in reactions.read(store.reader())
        }
        self._burst: Counts = {}  # not yet told
        self._unwritten: Counts = {}  # not yet in the session
        self._told_at = self._written_at = float("-inf")
        self._telling: asyncio.TimerHandle | None = None
        self._writing: asyncio.TimerHandle | None = None

    def tap(self, device: str, emoji: str, address: str) -> int | StoreError:
        """Count a tap for the room's slide, or refuse it (429); the slide it counted for."""
        now = time.monotonic()
        if not self.per_ticket.room(device, now):
            return StoreError("too_many", TOO_MANY)
        if not self.per_address.room(address, now):
            return StoreError("too_many", TOO_MANY_HERE)
        self.per_ticket.take(device, now)
        self.per_address.take(address, now)
        for counts in (self._burst, self._unwritten, self.totals):
            slide = counts.setdefault(self.slide, {})
            slide[emoji] = slide.get(emoji, 0) + 1
        if self._telling is None:
            wait = max(0.0, self._told_at + REACTIONS_INTERVAL - self.loop.time())
            self._telling = self.loop.call_later(wait, self._tell)
        if self._writing is None:
            wait = max(0.0, self._written_at + WRITE_INTERVAL - self.loop.time())
            self._writing = self.loop.call_later(wait, self.write)
        return self.slide

    def _tell(self) -> None:
        self._telling = None
        self._told_at = self.loop.time()
        burst, self._burst = self._burst, {}
        self.tell(tuple(
            Change(ChangeKind.REACTIONS, None,
                   {"slide": slide, "burst": taps, "totals": dict(self.totals[slide])})
            for slide, taps in burst.items()
        ))  # fmt: skip

    def stop(self) -> None:
        """Tell nothing more (an evening's next talk counts its own taps)."""
        if self._telling is not None:
            self._telling.cancel()
            self._telling = None

    def write(self) -> None:
        """Add the counts not yet written to the session (also when the server stops)."""
        if self._writing is not None:
            self._writing.cancel()
            self._writing = None
        self._written_at = self.loop.time()
        unwritten, self._unwritten = self._unwritten, {}
        if unwritten:
            works = [self.store.reactions_work(slide, taps) for slide, taps in unwritten.items()]
            self.store.submit_group(works, _unanswered)
            self.commit_soon()


def _unanswered(outcomes: list[Outcome]) -> None:
    """Taps were answered when they were counted; a write that failed loses a second's."""
    for ok, value in outcomes:
        if not ok:
            log.warning("reactions not stored: %s", value)
