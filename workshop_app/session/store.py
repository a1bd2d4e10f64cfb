"""The SQLite store of one event: one writer with group commit, readers apart.

Every write goes through a queue to a single writer: a thread of the store's
own, or, in the voting server, the keeper process's event loop, which calls
`commit_queued()` (`own_thread=False`). The writer takes whatever has queued up,
runs it in one `BEGIN IMMEDIATE` transaction (a request refuses before it
writes, so one bad request cannot spoil its neighbours), commits with
`synchronous=FULL`, and only then answers the callers and tells the listeners.
One fsync then covers hundreds of votes, and an acknowledged vote is on disk.
Counting happens in SQL from rows, never read-modify-write in Python.

The writer is the file's only writer, so it keeps the polls' states and which
devices have voted in memory: a vote then costs two statements (insert, and only
for a device that voted before, mark its earlier vote superseded). A failed
commit throws that memory away and it is read again from the file.

`SessionReader` is the read side alone: the voting server's HTTP workers, in
processes of their own, read through it while one process writes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from workshop_app.deck import Poll
from workshop_app.i18n import tr
from workshop_app.session import cards, countdown, ink, questions, quiz, reactions
from workshop_app.session.lock import SessionLock
from workshop_app.session.marks import Stroke
from workshop_app.session.model import (
    AnswerState,
    Ballot,
    Change,
    ChangeKind,
    PollAction,
    PollState,
    PollStatus,
    Receipt,
    StoreError,
    is_join_code,
    new_join_code,
)
from workshop_app.session.moderation import is_offensive, prepare_judging
from workshop_app.session.questions import Moderation, Order, Question, QuestionAction
from workshop_app.session.room_code import keep_code, kept_code
from workshop_app.session.schema import (
    SCHEMA_VERSION,
    NewerFormatError,
    file_version,
    migrate,
    read_meta,
)

T = TypeVar("T")
log = logging.getLogger("impuls.session")


class _WorkFailedError(Exception):
    """A piece of work failed by itself (not a refusal): its batch runs again without it."""

    def __init__(self, work: Any) -> None:
        super().__init__("a piece of work failed")
        self.work = work


# What a single write can get wrong by itself (a value SQLite refuses); any other
# sqlite3.Error is the disk or the file, and ends the whole transaction.
VALUE_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.DataError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
)


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a piece of writer work returns: the caller's result and what changed."""

    value: T
    change: Change | None = None


RECEIPT_BYTES = 12  # 16 characters, 96 random bits
MAX_BATCH = 2000  # requests per transaction; bounds a commit's latency under a burst
Listener = Callable[[list[Change]], None]
Work = Callable[[sqlite3.Connection], "Done[Any]"]
Outcome = tuple[bool, Any]  # (True, value) or (False, StoreError)
Settle = Callable[[list[Outcome]], None]
_Group = tuple[list[Work], Settle]

# A poll's status with the end of its countdown (session/countdown.py), from `polls p`.
STATUS_SQL = f"SELECT p.poll_id, p.run, p.state, p.revealed, {countdown.ENDS_SQL} FROM polls p"


