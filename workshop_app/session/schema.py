"""The session file's format version: read on every open, migrated forward, never guessed.

Version 1 is the format of 2026-11 (tables in store.py's SCHEMA); version 2 adds
the questions from the room and their upvotes (session/questions.py). A file written
by a newer Impuls is refused with one sentence naming both versions: opening it
could drop what this version does not know. An older file is copied to a backup
beside it, then brought forward by the steps in MIGRATIONS, all in one
transaction, so a failed step leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

from workshop_app.session.questions import add_tables

SCHEMA_VERSION = 2
# MIGRATIONS[n] brings a file from version n to n + 1, inside the caller's transaction.
Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: Mapping[int, Migration] = {1: add_tables}


class NewerFormatError(Exception):
    """The file comes from a newer Impuls; `found` is its version."""

    def __init__(self, path: Path, found: int) -> None:
        super().__init__(f"{path}: format {found}, newer than {SCHEMA_VERSION}")
        self.path = path
        self.found = found


def read_meta(db: sqlite3.Connection) -> dict[str, str]:
    """A session file's meta table; empty for a new (or empty) file."""
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone():
        return {}
    return {str(key): str(value) for key, value in db.execute("SELECT key, value FROM meta")}


def file_version(meta: Mapping[str, str], path: Path) -> int:
    """The version a file's meta table records; NewerFormatError if this Impuls cannot read it."""
    raw = meta.get("schema", "1")
    try:
        found = int(raw)
    except ValueError:
        raise sqlite3.DatabaseError(f"format version {raw!r} is not a number") from None
    if found > SCHEMA_VERSION:
        raise NewerFormatError(path, found)
    return found


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.format-{version}.bak")


def migrate(
    db: sqlite3.Connection,
    path: Path,
    found: int,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> Path | None:
    """Bring the file at `path` (open as `db`, no transaction) to version `target`.

    Returns the backup's path, or None when the file was current already.
    """
    if found >= target:
        return None
    backup = backup_path(path, found)
    copy = sqlite3.connect(backup)
    try:
        db.backup(copy)  # SQLite's online backup: a consistent copy, also under WAL
    finally:
        copy.close()
    db.execute("BEGIN IMMEDIATE")
    try:
        for version in range(found, target):
            migrations[version](db)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(target),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return backup
