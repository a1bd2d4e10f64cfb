"""A session file read after (or during) the event, for the handout and the exports.

Opened read-only, without the writer's lock: the voting server may still be
running, and an organizer's copy of the file may sit on a read-only share.
Everything is read in one transaction, so the handout shows one moment.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from workshop_app.deck import Deck, DeckError, Poll
from workshop_app.deck.model import is_office_file
from workshop_app.i18n import tr
from workshop_app.session.cards import card_count, read_issued
from workshop_app.session.countdown import TIMED_SQL
from workshop_app.session.file_guard import HostileFileError, guard, too_slow
from workshop_app.session.ink import read_ink
from workshop_app.session.marks import Stroke
from workshop_app.session.model import PollState, PollStatus
from workshop_app.session.motion import CardCount
from workshop_app.session.questions import Question, ledger_lines, read_questions
from workshop_app.session.quiz import Standings, standings
from workshop_app.session.reactions import SlideReactions
from workshop_app.session.reactions import read as read_reactions
from workshop_app.session.results import Comparison, Results, comparison
from workshop_app.session.schema import SCHEMA_VERSION, NewerFormatError, file_version
from workshop_app.session.tally import Tally, tally

_MESSAGES = {
    "missing": "snapshot.missing",
    "corrupt": "snapshot.corrupt",
    "foreign": "snapshot.foreign",
    "no_deck": "snapshot.no_deck",
    "bad_deck": "snapshot.bad_deck",
    "newer_format": "snapshot.newer_format",
}


class SnapshotError(Exception):
    """The file is missing, not a session, or from another program; `code` says which."""

    def __init__(self, code: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {code}{': ' + detail if detail else ''}")
        self.code = code
        self.path = path
        self.detail = detail

    def message(self) -> str:
        """What the user reads, in the current language: the command line and the dialog."""
        return tr(_MESSAGES[self.code], path=self.path, detail=self.detail, ours=SCHEMA_VERSION)


@dataclass(frozen=True)
class CountedVote:
    """One counted (not superseded) vote, as the exports list it: no device, no receipt."""

    poll_id: str
    run: int
    at: float
    choice: object
    state: str = ""  # an open answer's moderation: pending, approved or hidden


@dataclass(frozen=True)
class SessionSnapshot:
    path: Path
    deck: Deck
    created: float
    statuses: dict[str, PollStatus]
    results: dict[str, Tally]  # each poll's current run
    participants: int  # phones that voted at least once
    vote_times: tuple[float, ...]  # when each counted vote came in (participation chart)
    slide_times: tuple[tuple[float, int], ...]  # the slide timeline
    digest: str  # SHA-256 over the ordered ledger, see `ledger_digest`
    questions: tuple[Question, ...] = ()  # every question from the room, in the one order
    ink: dict[int, tuple[Stroke, ...]] = field(default_factory=dict)  # the speaker's, by slide
    standings: Standings | None = None  # the quiz's, when the deck asks quiz questions
    reactions: tuple[SlideReactions, ...] = ()  # the slides the room reacted to, in order
    timed: dict[str, float] = field(default_factory=dict)  # poll → its countdown's seconds
    # poll → the voting cards issued and present as it closed (a motion's rule counts them)
    cards: dict[str, CardCount] = field(default_factory=dict)

    @cached_property
    def counted(self) -> list[CountedVote]:
        """Every counted vote in time order; read on first use (only the exports need it)."""
        return counted_votes(self.path)

    def results_of(self, poll: Poll) -> Results | None:
        """The poll's results as every surface prints them, if it ran."""
        counted = self.results.get(poll.id)
        if counted is None or not self.ran(poll):
            return None
        return Results.of(poll, counted, cards=self.cards.get(poll.id))

    def comparison(self, poll: Poll) -> Comparison | None:
        """The pre/post pair, if `poll` is the later one and both were counted."""
        earlier = self.deck.poll_before(poll)
        after = self.results_of(poll)
        if earlier is None or after is None:
            return None
        return comparison(self.results_of(earlier), after)

    def ran(self, poll: Poll) -> bool:
        """The poll was opened at least once or got a show of hands."""
        counted = self.results.get(poll.id)
        status = self.statuses.get(poll.id)
        return bool(
            (counted is not None and (counted.ballots or any(counted.hands)))
            or (status is not None and status.state is not PollState.DRAFT)
        )


