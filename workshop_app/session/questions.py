"""Questions from the room: asked from phones, upvoted, moderated, put on the screen, kept.

Written by the session's one writer (store.py's group commit), like votes. Every
question and every upvote is a row; taking an upvote back is a new row that
supersedes the phone's earlier one, so a question's count is a COUNT over
current rows, never a number read, changed and written back. An `ask_id` or
`upvote_id` the phone chose makes a retry on flaky Wi-Fi count once.

What the room may see: approved and answered questions. Pending ones (before
the speaker approved them, or held back by the profanity filter) and hidden
ones stay on the laptop; a phone sees its own pending question as "waiting",
never whether the filter or the speaker holds it.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workshop_app.session.model import Change, ChangeKind, StoreError
from workshop_app.session.moderation import is_offensive
from workshop_app.session.text import cap_marks

MAX_TEXT = 280  # a question, not a speech: what fits on the projector in large type
MIN_TEXT = 3
MAX_NAME = 40
QUESTIONS_PER_DEVICE = 10  # in a whole session: a person asks a few, a script thousands


class QuestionState(StrEnum):
    PENDING = "pending"  # new, waiting for the speaker (or held back by the filter)
    APPROVED = "approved"  # on the phones, and on the projector when the speaker chooses
    ANSWERED = "answered"  # still shown, marked answered
    HIDDEN = "hidden"  # never shown again, never printed


class QuestionAction(StrEnum):
    """What the speaker does to a question: the word on the wire and the state it leads to."""

    APPROVE = "approve"
    ANSWER = "answer"
    HIDE = "hide"
    REOPEN = "reopen"  # an answered question back to approved

    @property
    def state(self) -> QuestionState:
        return {
            QuestionAction.APPROVE: QuestionState.APPROVED,
            QuestionAction.ANSWER: QuestionState.ANSWERED,
            QuestionAction.HIDE: QuestionState.HIDDEN,
            QuestionAction.REOPEN: QuestionState.APPROVED,
        }[self]


class Moderation(StrEnum):
    PRE = "pre"  # nothing reaches phones or the projector before the speaker approves it
    POST = "post"  # questions appear at once; the filter still holds suspicious ones back


class Order(StrEnum):
    TOP = "top"  # most upvotes first; answered ones after the open ones
    NEW = "new"  # newest first


PUBLIC = frozenset({QuestionState.APPROVED, QuestionState.ANSWERED})
MODERATION_KEY = "questions_moderation"  # in the session's meta table

TABLES = (
    "CREATE TABLE IF NOT EXISTS questions ("
    " id INTEGER PRIMARY KEY, device TEXT NOT NULL, ask_id TEXT NOT NULL UNIQUE,"
    " text TEXT NOT NULL, name TEXT, state TEXT NOT NULL, flagged INTEGER NOT NULL,"
    " at REAL NOT NULL, answered_at REAL)",
    "CREATE TABLE IF NOT EXISTS upvotes ("
    " id INTEGER PRIMARY KEY, question INTEGER NOT NULL REFERENCES questions (id),"
    " device TEXT NOT NULL, upvote_id TEXT NOT NULL UNIQUE, up INTEGER NOT NULL,"
    " at REAL NOT NULL, superseded INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS upvotes_current ON upvotes (question, superseded, device)",
    # A question's count is read after every upvote: from this index alone, no table rows.
    "CREATE INDEX IF NOT EXISTS upvotes_counted ON upvotes (question, superseded, up)",
    "CREATE INDEX IF NOT EXISTS questions_device ON questions (device)",
)


def add_tables(db: sqlite3.Connection) -> None:
    """Format 1 → 2: the two tables, inside the migration's transaction (no executescript,
    which would commit it)."""
    for statement in TABLES:
        db.execute(statement)


@dataclass(frozen=True)
class Question:
    """One question as every surface shows it: phones, console, projector, paper."""

    id: int
    text: str
    name: str | None
    state: QuestionState
    upvotes: int
    asked_at: float
    flagged: bool = False  # the filter held it back (the console says so)
    upvoted: bool = False  # by the phone asking (only in a phone's list)
    mine: bool = False  # asked by the phone asking (only in a phone's list)

    def as_json(self, *, presenter: bool) -> dict[str, object]:
        shown: dict[str, object] = {
            "id": self.id,
            "text": self.text,
            "name": self.name,
            # a phone never learns that its own question was hidden: it "waits"
            "state": self.state.value if self.state in PUBLIC or presenter else "pending",
            "upvotes": self.upvotes,
            "asked_at": self.asked_at,
        }
        if presenter:
            shown["flagged"] = self.flagged
        else:
            shown["upvoted"], shown["mine"] = self.upvoted, self.mine
        return shown


def question_from_json(data: dict[str, object]) -> Question:
    """A question as the API sends it (the app's console and screens read it back)."""
    name = data.get("name")
    return Question(
        id=int(str(data["id"])),
        text=str(data["text"]),
        name=str(name) if name else None,
        state=QuestionState(str(data["state"])),
        upvotes=int(str(data.get("upvotes", 0))),
        asked_at=float(str(data.get("asked_at", 0.0))),
        flagged=bool(data.get("flagged", False)),
    )


@dataclass(frozen=True)
class Asked:
    """What a phone gets back once its question is on disk."""

    question: int
    state: QuestionState

    def as_json(self) -> dict[str, object]:
        return {"question": self.question, "state": self.state.value}


@dataclass(frozen=True)
class Upvoted:
    question: int
    up: bool
    upvotes: int

    def as_json(self) -> dict[str, object]:
        return {"question": self.question, "up": self.up, "upvotes": self.upvotes}


# ---------------------------------------------------------------- validation

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean_text(value: object, *, most: int, least: int = 0, what: str = "text") -> str:
    """Text from a phone as it may be stored: NFC, one line, no control or direction
    characters, at most three combining marks on a letter (session/text.py), within its
    length; StoreError("invalid_question") otherwise."""
    if not isinstance(value, str):
        raise StoreError("invalid_question", f"{what}: a string")
    try:
        value.encode("utf-8")  # a lone surrogate cannot be stored or printed
    except UnicodeEncodeError:
        raise StoreError("invalid_question", f"{what}: not valid Unicode") from None
    text = " ".join(cap_marks(_CONTROL.sub(" ", unicodedata.normalize("NFC", value))).split())
    if not least <= len(text) <= most:
        raise StoreError("invalid_question", f"{what}: {least} to {most} characters")
    return text


def clean_name(value: object) -> str | None:
    if value is None:
        return None
    name = clean_text(value, most=MAX_NAME, what="name")
    return name or None


# ---------------------------------------------------------------- the writer's work
# Each runs inside the writer's transaction (store.py wraps them as its works): a
# refusal (StoreError) comes before the first write.


def moderation_of(db: sqlite3.Connection) -> Moderation:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (MODERATION_KEY,)).fetchone()
    return Moderation(row[0]) if row and row[0] in set(Moderation) else Moderation.PRE


