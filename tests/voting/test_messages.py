"""The messages between keeper and workers, and how a worker's event streams are fed."""

from __future__ import annotations

import asyncio
import logging
import pickle
import socket
from pathlib import Path
from typing import Any, get_args

import pytest

from tests.support.serving import run
from workshop_app.i18n import Lang
from workshop_app.session.cards import CardKey
from workshop_app.session.model import AnswerState, Ballot, Change, ChangeKind, PollAction, Receipt
from workshop_app.session.questions import Moderation, QuestionAction
from workshop_app.session.store import SessionStore
from workshop_app.voting.admission import Admission, Tickets
from workshop_app.voting.evening import OnStage
from workshop_app.voting.events import TALLY_INTERVAL, EventHub
from workshop_app.voting.follow import RoomView
from workshop_app.voting.ipc import Channel
from workshop_app.voting.keeper import Keeper
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
from workshop_app.voting.sse import EventStreamParser

REQUESTS: list[Request] = [
    Vote("p", "device", "v1", Ballot(items=((1, 1),), raw=1)),
    SetPollState("p", PollAction.REVEAL),
    RecordHands("p", (4, 2, 0)),
    Moderate(7, AnswerState.APPROVED),
    SetSlide(3),
    Ask("device", "a1", "Warum?", None),
    Upvote("device", 2, "u1", True),
    ActOnQuestion(2, QuestionAction.ANSWER),
    SetQuestionModeration(Moderation.POST),
    Ink(2, "[[0.1, 0.2]]"),
    Ink(2, None),
    Join("127.0.0.1", True, False),
    NewPairing(),
    Pair("127.0.0.1", "secret"),
    Revoke("remote"),
    RemoteCommand("remote", "c1", "next", None),
    RemotePointer("remote", (0.25, 0.5)),
    PublishRemoteState({"slide": 1}, b"\x89PNG"),
    SetRoomView(RoomView(2, follow=True)),
    React("d", "👏", "127.0.0.1"),
    HoldCard("device", 17),
    HoldCard("device", 17, kept=True),
    Vote("p", "device", "v2", Ballot(items=((0, 1),), raw=0), by_card=True),
    Vote("p", "device", "v3", Ballot(items=((0, 1),), raw=0), talk="0123456789ab"),
    Ask("device", "a2", "Und dann?", None, "127.0.0.1", talk="0123456789ab"),
    SwitchTalk(2),
    ReloadProgram(),
]
TO_KEEPER: list[ToKeeper] = [Write(tuple(enumerate(REQUESTS))), Watching(frozenset({"d"})),
                             Ready(), Failed("port taken"), TalkReady("k")]  # fmt: skip
TO_WORKER: list[ToWorker] = [
    Replies((Answered(1, Receipt("r", "p", 1, 1.0)), Refused(2, "not_open", "closed"))),
    Changes((Change(ChangeKind.VOTES, "p"),)),
    WatchingCount(3),
    Participants(4),
    DoorCounts(5, 1),
    Remotes(({"id": "r"},), frozenset({"old"})),
    RemoteState({"slide": 1}, None),
    RoomViewChanged(RoomView(None, follow=False)),
    TalkChanged(OnStage("k", 1, 3, "Vortrag 2", "Bernd"), b"deck", Path("vortrag-2.impuls")),
    TalkChanged(OnStage("k", 2, 4, "Vortrag 2", "Bernd")),
    AnnounceTalk(OnStage("k", 1, 3, "Vortrag 2", "Bernd")),
    CardTaken("device"),
    Start(
        "127.0.0.1",
        8000,
        "token",
        b"k" * 32,
        Admission(),
        Tickets(b"k" * 32),
        CardKey(b"c" * 32, 5, 8765),
    ),
    Stop(),
]


def test_every_message_is_listed_and_crosses_the_socket_pair_unchanged() -> None:
    assert {type(m) for m in REQUESTS} == set(get_args(Request))
    assert {type(m) for m in TO_KEEPER} == set(get_args(ToKeeper))
    assert {type(m) for m in TO_WORKER} == set(get_args(ToWorker))

    async def across() -> tuple[list[ToKeeper], list[ToWorker]]:
        ours, theirs = socket.socketpair()
        keeper = await Channel.to_worker(ours)
        worker = await Channel.to_keeper(theirs)
        for message in TO_KEEPER:
            worker.send(message)
        for reply in TO_WORKER:
            keeper.send(reply)
        heard = [await keeper.receive() for _ in TO_KEEPER]
        told = [await worker.receive() for _ in TO_WORKER]
        keeper.close()
        assert await worker.receive() is None  # the other side hung up
        worker.close()
        return heard, told  # type: ignore[return-value]

    heard, told = run(across())
    # Start carries objects without equality of their own: compare them by their fields.
    assert heard == TO_KEEPER
    assert told[:-2] == TO_WORKER[:-2] and told[-1] == Stop()
    start = told[-2]
    assert isinstance(start, Start) and start.ticket_key == b"k" * 32
    assert start.admission == Admission()
    assert start.card_key == CardKey(
        b"c" * 32, 5, 8765
    )  # the voting cards' key reaches every worker