def counted_votes(path: Path) -> list[CountedVote]:
    """Every counted vote in time order (for the exports; the handout needs only counts)."""
    with _reading(path) as db:
        try:
            return [
                CountedVote(str(p), int(r), float(at), json.loads(raw), str(state or ""))
                for p, r, at, raw, state in db.execute(
                    "SELECT poll_id, run, at, raw, answer_state FROM votes WHERE superseded = 0"
                    " ORDER BY at, id"
                )
            ]
        except (sqlite3.DatabaseError, ValueError, TypeError) as error:
            raise _unreadable(path, error) from None


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """The file opened to read, closed after."""
    db = _connect(path)
    try:
        yield db
    finally:
        db.close()


def _connect(path: Path) -> sqlite3.Connection:
    """The file, opened read-only and guarded: it may come from anyone."""
    if not path.is_file():
        raise SnapshotError("missing", path)
    # A read-only connection to a WAL file makes its -wal and -shm files and cannot take
    # them away: after each export and verify they stood beside the session. Without a
    # -wal file no writer has the session open (SQLite removes it when the last one
    # closes), so the file is read as it is, making nothing; a server that starts now
    # writes to a new -wal, which this reading never needed. With one, it is the
    # server's (or a crash's, with votes in it): read through it, and leave it.
    wal = path.with_name(path.name + "-wal")
    settled = "" if wal.exists() else "&immutable=1"
    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro{settled}", uri=True)
    except sqlite3.Error as error:
        raise SnapshotError("corrupt", path, str(error)) from None
    try:
        guard(db)
    except (HostileFileError, sqlite3.DatabaseError) as error:
        db.close()
        raise SnapshotError("corrupt", path, str(error)) from None
    return db


def open_snapshot(path: Path) -> SessionSnapshot:
    with _reading(path) as db:
        try:
            db.execute("BEGIN")  # one consistent moment, even while the server writes
            return _read(db, path)
        except (sqlite3.DatabaseError, ValueError, TypeError) as error:
            raise _unreadable(path, error) from None


def _unreadable(path: Path, error: Exception) -> SnapshotError:
    """What went wrong reading the file, as the organizer reads it: a query the deadline
    stopped, a value of a kind Impuls never writes (a poll state "7"), or SQLite's word."""
    if isinstance(error, sqlite3.Error):
        slow = too_slow(error)
        return SnapshotError("corrupt", path, str(slow) if slow is not None else str(error))
    return SnapshotError("corrupt", path, tr("session_file.bad_value", detail=error))


def _read(db: sqlite3.Connection, path: Path) -> SessionSnapshot:
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("app") != "impuls":
        raise SnapshotError("foreign", path)
    try:
        # Read-only, so never migrated here: a format that today's reader cannot
        # read as it is must be brought forward by opening it in the app first.
        file_version(meta, path)
    except NewerFormatError as error:
        raise SnapshotError("newer_format", path, str(error.found)) from None
    source = meta.get("deck_source")
    if not source:
        raise SnapshotError("no_deck", path)
    deck_path = Path(meta["deck_path"]) if meta.get("deck_path") else None
    # Imported here, not at the top: the handout's renderer process unpickles
    # snapshots and must not pay for Python-Markdown and PyYAML (handout/press.py).
    from workshop_app.deck.parser import parse_deck

    stored = _deck_files(db, path)
    try:  # images resolve against the deck's folder when it is still there; its PDF is here
        deck = parse_deck(source, _trusted_deck_path(deck_path, source), stored=stored)
    except DeckError as error:
        raise SnapshotError("bad_deck", path, str(error)) from None
    statuses = {
        p: PollStatus(p, r, PollState(s), bool(v))
        for p, r, s, v in db.execute("SELECT poll_id, run, state, revealed FROM polls")
    }
    results = {
        poll.id: tally(db, poll, statuses[poll.id].run)
        for poll in deck.polls
        if poll.id in statuses
    }
    return SessionSnapshot(
        path=path,
        deck=deck,
        created=float(meta.get("created", 0) or 0),
        statuses=statuses,
        results=results,
        participants=int(db.execute("SELECT COUNT(DISTINCT device) FROM votes").fetchone()[0]),
        vote_times=tuple(
            at for (at,) in db.execute("SELECT at FROM votes WHERE superseded = 0 ORDER BY at")
        ),
        slide_times=tuple(
            (float(at), int(slide))
            for slide, at in db.execute("SELECT slide, at FROM slides ORDER BY id")
        ),
        digest=ledger_digest(db),
        questions=tuple(read_questions(db, everything=True)),
        ink=read_ink(db),
        standings=standings(db, deck.polls, speed=deck.meta.quiz_speed)
        if any(poll.quiz for poll in deck.polls)
        else None,
        reactions=read_reactions(db, deck.meta.reactions),
        cards={  # a poll that counts voting cards: issued, and present as it closed
            poll.id: counted
            for poll in deck.polls
            if poll.id in statuses
            and (counted := card_count(db, poll, statuses[poll.id].run)) is not None
        },
        timed={
            str(poll_id): float(seconds)
            for poll_id, seconds in db.execute(TIMED_SQL)
            if isinstance(seconds, int | float) and 0 < seconds < 10**6  # a file may lie
        },
    )


