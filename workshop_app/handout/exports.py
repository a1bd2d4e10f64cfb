"""The raw results for organizers: CSV per option, CSV per counted vote, the whole session as JSON.

No device id and no receipt ever leaves the session file through these.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_app.deck import Poll, PollType
from workshop_app.i18n import tr
from workshop_app.session.motion import VERDICT_WORDS
from workshop_app.session.questions import QuestionState, exported
from workshop_app.session.results import TYPE_WORDS, Base, Results, Row
from workshop_app.session.snapshot import SessionSnapshot

JSON_FORMAT = "impuls-session/1"


SHARED = 0o644  # organizers pass these files on; mkstemp's 0600 locked others out


def _write_atomically(path: Path, write: Any, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".impuls-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as file:
            write(file)
        Path(temporary).chmod(SHARED)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


OPTION_COLUMNS = ["poll", "question", "type", "option", "phone_votes", "hands", "total",
                  "percent", "percent_base", "base_count", "place", "correct",
                  "right_percent", "verdict", "outcome"]  # fmt: skip
VOTE_COLUMNS = ["poll", "run", "time_utc", "choice", "answer", "state"]
QUESTION_COLUMNS = ["place", "question", "name", "state", "upvotes", "asked_utc"]

# A spreadsheet's columns and values in words of the export's language (`--excel`).
# The plain CSV keeps the names above, which programs read.
HEADINGS = {
    "poll": "export.column.poll",
    "question": "export.column.question",
    "type": "export.column.type",
    "option": "export.column.option",
    "phone_votes": "export.column.phone_votes",
    "hands": "export.column.hands",
    "total": "export.column.total",
    "percent": "export.column.percent",
    "percent_base": "export.column.percent_base",
    "base_count": "export.column.base_count",
    "place": "export.column.place",
    "correct": "export.column.correct",
    "right_percent": "export.column.right_percent",
    "verdict": "motion.column.verdict",
    "outcome": "motion.column.outcome",
    "run": "export.column.run",
    "time_utc": "export.column.time_utc",
    "answer": "export.column.answer",
    "state": "export.column.state",
    "name": "export.column.name",
    "upvotes": "export.column.upvotes",
    "asked_utc": "export.column.asked_utc",
}
BASE_WORDS = {
    Base.VOTES: "export.base.votes",
    Base.VOTERS: "export.base.voters",
    Base.POINTS: "export.base.points",
    Base.ANSWERS: "export.base.answers",
    Base.APPROVED: "export.base.approved",
}
STATE_WORDS = {
    "pending": "export.state.pending",
    "approved": "export.state.approved",
    "hidden": "export.state.hidden",
    "answered": "export.state.answered",
}


def _heading(columns: list[str], lang: str | None) -> list[object]:
    return [tr(HEADINGS[c], lang) if lang else c for c in columns]


def _state(state: str, lang: str | None) -> str:
    return tr(STATE_WORDS[state], lang) if lang and state in STATE_WORDS else state


def _time(at: float, lang: str | None) -> str:
    """ISO 8601 for programs; for a spreadsheet without the "T" and the zone (the column
    says UTC), which Excel and LibreOffice read as a date and time in every locale."""
    when = datetime.fromtimestamp(at, UTC)
    return when.strftime("%Y-%m-%d %H:%M:%S") if lang else when.isoformat(timespec="seconds")


def option_rows(snapshot: SessionSnapshot, lang: str | None = None) -> Iterable[list[object]]:
    """One row per answer (per value of a scale), in the deck's order, with the base of
    its percentage named (see session/results.py) and its place on the chart; for an
    open question one per approved answer (the same words counted together), the most
    given first, as a share of the approved answers. Never a hidden or unapproved one.

    `lang`: the headings, the poll types and the bases in words of that language, for a
    spreadsheet; None: the column names and values programs read (docs/exports.md)."""
    yield _heading(OPTION_COLUMNS, lang)
    for poll in snapshot.deck.polls:
        counted = snapshot.results.get(poll.id)
        if counted is None:
            continue
        shown = Results.of(poll, counted, cards=snapshot.cards.get(poll.id))
        kind = tr(TYPE_WORDS[poll.type], lang) if lang else poll.type.value
        if poll.type is PollType.TEXT:
            rows, basis = shown.approved_rows(), Base.APPROVED
            base_count = sum(row.total for row in rows)
        else:
            rows, basis, base_count = shown.by_index(), shown.base, shown.base_count
        base = tr(BASE_WORDS[basis], lang) if lang else basis.value
        for row in rows:
            option: object = int(row.key) if poll.type is PollType.SCALE else row.label
            yield [poll.id, poll.question, kind, option, row.phones, row.hands,
                   row.total, shown.share(row), base, base_count, row.place,
                   *quiz_cells(shown, row, lang), *motion_cells(shown, lang)]  # fmt: skip


def quiz_cells(shown: Results, row: Row, lang: str | None) -> tuple[object, object]:
    """The `correct` and `right_percent` cells of an answer's row: for a quiz question,
    whether the answer is right, and the share of phones that were; else empty."""
    if not shown.poll.quiz:
        return "", ""
    word = tr("quiz.csv.correct", lang) if row.correct else ""
    return (word if lang else int(row.correct)), shown.right_percent


def motion_cells(shown: Results, lang: str | None) -> tuple[str, str]:
    """The `verdict` and `outcome` cells of a motion's rows: adopted, rejected, … (in
    words for a spreadsheet) and the sentence with the rule applied; else empty."""
    if shown.motion is None:
        return "", ""
    verdict = shown.motion.verdict
    return (tr(VERDICT_WORDS[verdict], lang) if lang else verdict.value,
            shown.motion.sentence(lang))  # fmt: skip


ANSWERS_APART = " · "  # between the ticked answers of a multiple choice, the places of a ranking


def answer_text(poll: Poll | None, choice: object) -> object:
    """A vote's choice as the voter saw it: the option's text, not its index; the ticked
    options of a multiple choice, a ranking's options in their order ("1. …"), a scale's
    value (a number), an open answer's text. Kept as stored where the deck no longer
    knows the poll or the option (a deck edited after the event)."""
    if poll is None or isinstance(choice, str) or poll.type is PollType.SCALE:
        return choice

    def option(index: object) -> str:
        if isinstance(index, int) and 0 <= index < len(poll.options):
            return poll.options[index]
        return str(index)

    if isinstance(choice, list):
        if poll.type is PollType.RANKING:
            return ANSWERS_APART.join(f"{n}. {option(i)}" for n, i in enumerate(choice, 1))
        return ANSWERS_APART.join(option(i) for i in choice)
    return option(choice)


def vote_rows(snapshot: SessionSnapshot, lang: str | None = None) -> Iterable[list[object]]:
    """Every counted vote (a changed vote only once, as changed), without who cast it.

    The answer in words beside the choice as stored; `lang`: for a spreadsheet, the
    answer in words only (no index), headings and states in that language."""
    polls = {poll.id: poll for poll in snapshot.deck.polls}
    yield _heading([c for c in VOTE_COLUMNS if c != "choice"] if lang else VOTE_COLUMNS, lang)
    for vote in snapshot.counted:
        when = _time(vote.at, lang)
        answer = answer_text(polls.get(vote.poll_id), vote.choice)
        if lang:
            yield [vote.poll_id, vote.run, when, answer, _state(vote.state, lang)]
            continue
        choice = vote.choice if isinstance(vote.choice, str) else json.dumps(vote.choice)
        yield [vote.poll_id, vote.run, when, choice, answer, vote.state]


def question_rows(
    snapshot: SessionSnapshot, lang: str | None = None, *, waiting: bool = False
) -> Iterable[list[object]]:
    """The room's questions in the one order (session/questions.py), without who asked:
    a name only where the asker typed one. Only what the room saw (approved, answered);
    `waiting` (--all-questions) adds those never approved. None the speaker hid or the
    filter held back, ever: a stranger's words the speaker did not let through."""
    yield _heading(QUESTION_COLUMNS, lang)
    listed = exported(snapshot.questions)
    if not waiting:
        listed = [q for q in listed if q.state is not QuestionState.PENDING]
    for place, question in enumerate(listed, start=1):
        yield [place, question.text, question.name or "", _state(question.state.value, lang),
               question.upvotes, _time(question.asked_at, lang)]  # fmt: skip


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe.

    Answers come from strangers' phones: `=HYPERLINK(…)` or `@SUM(…)` must arrive
    in the organizer's spreadsheet as the words they are. Numbers stay numbers.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def write_csv(
    rows: Iterable[list[object]], path: Path, *, excel: bool = False, lang: str = "de"
) -> int:
    """The rows as CSV; `excel`: as Excel in the language `lang` opens it with a double click.

    Excel reads a CSV in the system's code page unless it starts with a byte-order
    mark, and splits columns at the locale's list separator: ";" in German, where it
    reads "66.7" as a date, "," in English. So the Excel variant is UTF-8 with BOM,
    and in German ";" and decimal commas. A plain CSV stays as every other program
    expects it. (Not .xlsx: that would need a library, locked and hashed, for what a
    BOM and a separator already do, and LibreOffice reads this one as it is.)
    """
    decimal = "," if excel and lang == "de" else "."
    materialised = [[_cell(cell, decimal) for cell in row] for row in rows]

    def write(file: Any) -> None:
        delimiter = ";" if excel and lang == "de" else ","
        csv.writer(file, delimiter=delimiter).writerows(materialised)

    _write_atomically(path, write, "utf-8-sig" if excel else "utf-8")
    return len(materialised) - 1


