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