def _status(row: tuple[Any, ...]) -> PollStatus:
    ends = None if row[4] is None else float(row[4])
    return PollStatus(str(row[0]), int(row[1]), PollState(row[2]), bool(row[3]), ends)


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS polls (
    poll_id TEXT PRIMARY KEY, run INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT 'draft', revealed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS poll_events (
    id INTEGER PRIMARY KEY, poll_id TEXT NOT NULL, run INTEGER NOT NULL,
    kind TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY, poll_id TEXT NOT NULL, run INTEGER NOT NULL,
    device TEXT NOT NULL, vote_id TEXT NOT NULL, receipt TEXT NOT NULL,
    value INTEGER, text TEXT, raw TEXT NOT NULL, at REAL NOT NULL,
    superseded INTEGER NOT NULL DEFAULT 0, answer_state TEXT,
    UNIQUE (poll_id, vote_id));
CREATE INDEX IF NOT EXISTS votes_current ON votes (poll_id, run, superseded, device);
CREATE TABLE IF NOT EXISTS vote_items (
    vote INTEGER NOT NULL REFERENCES votes (id), option INTEGER NOT NULL,
    points INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS vote_items_vote ON vote_items (vote);
CREATE TABLE IF NOT EXISTS hands (
    id INTEGER PRIMARY KEY, poll_id TEXT NOT NULL, run INTEGER NOT NULL,
    counts TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS slides (
    id INTEGER PRIMARY KEY, slide INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS deck_files (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, data BLOB NOT NULL);
""" + "".join(
    f"{statement};\n"
    for statement in (*questions.TABLES, ink.TABLE, *quiz.TABLES, reactions.TABLE, cards.TABLE)
)


def _keep_deck_files(db: sqlite3.Connection, files: Mapping[str, bytes]) -> None:
    """The files the deck read (its PDF), so the handout needs only the session file.

    A file already kept with the same hash is not written again (a PDF is megabytes).
    """
    kept = dict(db.execute("SELECT name, sha256 FROM deck_files").fetchall())
    for name in set(kept) - set(files):
        db.execute("DELETE FROM deck_files WHERE name = ?", (name,))
    for name, data in files.items():
        digest = hashlib.sha256(data).hexdigest()
        if kept.get(name) != digest:
            db.execute("INSERT OR REPLACE INTO deck_files VALUES (?, ?, ?)", (name, digest, data))


class SessionReader:
    """Read-only access to a session file: a connection per thread (WAL: the writer goes on)."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []  # every thread's, to close them all
        self._readers_lock = threading.Lock()
        self._join_code: str | None = None

    def reader(self) -> sqlite3.Connection:
        """A read-only connection for the calling thread (WAL: never blocks the writer)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            self._local.connection = connection
            with self._readers_lock:
                self._readers.append(connection)
        return connection

    def close_readers(self) -> None:
        """Close every thread's reader (a thread that reads again gets a new one)."""
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self._local = threading.local()

    def meta(self, key: str) -> str | None:
        row = self.reader().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @property
    def join_code(self) -> str:
        if self._join_code is None:  # fixed for the life of the session; asked on every vote
            self._join_code = kept_code(self.path) or ""
        return self._join_code

    def status(self, poll_id: str) -> PollStatus:
        row = self.reader().execute(f"{STATUS_SQL} WHERE p.poll_id = ?", (poll_id,)).fetchone()
        if row is None:
            raise StoreError("unknown_poll", poll_id)
        return _status(row)

    def statuses(self) -> list[PollStatus]:
        return [_status(row) for row in self.reader().execute(STATUS_SQL).fetchall()]

    def receipt_for(self, poll_id: str, vote_id: str, device: str) -> Receipt | None:
        """The receipt of an already stored vote, from a reader (retries skip the writer)."""
        return _stored_receipt(self.reader(), poll_id, vote_id, device)

    def current_poll(self) -> PollStatus | None:
        """What phones should show: the open poll, else the latest revealed one."""
        row = (
            self.reader()
            .execute(
                f"{STATUS_SQL}"
                " JOIN (SELECT poll_id, MAX(id) AS latest FROM poll_events GROUP BY poll_id) l"
                " ON l.poll_id = p.poll_id WHERE p.state = 'open' OR p.revealed = 1"
                " ORDER BY p.state = 'open' DESC, l.latest DESC LIMIT 1"
            )
            .fetchone()
        )
        return None if row is None else _status(row)

    def ink_by_slide(self) -> dict[int, tuple[Stroke, ...]]:
        """The speaker's ink by slide, as the room saw it last (session/ink.py)."""
        return ink.read_ink(self.reader())

    def current_slide(self) -> int | None:
        row = self.reader().execute("SELECT slide FROM slides ORDER BY id DESC LIMIT 1").fetchone()
        return None if row is None else int(row[0])

    def questions(
        self, *, device: str | None = None, everything: bool = False, order: Order = Order.TOP
    ) -> list[Question]:
        """The room's questions (session/questions.py says who sees which)."""
        return questions.read_questions(
            self.reader(), device=device, everything=everything, order=order
        )

    def standings(self, polls: Sequence[Poll], *, speed: bool) -> quiz.Standings:
        """The quiz so far (session/quiz.py), read from the committed rows."""
        return quiz.standings(self.reader(), polls, speed=speed)

    def question_moderation(self) -> Moderation:
        return questions.moderation_of(self.reader())


class SessionStore(SessionReader):
    """Owns one session file for as long as it is open; a lock keeps other processes out."""

    def __init__(
        self,
        path: Path,
        *,
        deck_source: str | None = None,
        poll_ids: list[str] | None = None,
        deck_path: Path | None = None,
        deck_files: Mapping[str, bytes] | None = None,
        countdowns: Mapping[str, int] | None = None,
        own_thread: bool = True,
        clock: Callable[[], float] = time.time,
    ):
        """`own_thread=False`: no writer thread; the owner calls commit_queued() itself.
        `countdowns`: the seconds of each poll the deck gives a countdown (`seconds:`);
        `clock`: the time votes, poll events and countdowns are stamped with."""
        super().__init__(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = SessionLock(path)
        self._lock.acquire(f"{path} is open in another Impuls process")
        self._listeners: list[Listener] = []
        self._queue: queue.Queue[_Group | None] = queue.Queue()
        self._polls: dict[str, tuple[int, PollState]] = {}  # the writer's own memory
        self._ends: dict[str, float] = {}  # open polls counting down: when they end
        self.countdowns = dict(countdowns or {})
        self.clock = clock
        self._voters: dict[tuple[str, int], set[str]] = {}
        self._tallied: dict[str, Change] = {}
        self._participants: set[str] | None = None  # every device that voted, read once
        self._receipts: list[str] = []
        try:
            self._refuse_newer()  # before _connect, which turns the file to WAL
            self._write = self._connect()
            self._initialise(deck_source, poll_ids or [], deck_path, deck_files)
            self._remember_polls(self._write)
        except (sqlite3.DatabaseError, StoreError) as error:
            if hasattr(self, "_write"):
                self._write.close()
            self._lock.release()
            if isinstance(error, StoreError):
                raise
            trouble = disk_trouble(error, path)
            if trouble is not None:  # the file is fine; the disk is not: never invite deleting it
                raise trouble from None
            raise StoreError("corrupt", f"{path}: not an Impuls session ({error})") from None
        self._writer: threading.Thread | None = None
        if not own_thread:  # the caller commits: it judges the first text, so load now
            prepare_judging()
        if own_thread:
            self._writer = threading.Thread(
                target=self._run_writer, name="impuls-writer", daemon=True
            )
            self._writer.start()

    # ------------------------------------------------------------ set-up

    def _refuse_newer(self) -> None:
        """A file from a newer Impuls is refused before a single byte of it changes."""
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return
        db = sqlite3.connect(f"file:{quote(str(self.path))}?mode=ro", uri=True)
        try:
            meta = read_meta(db)
            if meta.get("app") == "impuls":
                file_version(meta, self.path)
        except NewerFormatError as error:
            raise StoreError(
                "newer_format",
                tr("session.newer_format", path=self.path, found=error.found,
                   ours=SCHEMA_VERSION),
            ) from None  # fmt: skip
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # an acknowledged vote survives power loss
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    def _initialise(
        self,
        deck_source: str | None,
        poll_ids: list[str],
        deck_path: Path | None,
        deck_files: Mapping[str, bytes] | None = None,
    ) -> None:
        db = self._write
        existing = read_meta(db)
        if existing and existing.get("app") != "impuls":
            raise sqlite3.DatabaseError("meta table of another application")
        if existing:  # _refuse_newer has let only this format or an older one through
            found = file_version(existing, self.path)
            backup = migrate(db, self.path, found)
            if backup is not None:
                log.info("session %s: format %d → %d, backup %s", self.path, found,
                         SCHEMA_VERSION, backup)  # fmt: skip
        db.executescript(SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        if not existing:
            now = str(time.time())
            for key, value in (
                ("app", "impuls"),
                ("schema", str(SCHEMA_VERSION)),
                ("created", now),
            ):
                db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
        # The room's code lives beside the file, not in it (session/room_code.py).
        # Files from before 2026-12 kept it in the meta table: it moves out on this
        # open, so the room keeps the code on its wall.
        if kept_code(self.path) is None:
            row = db.execute("SELECT value FROM meta WHERE key = 'join_code'").fetchone()
            earlier = str(row[0]) if row is not None else ""
            keep_code(self.path, earlier if is_join_code(earlier) else new_join_code())
        db.execute("DELETE FROM meta WHERE key = 'join_code'")
        # Files from before 2026-12 kept the key that signs the phones' tickets here;
        # whoever was handed such a file could sign tickets of their own. The key now
        # lives in the voting server's memory alone (voting/admission.py): a copy
        # still in the file is ignored, and gone after this open.
        db.execute("DELETE FROM meta WHERE key = 'ticket_key'")
        if deck_source is not None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('deck_source', ?)", (deck_source,))
            _keep_deck_files(db, deck_files or {})
        if deck_path is not None:  # where the handout finds the deck's images
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('deck_path', ?)", (str(deck_path.resolve()),)
            )
        db.executemany("INSERT OR IGNORE INTO polls (poll_id) VALUES (?)", [(p,) for p in poll_ids])
        db.execute("COMMIT")

    # ------------------------------------------------------------ the writer

    def _run_writer(self) -> None:
        prepare_judging()  # off the caller's thread, before the first text arrives
        while True:
            first = self._queue.get()
            if first is None:
                return
            self._commit(self._batch(first))

    def commit_queued(self) -> None:
        """Commit what has been submitted, in the calling thread (a store without its own)."""
        assert self._writer is None, "this store's writer thread commits by itself"
        while True:
            try:
                first = self._queue.get_nowait()
            except queue.Empty:
                return
            if first is None:
                return
            self._commit(self._batch(first))

    def _batch(self, first: _Group) -> list[_Group]:
        """`first` and whatever else has queued up, to MAX_BATCH works."""
        groups, works = [first], len(first[0])
        while works < MAX_BATCH:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                self._queue.put(None)  # finish this batch, then stop
                break
            groups.append(item)
            works += len(item[0])
        return groups

    def _commit(self, groups: list[_Group]) -> None:
        """One transaction for `groups`; a work that fails by itself costs only itself.

        The common case runs without savepoints (three more statements per vote cost
        a fifth of the throughput). If a work raises anything but a refusal (a bug, a
        value SQLite will not take), the transaction is rolled back and run again
        without it, and its caller gets a refusal: a bad vote never costs a good one.
        A failing disk fails the whole batch, and nobody gets a false receipt.
        """
        db = self._write
        broken: dict[int, StoreError] = {}  # id(work) → why it is left out
        while True:
            settled: list[tuple[Settle, list[Outcome]]] = []
            changes: list[Change] = []
            try:
                db.execute("BEGIN IMMEDIATE")
                for works, settle in groups:
                    settled.append((settle, [
                        (False, broken[id(work)]) if id(work) in broken
                        else self._run(db, work, changes)
                        for work in works
                    ]))  # fmt: skip
                db.execute("COMMIT")
                break
            except _WorkFailedError as failure:  # undo everything, then again without it
                db.execute("ROLLBACK")
                self._forget(db)  # what the rolled-back works changed in memory is void
                log.error("a write failed; run again without it", exc_info=failure.__cause__)
                broken[id(failure.work)] = StoreError(
                    "unprocessable", "this request cannot be stored"
                )
            except Exception as error:  # disk full, I/O error: nobody gets a false receipt
                if not isinstance(error, sqlite3.Error):
                    log.exception("a write failed; batch undone")
                if db.in_transaction:
                    db.execute("ROLLBACK")
                self._forget(db)
                failed = StoreError("storage", str(error))
                for works, settle in groups:
                    _settle(settle, [(False, failed)] * len(works))
                return
        try:
            # Listeners first: the voting server's workers hear of the new counts (the
            # participants) before the replies, so a client's next read sees its write.
            for listener in list(self._listeners) if changes else ():
                listener(changes)
        finally:
            for settle, outcomes in settled:  # only now, after the commit
                _settle(settle, outcomes)

    @staticmethod
    def _run(db: sqlite3.Connection, work: Work, changes: list[Change]) -> Outcome:
        """A refusal (StoreError) comes before any write and costs nothing; anything
        else a work raises, except the disk failing, marks it to be left out."""
        try:
            result = work(db)
        except StoreError as error:
            return (False, error)
        except Exception as error:
            if isinstance(error, sqlite3.Error) and not isinstance(error, VALUE_ERRORS):
                raise  # the disk or the file: the transaction cannot go on
            raise _WorkFailedError(work) from error
        if result.change is not None:
            changes.append(result.change)
        return (True, result.value)

    def submit(self, work: Work) -> Future[Any]:
        """Queue `work` for the writer; the future resolves after its commit.

        `work` may refuse with StoreError only before its first write: the batch
        shares one transaction, so a refusal after a write would keep the write.
        """
        future: Future[Any] = Future()

        def settle(outcomes: list[Outcome]) -> None:
            ok, value = outcomes[0]
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        self._queue.put(([work], settle))
        return future

    def submit_group(self, works: list[Work], settle: Settle) -> None:
        """Queue `works` for one transaction; `settle(outcomes)` runs once, after the commit.

        For callers that hand many requests over at once (the voting server's
        workers): one call back per group instead of one future per vote.
        `settle` runs on the writer thread (or in commit_queued's caller) and must
        return quickly.
        """
        self._queue.put((works, settle))

    def add_listener(self, listener: Listener) -> None:
        """`listener(changes)` runs on the writer thread after each commit with changes."""
        self._listeners.append(listener)

    def _new_receipt(self) -> str:
        """A random receipt, as secrets.token_urlsafe(12) makes them, from a pooled read."""
        if not self._receipts:
            pool = base64.urlsafe_b64encode(secrets.token_bytes(RECEIPT_BYTES * 256)).decode()
            size = len(pool) // 256
            self._receipts = [pool[i : i + size] for i in range(0, len(pool), size)]
        return self._receipts.pop()

    def _remember_polls(self, db: sqlite3.Connection) -> None:
        statuses = [_status(row) for row in db.execute(STATUS_SQL).fetchall()]
        self._polls = {s.poll_id: (s.run, s.state) for s in statuses}
        self._ends = {s.poll_id: s.ends for s in statuses if s.ends is not None}

    def ends(self, poll_id: str) -> float | None:
        """When the open poll's countdown ends (the writer's memory), or None."""
        return self._ends.get(poll_id)

    def _forget(self, db: sqlite3.Connection) -> None:
        """After a rollback: poll states read again, voters read again when next needed."""
        self._remember_polls(db)
        self._voters.clear()
        self._participants = None

    def _poll(self, poll_id: str) -> tuple[int, PollState]:
        try:
            return self._polls[poll_id]
        except KeyError:
            raise StoreError("unknown_poll", poll_id) from None

    def _voted(self, db: sqlite3.Connection, poll_id: str, run: int) -> set[str]:
        """The devices with a vote in this run (read once per run, then kept up to date)."""
        voters = self._voters.get((poll_id, run))
        if voters is None:
            rows = db.execute(
                "SELECT DISTINCT device FROM votes WHERE poll_id = ? AND run = ?", (poll_id, run)
            ).fetchall()
            voters = self._voters[(poll_id, run)] = {row[0] for row in rows}
        return voters

    def participant_count(self) -> int:
        """Devices that voted in this session, kept by the writer (no scan of every vote).

        Call it where the writer runs: in commit_queued's thread, or between commits.
        """
        return len(self._all_voters(self._write))

    def knows_device(self, device: str) -> bool:
        """Whether `device` voted, asked or upvoted in this session (the writer's side)."""
        return device in self._all_voters(self._write) or (
            self._write.execute(
                "SELECT 1 FROM questions WHERE device = ?"
                " UNION ALL SELECT 1 FROM upvotes WHERE device = ? LIMIT 1",
                (device, device),
            ).fetchone()
            is not None
        )

    def _all_voters(self, db: sqlite3.Connection) -> set[str]:
        if self._participants is None:
            rows = db.execute("SELECT DISTINCT device FROM votes").fetchall()
            self._participants = {row[0] for row in rows}
        return self._participants

    def close(self) -> None:
        if self._writer is None:
            self.commit_queued()
        else:
            self._queue.put(None)
            self._writer.join(timeout=10)
        try:
            self._write.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:  # a full disk: the -wal file keeps every vote
            log.warning("session %s: the checkpoint waits for the next open (%s)", self.path,
                        error)  # fmt: skip
        self.close_readers()  # so that the writer's connection is the last
        self._write.close()  # the last connection: SQLite removes the -wal and -shm files
        self._lock.release()

    # ------------------------------------------------------------ writes

    def vote(self, poll_id: str, device: str, vote_id: str, ballot: Ballot) -> Future[Receipt]:
        return self.submit(self.vote_work(poll_id, device, vote_id, ballot))

    def vote_work(self, poll_id: str, device: str, vote_id: str, ballot: Ballot) -> Work:
        def work(db: sqlite3.Connection) -> Done[Receipt]:
            run, state = self._poll(poll_id)
            if state is not PollState.OPEN:
                earlier = _stored_receipt(db, poll_id, vote_id, device)
                if earlier is not None:  # a late retry of a vote made while it was open
                    return Done(earlier)
                if countdown.ran_out(db, poll_id, run):
                    raise StoreError("too_late", f"poll {poll_id}: the time was up")
                raise StoreError("not_open", f"poll {poll_id} is {state}")
            now = self.clock()
            if countdown.too_late(self._ends.get(poll_id), now):
                earlier = _stored_receipt(db, poll_id, vote_id, device)
                if earlier is not None:  # a retry of a vote counted in time
                    return Done(earlier)
                raise StoreError("too_late", f"poll {poll_id}: the time was up")
            receipt = self._new_receipt()
            answer = None
            if ballot.text is not None:  # insults wait, hidden, for the moderator
                hidden = is_offensive(ballot.text)
                answer = (AnswerState.HIDDEN if hidden else AnswerState.PENDING).value
            cursor = db.execute(
                "INSERT INTO votes (poll_id, run, device, vote_id, receipt, value, text, raw, at,"
                " answer_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (poll_id, vote_id) DO NOTHING",
                (poll_id, run, device, vote_id, receipt, ballot.value, ballot.text,
                 str(raw) if type(raw := ballot.raw) is int else json.dumps(raw), now, answer),
            )  # fmt: skip
            if cursor.rowcount == 0:  # a retry: same receipt, counted once
                earlier = _stored_receipt(db, poll_id, vote_id, device)
                if earlier is None:  # another phone's vote_id: its receipt is not ours to see
                    raise StoreError("vote_id_taken", "this vote_id belongs to another vote")
                return Done(earlier)
            vote = cursor.lastrowid
            voters = self._voted(db, poll_id, run)
            replaced = device in voters and db.execute(
                "UPDATE votes SET superseded = 1 WHERE poll_id = ? AND run = ? AND device = ?"
                " AND superseded = 0 AND id != ?",
                (poll_id, run, device, vote),
            ).rowcount > 0  # fmt: skip
            voters.add(device)
            self._all_voters(db).add(device)
            quiz.set_nickname(db, device, ballot.nickname)
            if len(ballot.items) == 1:
                db.execute("INSERT INTO vote_items VALUES (?, ?, ?)", (vote, *ballot.items[0]))
            else:
                db.executemany(
                    "INSERT INTO vote_items VALUES (?, ?, ?)",
                    [(vote, option, points) for option, points in ballot.items],
                )
            change = self._tallied.get(poll_id) or self._tallied.setdefault(
                poll_id, Change(ChangeKind.VOTES, poll_id)
            )  # one object for every vote on the poll: cheap to pass on by the thousand
            return Done(Receipt(receipt, poll_id, run, now, replaced), change)

        return work

    def set_state(self, poll_id: str, action: PollAction | str) -> Future[PollStatus]:
        """One of PollAction; reset starts a new run (the old one is kept)."""
        return self.submit(self.state_work(poll_id, action))

    def state_work(self, poll_id: str, action: PollAction | str) -> Work:
        try:
            action = PollAction(action)
        except ValueError:
            raise StoreError("bad_action", str(action)) from None

        def work(db: sqlite3.Connection) -> Done[PollStatus]:
            self._poll(poll_id)  # raises for an unknown poll
            now = self.clock()
            if action is PollAction.OPEN:
                # One poll open at a time: phones follow "the current poll".
                for (other,) in db.execute(
                    "SELECT poll_id FROM polls WHERE state = 'open' AND poll_id != ?", (poll_id,)
                ).fetchall():
                    db.execute("UPDATE polls SET state = 'closed' WHERE poll_id = ?", (other,))
                    _event(db, other, "close", now)
                db.execute("UPDATE polls SET state = 'open' WHERE poll_id = ?", (poll_id,))
            elif action is PollAction.CLOSE:
                db.execute("UPDATE polls SET state = 'closed' WHERE poll_id = ?", (poll_id,))
            elif action in (PollAction.REVEAL, PollAction.HIDE):
                revealed = action is PollAction.REVEAL
                db.execute("UPDATE polls SET revealed = ? WHERE poll_id = ?", (revealed, poll_id))
            elif action is PollAction.RESET:
                db.execute(
                    "UPDATE polls SET run = run + 1, state = 'draft', revealed = 0"
                    " WHERE poll_id = ?",
                    (poll_id,),
                )
            elif self._poll(poll_id)[1] is not PollState.OPEN:  # EXTEND, HALT
                raise StoreError("not_open", f"poll {poll_id} is not open")
            _event(db, poll_id, action.value, now)
            if action is PollAction.OPEN and poll_id in self.countdowns:
                _event(db, poll_id, countdown.DEADLINE, now + self.countdowns[poll_id])
            elif action is PollAction.EXTEND:
                ends = countdown.extended(self._ends.get(poll_id), now)
                _event(db, poll_id, countdown.DEADLINE, ends)
            status = _status(db.execute(f"{STATUS_SQL} WHERE p.poll_id = ?", (poll_id,)).fetchone())
            # Rare: read them all rather than mirror each rule. The voters stay: a
            # reset starts a new run, which has a set of its own.
            self._remember_polls(db)
            change = Change(
                ChangeKind.POLL,
                poll_id,
                {"action": action.value, "state": status.state, "ends": status.ends},
            )
            return Done(status, change)

        return work

    def record_hands(self, poll_id: str, counts: list[int]) -> Future[int]:
        """A show of hands for the current run; a later count replaces an earlier one."""
        return self.submit(self.hands_work(poll_id, counts))

    def hands_work(self, poll_id: str, counts: list[int]) -> Work:
        def work(db: sqlite3.Connection) -> Done[int]:
            run, _ = self._poll(poll_id)
            db.execute(
                "INSERT INTO hands (poll_id, run, counts, at) VALUES (?, ?, ?, ?)",
                (poll_id, run, json.dumps(counts), time.time()),
            )
            return Done(run, Change(ChangeKind.HANDS, poll_id))

        return work

    def moderate(self, answer_id: int, state: AnswerState) -> Future[str]:
        return self.submit(self.moderation_work(answer_id, state))

    def moderation_work(self, answer_id: int, state: AnswerState) -> Work:
        def work(db: sqlite3.Connection) -> Done[str]:
            row = db.execute(
                "SELECT poll_id FROM votes WHERE id = ? AND text IS NOT NULL", (answer_id,)
            ).fetchone()
            if row is None:
                raise StoreError("unknown_answer", str(answer_id))
            db.execute("UPDATE votes SET answer_state = ? WHERE id = ?", (state.value, answer_id))
            return Done(
                str(row[0]),
                Change(ChangeKind.ANSWER, row[0], {"answer": answer_id, "state": state}),
            )

        return work

    # ------------------------------------------------------------ questions from the room

    def ask(self, device: str, ask_id: str, text: str, name: str | None) -> Future[questions.Asked]:
        return self.submit(self.ask_work(device, ask_id, text, name))

    def ask_work(self, device: str, ask_id: str, text: str, name: str | None) -> Work:
        return lambda db: Done(*questions.ask(db, device, ask_id, text, name))

    def upvote(
        self, device: str, question: int, upvote_id: str, up: bool
    ) -> Future[questions.Upvoted]:
        return self.submit(self.upvote_work(device, question, upvote_id, up))

    def upvote_work(self, device: str, question: int, upvote_id: str, up: bool) -> Work:
        return lambda db: Done(*questions.upvote(db, device, question, upvote_id, up))

    def act_on_question(
        self, question: int, action: QuestionAction
    ) -> Future[questions.QuestionState]:
        return self.submit(self.question_work(question, action))

    def question_work(self, question: int, action: QuestionAction) -> Work:
        return lambda db: Done(*questions.act(db, question, action))

    def set_question_moderation(self, mode: Moderation) -> Future[Moderation]:
        return self.submit(self.question_moderation_work(mode))

    def question_moderation_work(self, mode: Moderation) -> Work:
        return lambda db: Done(*questions.set_moderation(db, mode))

    def reactions_work(self, slide: int, taps: Mapping[str, int]) -> Work:
        """Add taps to a slide's counts (the keeper's, once a second at most)."""

        def work(db: sqlite3.Connection) -> Done[int]:
            reactions.add(db, slide, taps)
            return Done(slide)

        return work

    # ------------------------------------------------------------ voting cards (session/cards.py)

    def checked_key(self, kept: cards.CardKey | None) -> cards.CardKey:
        """The key to issue more cards under: the kept one, or a new one for a session
        without cards. CardsAlteredError for a record that is not what was issued."""
        cards.checked_issued(self.reader(), self.path, kept)
        return kept or cards.new_key()

    def cards_checked(self, kept: cards.CardKey | None) -> cards.CardKey | None:
        """The key of the session's cards, None without cards. CardsAlteredError for a
        record that is not what was issued."""
        issued = cards.checked_issued(self.reader(), self.path, kept)
        return kept if issued is not None else None

    def issue_work(self, key: cards.CardKey, count: int) -> Work:
        """Record `count` more cards under `key`, whose `issued` the record must match."""

        def work(db: sqlite3.Connection) -> Done[tuple[cards.CardKey, cards.Issue]]:
            cards.checked_issued(db, self.path, key)
            return Done(cards.add_issue(db, key, count, self.clock()))

        return work

    def put_back_cards_work(self, text: str | None) -> Work:
        """The record of the cards as it was before a print run that failed part-way."""

        def work(db: sqlite3.Connection) -> Done[None]:
            cards.put_back(db, text)
            return Done(None)

        return work

    def adopt_cards_work(self, key: cards.CardKey | None, issued: cards.Issued | None) -> Work:
        """An evening's talk: the evening's record of its cards, if this session has none
        (session/cards.py `adopt_issued`); CardsAlteredError for one altered."""

        def work(db: sqlite3.Connection) -> Done[cards.Issued | None]:
            return Done(cards.adopt_issued(db, self.path, key, issued))

        return work

    def present_work(self, voter: str) -> Work:
        """Card `voter` joined: present from now on (the first time counts)."""

        def work(db: sqlite3.Connection) -> Done[bool]:
            if not cards.mark_present(db, voter, self.clock()):
                return Done(False)
            # The open poll's results say how many cards are present (a motion's quorum):
            # its tally goes out again, as after a vote.
            running = [p for p, (_, state) in self._polls.items() if state is PollState.OPEN]
            return Done(True, Change(ChangeKind.VOTES, running[0]) if running else None)

        return work

    def set_slide(self, index: int) -> Future[int]:
        return self.submit(self.slide_work(index))

    def ink_work(self, slide: int, stroke: str | None) -> Work:
        """A stroke (JSON, checked by the API) added to slide `slide`'s ink, or (None)
        the slide's ink erased; only the app draws ink, so nobody else is told."""

        def work(db: sqlite3.Connection) -> Done[int]:
            if stroke is None:
                ink.erase(db, slide)
            else:
                ink.add_stroke(db, slide, stroke)
            return Done(slide)

        return work

    def slide_work(self, index: int) -> Work:
        def work(db: sqlite3.Connection) -> Done[int]:
            db.execute("INSERT INTO slides (slide, at) VALUES (?, ?)", (index, time.time()))
            return Done(index, Change(ChangeKind.SLIDE, None, {"index": index}))

        return work


def disk_trouble(error: sqlite3.Error, path: Path) -> StoreError | None:
    """A full or failing disk as the sentence a speaker needs, else None."""
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return StoreError("disk_full", tr("session.disk_full", path=path))
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY")):
        return StoreError("disk_error", tr("session.disk_error", path=path, detail=error))
    return None


def _stored_receipt(
    db: sqlite3.Connection, poll_id: str, vote_id: str, device: str
) -> Receipt | None:
    """A vote's receipt, for the device that cast it only."""
    row = db.execute(
        "SELECT receipt, run, at FROM votes WHERE poll_id = ? AND vote_id = ? AND device = ?",
        (poll_id, vote_id, device),
    ).fetchone()
    return None if row is None else Receipt(row[0], poll_id, row[1], row[2])


def _settle(settle: Settle, outcomes: list[Outcome]) -> None:
    try:
        settle(outcomes)
    except Exception:  # a caller's bug must not stop the writer for everyone
        log.exception("settling a batch failed")


def _event(db: sqlite3.Connection, poll_id: str, kind: str, at: float) -> None:
    """A poll event at `at`: when it happened; for a countdown's `deadline`, when it ends."""
    db.execute(
        "INSERT INTO poll_events (poll_id, run, kind, at)"
        " SELECT poll_id, run, ?, ? FROM polls WHERE poll_id = ?",
        (kind, at, poll_id),
    )