def ask(
    db: sqlite3.Connection, device: str, ask_id: str, text: str, name: str | None
) -> tuple[Asked, Change | None]:
    """Store a question (text and name cleaned by `clean_text` already)."""
    earlier = db.execute(
        "SELECT id, device, state FROM questions WHERE ask_id = ?", (ask_id,)
    ).fetchone()
    if earlier is not None:  # a retry: the same answer, stored once
        if earlier[1] != device:
            raise StoreError("ask_id_taken", "this ask_id belongs to another question")
        return Asked(earlier[0], QuestionState(earlier[2])), None
    (asked,) = db.execute("SELECT COUNT(*) FROM questions WHERE device = ?", (device,)).fetchone()
    if asked >= QUESTIONS_PER_DEVICE:
        raise StoreError("too_many", f"at most {QUESTIONS_PER_DEVICE} questions per phone")
    flagged = is_offensive(text) or (name is not None and is_offensive(name))
    post = moderation_of(db) is Moderation.POST
    state = QuestionState.APPROVED if post and not flagged else QuestionState.PENDING
    cursor = db.execute(
        "INSERT INTO questions (device, ask_id, text, name, state, flagged, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (device, ask_id, text, name, state.value, flagged, time.time()),
    )
    question = int(cursor.lastrowid or 0)
    return Asked(question, state), Change(ChangeKind.QUESTIONS, None, {"public": state in PUBLIC})


def upvote(
    db: sqlite3.Connection, device: str, question: int, upvote_id: str, up: bool
) -> tuple[Upvoted, Change | None]:
    """The phone's upvote of a shown question, or its taking back (`up` False)."""
    earlier = db.execute(
        "SELECT question, device, up FROM upvotes WHERE upvote_id = ?", (upvote_id,)
    ).fetchone()
    if earlier is not None:
        if (earlier[0], earlier[1]) != (question, device):
            raise StoreError("upvote_id_taken", "this upvote_id belongs to another upvote")
        return Upvoted(question, bool(earlier[2]), upvote_count(db, question)), None
    row = db.execute("SELECT state FROM questions WHERE id = ?", (question,)).fetchone()
    if row is None or row[0] not in PUBLIC:  # pending and hidden ones cannot be seen
        raise StoreError("unknown_question", str(question))
    db.execute(
        "UPDATE upvotes SET superseded = 1 WHERE question = ? AND device = ? AND superseded = 0",
        (question, device),
    )
    db.execute(
        "INSERT INTO upvotes (question, device, upvote_id, up, at) VALUES (?, ?, ?, ?, ?)",
        (question, device, upvote_id, up, time.time()),
    )
    count = upvote_count(db, question)
    return Upvoted(question, up, count), Change(ChangeKind.QUESTIONS, None, {"public": True})


