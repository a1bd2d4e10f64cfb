"""A session file someone sent is read as what Impuls writes, or not at all.

An organizer is handed session files to check results and make the handout. A
crafted one is an SQLite database that can hold things Impuls never writes: a
view named `votes` that recurses for ever, a question of 50 MB, a trigger, a poll
state "7". Before anything is read, the file must show Impuls's own shape; while
it is read, a deadline stops any query. Each refusal says what was wrong.
"""

from __future__ import annotations

import sqlite3
import time

from workshop_app.i18n import tr

# A whole evening's session reads in well under a second; a minute is a file
# that was made to be slow, on any machine an organizer has.
READ_SECONDS = 60.0
_CHECK_EVERY = 20_000  # SQLite's virtual machine steps between two looks at the clock


class HostileFileError(Exception):
    """The file is not as Impuls writes it; the message says how, in the reader's words."""


def guard(db: sqlite3.Connection) -> None:
    """Make `db` safe to read: nothing in it runs, every query ends by the deadline,
    and its shape and text lengths are Impuls's. Raises HostileFileError."""
    db.execute("PRAGMA query_only = ON")
    db.execute("PRAGMA trusted_schema = OFF")  # functions in its schema never run
    deadline = time.monotonic() + READ_SECONDS
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), _CHECK_EVERY)
    try:
        _check_shape(db)
    except sqlite3.OperationalError as error:
        raise too_slow(error) or error from None


def too_slow(error: sqlite3.Error) -> HostileFileError | None:
    """The reader's error for a query the deadline stopped, else None."""
    if isinstance(error, sqlite3.OperationalError) and "interrupted" in str(error):
        return HostileFileError(tr("session_file.too_slow", seconds=int(READ_SECONDS)))
    return None


def _longest() -> dict[tuple[str, str], int]:
    """The longest text each column holds when Impuls wrote it (a ballot's JSON holds
    an open answer, quoted, or a list of option numbers), with room for JSON's
    escapes. Imported here: the handout's renderer process reads session files and
    must not pay for the deck parser (Python-Markdown, PyYAML) to learn four numbers."""
    from workshop_app.deck.loader import MAX_DECK_BYTES
    from workshop_app.deck.polls import MAX_TEXT_LENGTH
    from workshop_app.session.questions import MAX_NAME, MAX_TEXT

    return {
        ("questions", "text"): MAX_TEXT,
        ("questions", "name"): MAX_NAME,
        ("votes", "raw"): 6 * MAX_TEXT_LENGTH + 2,
        ("meta", "value"): MAX_DECK_BYTES,
    }


def _check_shape(db: sqlite3.Connection) -> None:
    extra = db.execute(
        "SELECT type, name FROM sqlite_master WHERE type NOT IN ('table', 'index')"
        " OR sql LIKE 'CREATE VIRTUAL%'"
    ).fetchone()
    if extra is not None:
        raise HostileFileError(tr("session_file.foreign_part", kind=extra[0], name=extra[1]))
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for (table, column), longest in _longest().items():
        if table not in tables:
            continue  # an older format, or a session without questions
        (length,) = db.execute(f"SELECT MAX(LENGTH({column})) FROM {table}").fetchone()
        if length is not None and length > longest:
            raise HostileFileError(
                tr("session_file.too_long", table=table, column=column, most=longest)
            )
