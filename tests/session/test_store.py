"""The session store: durable, deduplicated votes; poll states; resume after restart."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from tests.support import decks
from workshop_app.deck.parser import parse_deck
from workshop_app.session.ballots import ballot_for
from workshop_app.session.model import (
    JOIN_ALPHABET,
    AnswerState,
    Change,
    PollState,
    Receipt,
    StoreError,
)
from workshop_app.session.results import Results
from workshop_app.session.store import SessionStore
from workshop_app.session.tally import tally

DECK = parse_deck(decks.POLL_TALK)
SINGLE = DECK.poll(decks.SINGLE)  # Pflicht, Kür, Zeitverschwendung, Noch unklar
TEXT = DECK.poll(decks.TEXT)
SCALE = DECK.poll(decks.SCALE)
RANKING = DECK.poll(decks.RANKING)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SessionStore]:
    opened = SessionStore(
        tmp_path / "abend.impuls", deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls]
    )
    yield opened
    opened.close()


def vote(store: SessionStore, poll_id: str, device: str, vote_id: str, choice: object) -> Receipt:
    return store.vote(poll_id, device, vote_id, ballot_for(DECK.poll(poll_id), choice)).result(5)


def current(store: SessionStore, poll_id: str) -> tuple[int, ...]:
    status = store.status(poll_id)
    return tally(store.reader(), DECK.poll(poll_id), status.run).total


def test_a_new_session_has_a_join_code_and_draft_polls(store: SessionStore) -> None:
    assert len(store.join_code) == 5 and set(store.join_code) <= set(JOIN_ALPHABET)
    assert store.meta("deck_source") == DECK.source
    assert {s.state for s in store.statuses()} == {PollState.DRAFT}
    with pytest.raises(StoreError) as refused:
        vote(store, SINGLE.id, "phone-aaaaaaaaaaaaaaaa", "v1", 0)
    assert refused.value.code == "not_open"


def test_votes_retries_and_changes(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    first = vote(store, SINGLE.id, "phone-a", "v1", 0)
    again = vote(store, SINGLE.id, "phone-a", "v1", 3)  # a retry with the same key
    assert again == first and current(store, SINGLE.id) == (1, 0, 0, 0)
    changed = vote(store, SINGLE.id, "phone-a", "v2", 2)  # the participant changes their mind
    assert changed.replaced_earlier and changed.receipt != first.receipt
    vote(store, SINGLE.id, "phone-b", "v3", 2)
    result = tally(store.reader(), SINGLE, 1)
    assert result.total == (0, 0, 2, 0) and (result.ballots, result.devices) == (2, 2)


def test_close_reset_and_the_old_run_is_kept(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    vote(store, SINGLE.id, "phone-a", "v1", 1)
    store.set_state(SINGLE.id, "close").result(5)
    with pytest.raises(StoreError, match="closed"):
        vote(store, SINGLE.id, "phone-b", "v2", 1)
    status = store.set_state(SINGLE.id, "reset").result(5)
    assert (status.run, status.state, status.revealed) == (2, PollState.DRAFT, False)
    assert tally(store.reader(), SINGLE, 1).total == (0, 1, 0, 0)
    assert tally(store.reader(), SINGLE, 2).total == (0, 0, 0, 0)


def test_opening_one_poll_closes_the_other(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    store.set_state(SCALE.id, "open").result(5)
    assert store.status(SINGLE.id).state is PollState.CLOSED
    assert store.status(SCALE.id).state is PollState.OPEN


def test_hands_merge_with_phone_votes(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    vote(store, SINGLE.id, "phone-a", "v1", 0)
    store.record_hands(SINGLE.id, [3, 1, 0, 2]).result(5)
    store.record_hands(SINGLE.id, [4, 1, 0, 2]).result(5)  # recounted: the later one counts
    result = tally(store.reader(), SINGLE, 1)
    assert result.digital == (1, 0, 0, 0) and result.hands == (4, 1, 0, 2)
    assert result.total == (5, 1, 0, 2)
    assert Results.of(SINGLE, result).as_json()["percent"] == [62.5, 12.5, 0.0, 25.0]


def test_scale_ranking_and_text(store: SessionStore) -> None:
    for poll, choices in ((SCALE, [1, 5, 5]), (RANKING, [[2, 0, 1, 3], [2, 1, 0, 3], [0, 2]])):
        store.set_state(poll.id, "open").result(5)
        for n, choice in enumerate(choices):
            vote(store, poll.id, f"phone-{n}", f"{poll.id}-{n}", choice)
    assert tally(store.reader(), SCALE, 1).values == {1: 1, 5: 2}
    assert tally(store.reader(), SCALE, 1).mean == pytest.approx(11 / 3)
    assert tally(store.reader(), RANKING, 1).digital == (3 + 2 + 4, 2 + 3, 4 + 4 + 3, 1 + 1)
    store.set_state(TEXT.id, "open").result(5)
    vote(store, TEXT.id, "phone-a", "t1", "  <script>alert(1)</script> Datenschutz\u200b ")
    (answer,) = tally(store.reader(), TEXT, 1).answers
    assert answer.text == "<script>alert(1)</script> Datenschutz"  # stored as text, as typed
    assert answer.state is AnswerState.PENDING
    store.moderate(answer.id, AnswerState.APPROVED).result(5)
    assert tally(store.reader(), TEXT, 1).answers[0].state is AnswerState.APPROVED
    with pytest.raises(StoreError):
        store.moderate(9999, AnswerState.HIDDEN).result(5)


@pytest.mark.parametrize(
    ("poll_id", "choice"),
    [
        (SINGLE.id, 4), (SINGLE.id, -1), (SINGLE.id, True),
        (SINGLE.id, "0"), (SINGLE.id, [0]), (decks.MULTIPLE, []),
        (decks.MULTIPLE, [0, 0]), (decks.MULTIPLE, [0, 1, 2, 3, 4, 5, 6]), (SCALE.id, 6),
        (SCALE.id, 2.5), (TEXT.id, ""), (TEXT.id, "x" * 141),
        (TEXT.id, 5), (RANKING.id, [0, 9]),
    ],
)  # fmt: skip
def test_invalid_choices_are_refused(poll_id: str, choice: object) -> None:
    with pytest.raises(StoreError) as refused:
        ballot_for(DECK.poll(poll_id), choice)
    assert refused.value.code == "invalid_choice"


def test_listeners_hear_after_commit(store: SessionStore) -> None:
    heard: list[list[Change]] = []
    seen_in_db: list[int] = []

    done = threading.Event()

    def listener(changes: list[Change]) -> None:
        row = sqlite3.connect(store.path).execute("SELECT COUNT(*) FROM votes").fetchone()
        seen_in_db.append(row[0])
        heard.append(changes)
        if changes[0].kind == "votes":
            done.set()

    store.add_listener(listener)
    store.set_state(SINGLE.id, "open").result(5)
    vote(store, SINGLE.id, "phone-a", "v1", 0)
    assert done.wait(5)  # listeners run right after the callers are answered
    assert [c.kind for batch in heard for c in batch] == ["poll", "votes"]
    assert seen_in_db[-1] == 1  # the vote was committed when the listener ran


def test_one_device_hammering_counts_once(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    ballot = ballot_for(SINGLE, 1)
    futures = [store.vote(SINGLE.id, "phone-a", "same-key", ballot) for _ in range(1000)]
    receipts = {f.result(10).receipt for f in futures}
    assert len(receipts) == 1 and current(store, SINGLE.id) == (0, 1, 0, 0)


def test_group_commit_batches_a_burst(store: SessionStore) -> None:
    commits: list[int] = []
    store.add_listener(lambda changes: commits.append(len(changes)))
    store.set_state(SINGLE.id, "open").result(5)
    ballot = ballot_for(SINGLE, 2)
    futures = [store.vote(SINGLE.id, f"phone-{n}", f"v{n}", ballot) for n in range(2000)]
    for future in futures:
        future.result(20)
    assert current(store, SINGLE.id) == (0, 0, 2000, 0)
    assert sum(commits) == 2001 and len(commits) < 500  # far fewer commits than votes


def race_close_against_votes(store: SessionStore, race: int) -> None:
    store.set_state(SINGLE.id, "reset").result(5)
    store.set_state(SINGLE.id, "open").result(5)
    ballot = ballot_for(SINGLE, 0)
    acknowledged: list[Future[Receipt]] = []
    start = threading.Barrier(3)

    def voters(prefix: str) -> None:
        start.wait()
        for n in range(20):
            key = f"{race}{prefix}{n}"
            acknowledged.append(store.vote(SINGLE.id, f"{prefix}{n}", key, ballot))

    threads = [threading.Thread(target=voters, args=(p,)) for p in ("a", "b")]
    for thread in threads:
        thread.start()
    start.wait()
    closed = store.set_state(SINGLE.id, "close")
    for thread in threads:
        thread.join()
    closed.result(5)
    ok = 0
    for future in acknowledged:
        try:
            future.result(5)
            ok += 1
        except StoreError as error:
            assert error.code == "not_open"
    run = store.status(SINGLE.id).run
    assert tally(store.reader(), SINGLE, run).total[0] == ok


def test_close_versus_vote_races(store: SessionStore) -> None:
    """Every acknowledged vote counts; none is acknowledged after the close."""
    for race in range(100):
        race_close_against_votes(store, race)


def test_restart_resumes_and_a_second_process_is_kept_out(tmp_path: Path) -> None:
    path = tmp_path / "abend.impuls"
    first = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls])
    code = first.join_code
    first.set_state(SINGLE.id, "open").result(5)
    vote(first, SINGLE.id, "phone-a", "v1", 3)
    first.set_state(SINGLE.id, "reveal").result(5)
    first.set_slide(7).result(5)
    with pytest.raises(StoreError) as locked:
        SessionStore(path)
    assert locked.value.code == "locked"
    first.close()
    again = SessionStore(path)
    try:
        assert again.join_code == code and again.current_slide() == 7
        status = again.status(SINGLE.id)
        assert (status.state, status.revealed) == (PollState.OPEN, True)
        assert current(again, SINGLE.id) == (0, 0, 0, 1)
    finally:
        again.close()


def test_a_foreign_or_corrupt_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.impuls"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as corrupt:
        SessionStore(junk)
    assert corrupt.value.code == "corrupt"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).executescript(
        "CREATE TABLE meta (key TEXT, value TEXT);INSERT INTO meta VALUES ('app', 'something');"
    )
    with pytest.raises(StoreError) as foreign:
        SessionStore(other)
    assert foreign.value.code == "corrupt"


def test_deleting_a_session_removes_its_companions_but_not_while_in_use(tmp_path: Path) -> None:
    from workshop_app.session.paths import companions, delete_session

    path = tmp_path / "event.impuls"
    store = SessionStore(path, deck_source=DECK.source, poll_ids=[p.id for p in DECK.polls])
    store.set_state(decks.AFTER, "open").result()
    assert path.exists() and path.with_name("event.impuls-wal").exists()
    with pytest.raises(StoreError, match="running"):
        delete_session(path)  # the server (here: the store) holds the lock
    assert path.exists()
    store.close()
    deleted = delete_session(path)
    assert path in deleted and not any(p.exists() for p in companions(path))


def test_without_its_own_thread_the_store_commits_when_its_owner_says(tmp_path: Path) -> None:
    store = SessionStore(
        tmp_path / "keeper.impuls", poll_ids=[p.id for p in DECK.polls], own_thread=False
    )
    try:
        store.submit(store.state_work(SINGLE.id, "open"))
        settled: list[list[tuple[bool, object]]] = []
        works = [
            store.vote_work(SINGLE.id, f"phone-{n:016d}", f"g{n}", ballot_for(SINGLE, n % 2))
            for n in range(3)
        ] + [store.vote_work(SINGLE.id, "phone-0000000000000000", "g0", ballot_for(SINGLE, 0))]
        store.submit_group(works, settled.append)
        assert settled == [] and current(store, SINGLE.id) == (0, 0, 0, 0)  # nothing yet
        store.commit_queued()
        assert len(settled) == 1 and [ok for ok, _ in settled[0]] == [True] * 4
        receipts = [value for _, value in settled[0]]
        assert receipts[3] == receipts[0]  # the repeated vote_id got the same receipt
        assert current(store, SINGLE.id) == (2, 1, 0, 0)
    finally:
        store.close()


def test_a_failing_work_is_undone_alone_and_everyone_is_answered(store: SessionStore) -> None:
    store.set_state(SINGLE.id, "open").result(5)

    def broken(db: sqlite3.Connection) -> object:
        db.execute("INSERT INTO slides (slide, at) VALUES (3, 0)")
        raise RuntimeError("a bug in a piece of work")

    settled: list[list[tuple[bool, object]]] = []
    answered = threading.Event()

    def settle(outcomes: list[tuple[bool, object]]) -> None:
        settled.append(outcomes)
        answered.set()

    store.submit_group(
        [
            store.vote_work(SINGLE.id, "phone-1111111111111111", "b1", ballot_for(SINGLE, 1)),
            broken,  # type: ignore[list-item]
        ],
        settle,
    )
    assert answered.wait(5)  # nobody is left waiting
    after = vote(store, SINGLE.id, "phone-2222222222222222", "b2", 2)  # the writer goes on
    assert after.poll_id == SINGLE.id
    assert len(settled) == 1 and [ok for ok, _ in settled[0]] == [True, False]
    refused = settled[0][1][1]
    assert isinstance(refused, StoreError) and refused.code == "unprocessable"
    assert current(store, SINGLE.id) == (0, 1, 1, 0)  # b1 stands; the broken work is undone
    assert store.current_slide() is None


def test_a_phone_that_votes_again_after_close_and_reopen_replaces_its_vote(
    store: SessionStore,
) -> None:
    store.set_state(SINGLE.id, "open").result(5)
    vote(store, SINGLE.id, "phone-3333333333333333", "r1", 0)
    store.set_state(SINGLE.id, "close").result(5)  # state changes keep the writer's voters
    store.set_state(SINGLE.id, "open").result(5)
    again = vote(store, SINGLE.id, "phone-3333333333333333", "r2", 3)
    assert again.replaced_earlier
    assert current(store, SINGLE.id) == (0, 0, 0, 1)
    store.set_state(SINGLE.id, "reset").result(5)  # a new run: nothing to replace there
    store.set_state(SINGLE.id, "open").result(5)
    fresh = vote(store, SINGLE.id, "phone-3333333333333333", "r3", 1)
    assert not fresh.replaced_earlier and current(store, SINGLE.id) == (0, 1, 0, 0)


def test_a_failing_write_is_undone_alone_and_its_batch_commits(store: SessionStore) -> None:
    # Before: a value SQLite refused (a 2**70 answer id) or a work that raised after
    # writing rolled back the whole batch, and every honest vote in it got 503.
    store.set_state(SINGLE.id, "open").result(5)
    done = threading.Event()
    outcomes: list[tuple[bool, object]] = []

    def settle(result: list[tuple[bool, object]]) -> None:
        outcomes.extend(result)
        done.set()

    def writes_then_fails(db: sqlite3.Connection) -> object:
        db.execute("INSERT INTO slides (slide, at) VALUES (99, 0)")
        raise ValueError("a bug after a write")

    store.submit_group(
        [
            store.vote_work(SINGLE.id, "phone-a", "v-a", ballot_for(SINGLE, 0)),
            writes_then_fails,  # type: ignore[list-item]
            store.moderation_work(2**70, AnswerState.APPROVED),
            store.vote_work(SINGLE.id, "phone-b", "v-b", ballot_for(SINGLE, 1)),
        ],
        settle,
    )
    assert done.wait(5)
    assert [ok for ok, _ in outcomes] == [True, False, False, True]
    assert all(isinstance(v, StoreError) for ok, v in outcomes if not ok)
    assert tally(store.reader(), SINGLE, 1).digital == (1, 1, 0, 0)
    assert store.reader().execute("SELECT COUNT(*) FROM slides WHERE slide = 99").fetchone() == (0,)


def test_the_portable_lock_and_an_older_impulss_flock_exclude_each_other(tmp_path: Path) -> None:
    # The one-writer lock now comes from filelock (msvcrt on Windows, where fcntl does
    # not exist); on Linux it must still meet the flock an older Impuls holds.
    session = tmp_path / "abend.impuls"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         f"f = open({str(session) + '.lock'!r}, 'a+')\n"
         "fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
         "print('held', flush=True)\n"
         "sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError) as refused:
            SessionStore(session, deck_source=DECK.source, poll_ids=[])
        assert refused.value.code == "locked"
    finally:
        holder.communicate("", timeout=10)
    SessionStore(session, deck_source=DECK.source, poll_ids=[]).close()  # free again
