"""The keeper's stagehand for an evening: the next talk read off the loop, then put on.

Reading a deck takes a moment (a PDF's pages, LibreOffice's seconds for a
PowerPoint), so it runs in a thread while the keeper goes on committing votes for
the talk that is still on. Only the swap itself runs on the keeper's loop: open the
next talk's session (its own file and lock), close this one's after committing and
answering what is queued for it, tell the workers, answer the app.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from workshop_app.deck import DeckError
from workshop_app.deck.pickling import dumps
from workshop_app.session.cards import read_issued
from workshop_app.session.model import StoreError
from workshop_app.session.program import Program, ProgramError
from workshop_app.session.store import SessionStore
from workshop_app.voting.evening import (
    Evening,
    OnStage,
    Talk,
    keep_on_stage,
    open_store,
    problem_text,
    ready_talk,
)
from workshop_app.voting.messages import (
    AnnounceTalk,
    Answered,
    EveningRequest,
    Refused,
    ReloadProgram,
    Replies,
    SwitchTalk,
    TalkChanged,
)

if TYPE_CHECKING:
    from workshop_app.voting.keeper import Keeper, WorkerLink

log = logging.getLogger("impuls.voting")
READY_SECONDS = 2.0  # every worker takes the next talk in milliseconds; a lost one not at all


class Stagehand:
    def __init__(self, keeper: Keeper, evening: Evening, program: Program, stage: OnStage):
        self.keeper = keeper
        self.evening = evening
        self.program = program
        self.stage = stage
        self._busy = False  # one change of talk at a time, in the order asked
        self._tasks: set[asyncio.Task[None]] = set()
        self._ahead: tuple[Talk, SessionStore] | None = None  # the next talk, opened
        self._opening = asyncio.Lock()
        self._waiting: set[WorkerLink] = set()  # workers yet to read the next talk
        self._all_ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def take(self, request: EveningRequest, request_id: int, link: WorkerLink) -> None:
        """Carry out `request`; the answer goes to `link` under `request_id` when done."""
        task = asyncio.create_task(self._carry_out(request, request_id, link))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _carry_out(self, request: EveningRequest, request_id: int, link: WorkerLink) -> None:
        if self._busy:
            message = "the next talk is still being put on; a moment, please"
            link.send(Replies((Refused(request_id, "busy", message),)))
            return
        self._busy = True
        try:
            match request:
                case SwitchTalk(index):
                    stage = await self._switch(index)
                case ReloadProgram():
                    stage = await self._reload()
            link.send(Replies((Answered(request_id, stage.as_json()),)))
        except (DeckError, ProgramError, OSError) as error:
            log.warning("the evening's program: %s", problem_text(error))
            link.send(Replies((Refused(request_id, "unprocessable", problem_text(error)),)))
        except StoreError as error:
            link.send(Replies((Refused(request_id, error.code, str(error)),)))
        except Exception:  # a bug: said in the log; the app hears a refusal, not silence
            log.exception("putting the next talk on failed")
            link.send(Replies((Refused(request_id, "storage", "the next talk could not go on"),)))
        finally:
            self._busy = False

    async def _switch(self, index: int) -> OnStage:
        async with self._opening:  # the next talk's session may be opening ahead
            program = await asyncio.to_thread(self.evening.program)
            talk = await asyncio.to_thread(ready_talk, self.evening, program, index)
            if talk.session == self.keeper.store.path:  # already on: said again, nothing moved
                self.program, self.stage = program, talk.stage
                self.keeper.broadcast(TalkChanged(talk.stage))
                return talk.stage
            ahead, self._ahead = self._ahead, None
            if ahead is not None and _same(ahead[0], talk):
                store = ahead[1]  # opened while the last talk was on
            else:
                if ahead is not None:
                    ahead[1].close()
                store = open_store(talk)  # on the loop: the keeper's thread writes it
            self._adopt_cards(store)
            self.keeper.take_store(store)
            # With the store, in one step: the keeper refuses a write meant for the last
            # talk by this stage's key (Keeper._gone_by).
            self.program, self.stage = program, talk.stage
        # Every worker reads the next session before any phone hears of it: a phone's
        # next request may reach another worker than its stream.
        self._waiting = set(self.keeper.links)
        self._all_ready = asyncio.get_running_loop().create_future()
        self.keeper.broadcast(TalkChanged(talk.stage, dumps(talk.deck), talk.session))
        kept = asyncio.create_task(asyncio.to_thread(keep_on_stage, self.evening, program, talk))
        try:
            await asyncio.wait_for(asyncio.shield(self._all_ready), READY_SECONDS)
        except TimeoutError:  # a worker lost meanwhile: the others go on
            log.warning("%d worker(s) did not take the next talk in time", len(self._waiting))
        self.keeper.broadcast(AnnounceTalk(talk.stage))
        await kept
        self.open_ahead()
        return talk.stage

    def _adopt_cards(self, store: SessionStore) -> None:
        """The evening's voting cards count in the next talk too: its session records
        them (taken from this talk's where it has none yet: a talk added after they were
        printed) and they are checked, before the talk goes on; a session whose cards
        were altered is refused (CardsAlteredError) and this talk stays on."""
        key = self.keeper.card_key
        if key is None:
            return
        issued = read_issued(self.keeper.store.reader())
        adopted = store.submit(store.adopt_cards_work(key, issued))
        store.commit_queued()
        try:
            adopted.result()
        except StoreError:
            store.close()
            raise

    def open_ahead(self) -> None:
        """Open the next talk's session now, while this one is on: opening a session
        for the first time takes a tenth of a second of fsyncs, which the switch then
        saves. Its deck is read again at the switch; a deck changed meanwhile gets its
        session opened afresh."""
        coming = self.stage.index + 1
        if coming < len(self.program.talks):
            task = asyncio.create_task(self._open_ahead(coming))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _open_ahead(self, index: int) -> None:
        async with self._opening:
            try:
                talk = await asyncio.to_thread(ready_talk, self.evening, self.program, index)
                if talk.session == self.keeper.store.path:
                    return
                store = open_store(talk)
            except (DeckError, ProgramError, StoreError, OSError) as error:
                log.warning("the next talk cannot be made ready: %s", problem_text(error))
                return  # said again when the speaker asks for it
            self.close()
            self._ahead = (talk, store)

    def close(self) -> None:
        """Close the session opened ahead (the server stops, or another talk came)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead[1].close()

    def ready(self, link: WorkerLink, key: str) -> None:
        """A worker reads the talk `key` now."""
        if key == self.stage.key:
            self._waiting.discard(link)
            if not self._waiting and not self._all_ready.done():
                self._all_ready.set_result(None)

    async def _reload(self) -> OnStage:
        """The program again (a talk added): the talk on keeps its session, perhaps at
        another place; the workers hear its new place and the new count."""
        program = await asyncio.to_thread(self.evening.program)
        names = [path.name for path in self.evening.sessions_of(program)]
        on = self.keeper.store.path.name
        if on not in names:
            raise StoreError("unknown_talk", "the talk that is on is no longer in the program")
        index = names.index(on)
        talk = program.talks[index]
        stage = OnStage(
            self.stage.key, index, len(program.talks), talk.title or self.stage.title, talk.speaker
        )
        self.program, self.stage = program, stage
        self.keeper.broadcast(TalkChanged(stage))
        return stage


def _same(ready: Talk, now: Talk) -> bool:
    """Whether a talk made ready earlier is the talk as its files are now."""
    return (ready.session, ready.deck.source, dict(ready.deck.files)) == (
        now.session,
        now.deck.source,
        dict(now.deck.files),
    )
