"""The session's one-writer claim: taken away when released, and a crash's leftover is
recognised as free (issue 32, item 10: `serve` left `SESSION.lock` behind)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workshop_app.session.lock import SessionLock, in_use, lock_path
from workshop_app.session.model import StoreError


def test_a_released_claim_leaves_no_lock_file(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    claim = SessionLock(session)
    claim.acquire("schon offen")
    assert lock_path(session).exists()
    with pytest.raises(StoreError):
        SessionLock(session).acquire("schon offen")  # held: nobody else gets it
    claim.release()
    assert not lock_path(session).exists()
    assert not in_use(session)
    assert not lock_path(session).exists()  # asking does not leave one either


def test_the_lock_file_of_a_killed_process_is_free_to_take(tmp_path: Path) -> None:
    session = tmp_path / "abend.impuls"
    crashed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "from workshop_app.session.lock import SessionLock\n"
         f"SessionLock(__import__('pathlib').Path({str(session)!r})).acquire('')\n"
         "os._exit(9)  # dies holding it, as after a power cut or kill -9\n"],
        check=False,
    )  # fmt: skip
    assert crashed.returncode == 9
    assert lock_path(session).exists()  # what the crash left
    assert not in_use(session)  # … is stale, and known to be
    claim = SessionLock(session)
    claim.acquire("schon offen")
    claim.release()
    assert not lock_path(session).exists()


def test_export_and_verify_leave_nothing_beside_the_session(tmp_path: Path) -> None:
    # From the second rehearsal: abend.impuls-wal and -shm reappeared beside the session
    # after every export and verify, read-only as they are.
    from tests.support.commands import impuls
    from workshop_app.deck.loader import load_deck
    from workshop_app.paths import DEFAULT_DECK
    from workshop_app.session.store import SessionStore

    deck = load_deck(DEFAULT_DECK)
    session = tmp_path / "abend.impuls"
    SessionStore(session, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                 deck_path=DEFAULT_DECK).close()  # fmt: skip
    # the room's code beside it (session/room_code.py), nothing of SQLite's
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abend.impuls", "abend.impuls.code"]
    handout = tmp_path / "out" / "h.pdf"
    handout.parent.mkdir()
    assert impuls("export", session, "--pdf", handout, "--csv", tmp_path / "out" / "t.csv")\
        .returncode == 0  # fmt: skip
    assert impuls("verify", session, handout).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "abend.impuls",
        "abend.impuls.code",
        "out",
    ]


def test_a_running_servers_files_are_left_alone(tmp_path: Path) -> None:
    from workshop_app.deck.loader import load_deck
    from workshop_app.paths import DEFAULT_DECK
    from workshop_app.session.snapshot import open_snapshot
    from workshop_app.session.store import SessionStore

    deck = load_deck(DEFAULT_DECK)
    session = tmp_path / "abend.impuls"
    store = SessionStore(session, deck_source=deck.source, poll_ids=[p.id for p in deck.polls],
                         deck_path=DEFAULT_DECK)  # fmt: skip
    try:
        assert open_snapshot(session).deck.title == deck.title  # read while it writes
        assert lock_path(session).exists()
        assert session.with_name("abend.impuls-wal").exists()  # the writer's, still there
    finally:
        store.close()