def test_a_channel_refuses_what_its_end_does_not_receive() -> None:
    async def wrong_way() -> None:
        ours, theirs = socket.socketpair()
        keeper = await Channel.to_worker(ours)
        worker = await Channel.to_keeper(theirs)
        keeper.send(Stop())
        assert await worker.receive() == Stop()
        keeper._writer.write(_framed(Ready()))  # what only a worker says, sent to a worker
        with pytest.raises(TypeError, match="not a message"):
            await worker.receive()
        keeper.close()
        worker.close()

    run(wrong_way())


def _framed(message: object) -> bytes:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(4, "big") + data


def test_a_flood_of_commits_reads_a_polls_results_ten_times_a_second_the_last_included() -> None:
    # Before: a tally per commit; with its numbers in it, a flood of commits read the
    # results (50,000 votes counted) hundreds of times a second and starved the worker.
    async def flood() -> tuple[list[int], list[Any]]:
        read: list[int] = []

        def results(poll_id: str, lang: Lang, presenter: bool) -> dict[str, object]:
            read.append(len(read) + 1)
            return {"poll": poll_id, "lang": lang.value, "reads": len(read), "revealed": False}

        hub = EventHub(results=results)
        console: asyncio.Queue[str | None] = asyncio.Queue()
        hub.presenters.add(console)
        hub.langs[console] = Lang.EN
        parser = EventStreamParser()
        began = asyncio.get_running_loop().time()
        for _ in range(200):
            hub.publish([Change(ChangeKind.VOTES, "p")])
        assert read == [1]  # the first at once, the rest wait for the interval
        tallies: list[Any] = []
        while len(tallies) < 2:
            message = await asyncio.wait_for(console.get(), 5)
            assert message is not None
            tallies += [event.json() for event in parser.feed(message.encode())]
        assert asyncio.get_running_loop().time() - began >= TALLY_INTERVAL * 0.9
        hub.close_all()
        return read, tallies

    read, tallies = run(flood())
    assert read == [1, 2]
    assert [t["results"]["reads"] for t in tallies] == [1, 2]  # read when it went: the last
    assert tallies[0]["results"]["lang"] == "en"


def test_a_due_tally_waits_for_the_reveal_this_worker_announces() -> None:
    # Before: a tally due from a hidden vote asked the file whether the poll was
    # revealed when it went. The keeper could commit the reveal before this worker
    # heard of it, so phones got the numbers ahead of the reveal (seen under load).
    async def race() -> list[Any]:
        on_file = {"p": False}  # the session file, as the keeper commits

        def results(poll_id: str, lang: Lang, presenter: bool) -> dict[str, object]:
            return {"poll": poll_id, "revealed": on_file[poll_id]}

        hub = EventHub(revealed=lambda: dict(on_file), results=results)
        hub.read_revealed()
        phone: asyncio.Queue[str | None] = asyncio.Queue()
        console: asyncio.Queue[str | None] = asyncio.Queue()
        hub.phones[phone] = "handy"
        hub.presenters.add(console)
        hub.publish([Change(ChangeKind.VOTES, "p")])  # told at once: to the speaker only
        hub.publish([Change(ChangeKind.VOTES, "p")])  # due at the interval's end
        on_file["p"] = True  # the reveal committed; its Changes still on their way
        for _ in range(2):  # the speaker hears both: the due tally has gone
            assert await asyncio.wait_for(console.get(), 5) is not None
        assert phone.empty()  # before: the numbers, with no reveal heard
        hub.publish([Change(ChangeKind.POLL, "p", {"action": "reveal", "state": "open"})])
        parser = EventStreamParser()
        heard: list[Any] = []
        while len(heard) < 2:
            message = await asyncio.wait_for(phone.get(), 5)
            assert message is not None
            heard += list(parser.feed(message.encode()))
        hub.close_all()
        return heard

    reveal, tally = run(race())
    assert (reveal.event, reveal.json()["action"]) == (Event.POLL, "reveal")
    assert tally.event == Event.TALLY and tally.json()["results"]["revealed"] is True


def test_a_worker_that_sends_nonsense_is_stopped_and_the_keeper_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Before: a tuple of the wrong shape failed in the keeper's task, unheard, and the
    # worker waited for answers forever.
    async def nonsense() -> bool:
        store = SessionStore(tmp_path / "s.impuls", poll_ids=["p"], own_thread=False)
        try:
            keeper = Keeper(store, 1, Admission())
            ours, theirs = socket.socketpair()
            following = keeper.attach(await Channel.to_worker(ours))
            worker = await Channel.to_keeper(theirs)
            worker._writer.write(_framed(Stop()))  # what only a keeper says
            assert await worker.receive() is None  # the keeper hung up on it
            await asyncio.wait_for(keeper.gone.wait(), 5)
            await asyncio.wait([following])
            assert isinstance(keeper.started.exception(), OSError)  # it never started
            worker.close()
            return following.exception() is not None
        finally:
            store.close()

    with caplog.at_level(logging.ERROR, logger="impuls.voting"):
        assert run(nonsense())
    assert "serving a worker failed" in caplog.text and "not a message" in caplog.text
