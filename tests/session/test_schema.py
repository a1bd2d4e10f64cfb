"""The session file's format version: read on open, a newer file refused, older ones migrated.

`tests/data/sessions/format-1.impuls` is a file as Impuls wrote format 1 (see
make_format_1.py beside it); every later format must still open it.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.commands import impuls
from workshop_app.session.model import PollState, StoreError
from workshop_app.session.schema import SCHEMA_VERSION, backup_path, migrate
from workshop_app.session.snapshot import SnapshotError, open_snapshot
from workshop_app.session.store import SessionStore

FORMAT_1 = Path(__file__).resolve().parents[1] / "data" / "sessions" / "format-1.impuls"


@pytest.fixture
def format_1(tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "alt.impuls"
    shutil.copyfile(FORMAT_1, copy)
    yield copy


def set_format(path: Path, version: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (version,))
    db.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_format_1_file_opens_with_every_vote(format_1: Path) -> None:
    store = SessionStore(format_1)
    try:
        statuses = {status.poll_id: status for status in store.statuses()}
        assert set(statuses) == {"kanal", "huerden", "reife", "frage"}
        assert all(s.state is PollState.CLOSED and s.revealed for s in statuses.values())
        assert store.current_slide() == 3
    finally:
        store.close()
    results = open_snapshot(format_1).results
    assert results["kanal"].digital == (2, 1, 2)  # geraet-00's changed vote counts once
    assert results["kanal"].hands == (4, 0, 1)
    assert results["huerden"].digital == (3, 1, 1, 2)
    assert results["reife"].mean == 3.25
    assert [(a.text, a.state.value) for a in results["frage"].answers] == [
        ("Wie oft posten?", "approved"),
        ("Was kostet das?", "pending"),
    ]
    # Format 2 (questions from the room) came later: the file was brought forward,
    # with a backup of it as it was, and its digest did not change (no questions yet).
    kept = sqlite3.connect(backup_path(format_1, 1))
    assert kept.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "1"
    kept.close()
    assert open_snapshot(format_1).digest == open_snapshot(backup_path(format_1, 1)).digest
    with sqlite3.connect(format_1) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "2"
        assert db.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 0
    db.close()


def test_a_file_from_a_newer_impuls_is_refused_and_left_as_it_is(format_1: Path) -> None:
    newer = SCHEMA_VERSION + 1
    set_format(format_1, str(newer))
    before = digest(format_1)
    with pytest.raises(StoreError) as refused:
        SessionStore(format_1)
    assert refused.value.code == "newer_format"
    assert f"Dateiformat {newer}" in str(refused.value) and f"bis {SCHEMA_VERSION}" in str(
        refused.value
    )
    with pytest.raises(StoreError) as again:  # the lock was let go: refused, not "locked"
        SessionStore(format_1)
    assert again.value.code == "newer_format"
    assert digest(format_1) == before
    with pytest.raises(SnapshotError) as unread:
        open_snapshot(format_1)
    assert unread.value.code == "newer_format"
    result = impuls("export", format_1, "--pdf", format_1.with_suffix(".pdf"))
    assert result.returncode != 0
    assert "neueren Impuls-Version (Dateiformat" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(format_1) == before


def _add_note_column(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE votes ADD COLUMN note TEXT")


def test_an_older_file_is_migrated_in_one_step_after_a_backup(format_1: Path) -> None:
    # Format 1 is the oldest there is; a made-up step to format 2 shows the way every
    # real one will take, on the real file.
    db = sqlite3.connect(format_1, isolation_level=None)
    backup = migrate(db, format_1, 1, {1: _add_note_column}, target=2)
    columns = [row[1] for row in db.execute("PRAGMA table_info(votes)")]
    version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
    db.close()
    assert "note" in columns and version == "2"
    assert backup == backup_path(format_1, 1) and digest(backup) != digest(format_1)
    kept = sqlite3.connect(backup)
    assert kept.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "1"
    assert kept.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 16
    kept.close()


def test_a_failing_migration_leaves_the_file_as_it_was(format_1: Path) -> None:
    def half_done(db: sqlite3.Connection) -> None:
        _add_note_column(db)
        raise sqlite3.OperationalError("disk full")

    db = sqlite3.connect(format_1, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, format_1, 1, {1: half_done}, target=2)
    columns = [row[1] for row in db.execute("PRAGMA table_info(votes)")]
    version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
    db.close()
    assert "note" not in columns and version == "1"
