"""A poll's countdown in the deck, the form, the store and the snapshot (session/countdown.py)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from tests.support import decks
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.poll_form import poll_block_text, read_poll_form
from workshop_app.session import countdown
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import PollAction, PollState, Receipt, StoreError
from workshop_app.session.snapshot import open_snapshot
from workshop_app.session.store import SessionStore

DECK = parse_deck(decks.COUNTDOWN_TALK)
TIMED, UNTIMED = DECK.poll(decks.TIMED), DECK.poll(decks.UNTIMED)


class Clock:
    """The store's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[SessionStore]:
    opened = _open(tmp_path, clock)
    yield opened
    opened.close()


def _open(tmp_path: Path, clock: Clock) -> SessionStore:
    return SessionStore(tmp_path / "uhr.impuls", deck_source=DECK.source,
                        poll_ids=[p.id for p in DECK.polls], clock=clock,
                        countdowns={p.id: p.seconds for p in DECK.polls if p.seconds})  # fmt: skip


def _vote(store: SessionStore, device: str, vote_id: str = "") -> Future[Receipt]:
    return store.vote(TIMED.id, device, vote_id or f"vote-of-{device}", ballot_for(TIMED, 0))


def test_the_deck_gives_a_poll_its_seconds_and_warns_of_nonsense_on_its_line() -> None:
    assert TIMED.seconds == decks.COUNTDOWN and UNTIMED.seconds is None
    for value in (0, -5, 2, 86_400):
        odd = parse_deck(decks.COUNTDOWN_TALK.replace(f"seconds: {decks.COUNTDOWN}",
                                                      f"seconds: {value}"))  # fmt: skip
        assert odd.poll(decks.TIMED).seconds is None  # runs without a countdown
        assert [(p.line, p.message_id) for p in odd.warnings] == [(13, "poll.odd_seconds")]
        assert f"seconds: {value}" in odd.warnings[0].message()
    assert decks.errors(
        decks.COUNTDOWN_TALK.replace(f"seconds: {decks.COUNTDOWN}", "seconds: bald")
    ) == [(13, "poll.expected_integer")]


def test_the_poll_form_keeps_the_countdown() -> None:
    body = "id: x\ntype: single\nquestion: Q?\noptions: [Ja, Nein]\nseconds: 45"
    form = read_poll_form(body)
    assert form.seconds == 45
    assert poll_block_text(form).splitlines()[-1] == "seconds: 45"


def test_opening_starts_the_countdown_plus_30_extends_it_and_stopp_halts_it(
    store: SessionStore, clock: Clock
) -> None:
    opened = store.set_state(TIMED.id, PollAction.OPEN).result()
    assert opened.ends == clock.now + decks.COUNTDOWN
    assert store.status(TIMED.id).ends == opened.ends == store.current_poll().ends  # type: ignore[union-attr]
    clock.now += 2
    assert store.set_state(TIMED.id, PollAction.EXTEND).result().ends == opened.ends + 30
    halted = store.set_state(TIMED.id, PollAction.HALT).result()
    assert halted.ends is None and halted.state is PollState.OPEN
    clock.now += 100  # no countdown: votes count as long as it is open
    assert _vote(store, "a").result().poll_id == TIMED.id
    # "+30 s" on a poll without a countdown starts one, from now.
    untimed = store.set_state(UNTIMED.id, PollAction.OPEN).result()
    assert untimed.ends is None
    assert store.set_state(UNTIMED.id, PollAction.EXTEND).result().ends == clock.now + 30
    # Only an open poll counts down.
    assert store.status(TIMED.id).state is PollState.CLOSED  # opening the other closed it
    with pytest.raises(StoreError) as refused:
        store.set_state(TIMED.id, PollAction.EXTEND).result()
    assert refused.value.code == "not_open"


def test_a_vote_counts_until_the_grace_ends_and_is_refused_after(
    store: SessionStore, clock: Clock
) -> None:
    ends = store.set_state(TIMED.id, PollAction.OPEN).result().ends
    assert ends is not None
    clock.now = ends + countdown.GRACE  # on its way at zero: counted
    in_time = _vote(store, "quick").result()
    clock.now = ends + countdown.GRACE + 0.001
    with pytest.raises(StoreError) as refused:
        _vote(store, "slow").result()
    assert refused.value.code == "too_late"
    assert _vote(store, "quick").result() == in_time  # a retry of a counted vote: its receipt
    # The keeper closes it then; later votes are still told that the time was up.
    store.set_state(TIMED.id, PollAction.CLOSE).result()
    with pytest.raises(StoreError) as after:
        _vote(store, "later").result()
    assert after.value.code == "too_late"


def test_a_poll_closed_before_its_end_is_closed_not_late(store: SessionStore, clock: Clock) -> None:
    store.set_state(TIMED.id, PollAction.OPEN).result()
    clock.now += 1
    assert store.set_state(TIMED.id, PollAction.CLOSE).result().ends is None
    with pytest.raises(StoreError) as refused:
        _vote(store, "a").result()
    assert refused.value.code == "not_open"


def test_the_end_survives_a_restart_and_the_snapshot_says_how_long(
    tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path, clock)
    store.set_state(TIMED.id, PollAction.OPEN).result()
    clock.now += 2
    ends = store.set_state(TIMED.id, PollAction.EXTEND).result().ends
    store.close()
    again = _open(tmp_path, clock)
    assert again.ends(TIMED.id) == ends and again.status(TIMED.id).ends == ends
    again.set_state(TIMED.id, PollAction.CLOSE).result()
    again.set_state(UNTIMED.id, PollAction.OPEN).result()  # never timed
    again.close()
    snapshot = open_snapshot(tmp_path / "uhr.impuls")
    assert snapshot.timed == {TIMED.id: decks.COUNTDOWN + 30}


def test_the_clock_text_and_its_next_change() -> None:
    assert [countdown.clock_text(s) for s in (65, 64.2, 9.01, 0.2, 0)] == [
        "1:05", "1:05", "0:10", "0:01", "0:00"
    ]  # fmt: skip
    assert countdown.next_tick(41.3) == pytest.approx(0.3)
    assert countdown.next_tick(41.0) == 1.0
    assert countdown.ends_from_wire(2.5, 100.0) == 102.5
    assert countdown.ends_from_wire(None, 100.0) is None
    assert countdown.ends_from_wire(True, 100.0) is None
    assert countdown.ends_from_wire(float("nan"), 100.0) is None