def _trusted_deck_path(deck_path: Path | None, source: str) -> Path | None:
    """The deck file the session names, if it is still the deck the session ran.

    The session file may come from anyone, and its `deck_path` may name any file:
    the folder of an organizer's own pictures, a PDF of theirs. Its deck's images
    are looked up in that folder only while the Markdown file there holds the very
    text the session keeps; otherwise the session's own stored files are all there is.
    """
    from workshop_app.deck.loader import read_deck_text

    if deck_path is None or deck_path.suffix.lower() == ".pdf" or is_office_file(deck_path):
        return None
    try:
        return deck_path if read_deck_text(deck_path) == source else None
    except DeckError:
        return None  # moved, deleted or unreadable since: the stored files alone


def _deck_files(db: sqlite3.Connection, path: Path) -> dict[str, bytes]:
    """The files the session kept for its deck (a PDF), each checked against its hash."""
    try:
        rows = db.execute("SELECT name, sha256, data FROM deck_files").fetchall()
    except sqlite3.OperationalError:  # a session from before PDF decks
        return {}
    files: dict[str, bytes] = {}
    for name, digest, data in rows:
        if hashlib.sha256(data).hexdigest() != digest:
            raise SnapshotError("corrupt", path, f"{name}: hash mismatch")
        files[name] = bytes(data)
    return files


def ledger_digest(db: sqlite3.Connection) -> str:
    """SHA-256 over every vote, show of hands, moderation, poll event, question and
    upvote, in order, and the voting cards issued.

    Device ids and receipts stay out: the digest is printed in the handout, and
    it must let anyone holding the session file check the results, nothing more.
    SQLite formats the lines (printf), so export and `verify` agree to the digit
    and a large ledger costs milliseconds.
    """
    digest = hashlib.sha256()
    for query in (
        "SELECT printf('vote|%d|%s|%d|%s|%.6f|%d|%s', id, poll_id, run, raw, at, superseded,"
        " COALESCE(answer_state, '')) FROM votes ORDER BY id",
        "SELECT printf('hands|%d|%s|%d|%s|%.6f', id, poll_id, run, counts, at)"
        " FROM hands ORDER BY id",
        "SELECT printf('event|%d|%s|%d|%s|%.6f', id, poll_id, run, kind, at)"
        " FROM poll_events ORDER BY id",
    ):
        lines = [row[0] for row in db.execute(query)]
        if lines:
            digest.update(("\n".join(lines) + "\n").encode())
    asked = list(ledger_lines(db))
    if asked:  # a session without questions keeps the digest it had before format 2
        digest.update(("\n".join(asked) + "\n").encode())
    cards = read_issued(db)  # what was issued: an absolute majority counts from it
    if cards is not None:  # a session without voting cards keeps the digest it had
        digest.update((cards.ledger_line() + "\n").encode())
    return digest.hexdigest()