def _cell(cell: object, decimal: str) -> object:
    if isinstance(cell, float):
        return f"{cell}".replace(".", decimal)
    return spreadsheet_safe(cell)


def session_json(snapshot: SessionSnapshot) -> dict[str, Any]:
    """The whole session, documented in docs/exports.md (format "impuls-session/1")."""
    meta = snapshot.deck.meta
    polls = []
    for poll in snapshot.deck.polls:
        counted = snapshot.results.get(poll.id)
        status = snapshot.statuses.get(poll.id)
        entry: dict[str, Any] = {
            "id": poll.id,
            "type": poll.type.value,
            "eligible": poll.eligible.value,
            "majority": poll.majority.value if poll.majority is not None else None,
            "quorum": str(poll.quorum) if poll.quorum is not None else None,
            "question": poll.question,
            "options": list(poll.options),
            "state": status.state.value if status else "draft",
            "revealed": status.revealed if status else False,
            "run": status.run if status else 1,
            "ran": snapshot.ran(poll),
        }
        if counted is not None:
            shown = Results.of(poll, counted, cards=snapshot.cards.get(poll.id))
            entry["results"] = shown.as_json()
        polls.append(entry)
    return {
        "format": JSON_FORMAT,
        "title": meta.title,
        "event": meta.event,
        "date": meta.date,
        "speaker": meta.author,
        "created": snapshot.created,
        "participants": snapshot.participants,
        "ledger_sha256": snapshot.digest,
        "polls": polls,
        "votes": [
            {"poll": v.poll_id, "run": v.run, "at": v.at, "choice": v.choice}
            | ({"state": v.state} if v.state else {})
            for v in snapshot.counted
        ],
        "slides": [{"at": at, "index": index} for at, index in snapshot.slide_times],
        "questions": [
            {
                "text": q.text,
                "name": q.name,
                "state": q.state.value,
                "upvotes": q.upvotes,
                "asked_at": q.asked_at,
            }
            for q in exported(snapshot.questions)
        ],
        "reactions": [
            {"slide": room.slide, "counts": dict(room.counts)} for room in snapshot.reactions
        ],
    }


def write_json(snapshot: SessionSnapshot, path: Path) -> None:
    data = session_json(snapshot)

    def write(file: Any) -> None:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")

    _write_atomically(path, write)