def upvote_count(db: sqlite3.Connection, question: int) -> int:
    (count,) = db.execute(
        "SELECT COUNT(*) FROM upvotes WHERE question = ? AND superseded = 0 AND up = 1",
        (question,),
    ).fetchone()
    return int(count)


def act(
    db: sqlite3.Connection, question: int, action: QuestionAction
) -> tuple[QuestionState, Change]:
    """The speaker approves, hides, marks answered or reopens a question."""
    row = db.execute("SELECT state FROM questions WHERE id = ?", (question,)).fetchone()
    if row is None:
        raise StoreError("unknown_question", str(question))
    before, after = QuestionState(row[0]), action.state
    db.execute(
        "UPDATE questions SET state = ?, answered_at = ? WHERE id = ?",
        (after.value, time.time() if after is QuestionState.ANSWERED else None, question),
    )
    public = before in PUBLIC or after in PUBLIC
    return after, Change(ChangeKind.QUESTIONS, None, {"public": public, "question": question})


def set_moderation(db: sqlite3.Connection, mode: Moderation) -> tuple[Moderation, Change]:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (MODERATION_KEY, mode.value))
    return mode, Change(ChangeKind.QUESTIONS, None, {"public": False, "moderation": mode.value})


# ---------------------------------------------------------------- reading


def read_questions(
    db: sqlite3.Connection,
    *,
    device: str | None = None,
    everything: bool = False,
    order: Order = Order.TOP,
) -> list[Question]:
    """The questions a reader may see, in `order`.

    `everything`: the speaker's view (every state). Else the room's (approved and
    answered), plus, for `device`, its own questions that still wait.
    """
    if not _has_tables(db):
        return []  # a format-1 file opened read-only (the handout of an old session)
    where = "" if everything else "WHERE q.state IN ('approved', 'answered') OR q.device = ?"
    params: tuple[object, ...] = (device or "", device or "")
    if not everything:
        params += (device or "",)
    rows = db.execute(
        "SELECT q.id, q.text, q.name, q.state, q.at, q.flagged, q.device = ?,"
        " (SELECT COUNT(*) FROM upvotes u WHERE u.question = q.id AND u.superseded = 0"
        "  AND u.up = 1),"
        " EXISTS (SELECT 1 FROM upvotes u WHERE u.question = q.id AND u.superseded = 0"
        "  AND u.up = 1 AND u.device = ?)"
        f" FROM questions q {where}",
        params,
    ).fetchall()
    questions = [
        Question(int(i), str(text), name, QuestionState(state), int(n), float(at), bool(flag),
                 upvoted=bool(up) and device is not None, mine=bool(mine) and device is not None)
        for i, text, name, state, at, flag, mine, n, up in rows
    ]  # fmt: skip
    return ranked(questions, order)


def ranked(questions: Iterable[Question], order: Order = Order.TOP) -> list[Question]:
    """The one order every surface uses: open questions by upvotes (earlier first on a
    tie), answered ones after them; or simply the newest first."""
    if order is Order.NEW:
        return sorted(questions, key=lambda q: (-q.asked_at, -q.id))
    return sorted(
        questions,
        key=lambda q: (q.state is QuestionState.ANSWERED, -q.upvotes, q.asked_at, q.id),
    )


def _has_tables(db: sqlite3.Connection) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'questions'"
        ).fetchone()
    )


def public(questions: Sequence[Question]) -> list[Question]:
    """What the room may see, in the order given: also what the handout prints."""
    return [q for q in questions if q.state in PUBLIC]


def exported(questions: Sequence[Question]) -> list[Question]:
    """What the CSV and JSON carry: all but what the speaker hid or the filter held back."""
    return [
        q for q in questions
        if q.state in PUBLIC or (q.state is QuestionState.PENDING and not q.flagged)
    ]  # fmt: skip


def ledger_lines(db: sqlite3.Connection) -> Iterable[str]:
    """The questions' part of the ledger digest (snapshot.ledger_digest): no device ids."""
    if not _has_tables(db):
        return []
    return [
        row[0]
        for query in (
            "SELECT printf('question|%d|%s|%s|%s|%d|%.6f|%s', id, text, COALESCE(name, ''),"
            " state, flagged, at, COALESCE(printf('%.6f', answered_at), ''))"
            " FROM questions ORDER BY id",
            "SELECT printf('upvote|%d|%d|%d|%.6f|%d', id, question, up, at, superseded)"
            " FROM upvotes ORDER BY id",
        )
        for row in db.execute(query)
    ]
