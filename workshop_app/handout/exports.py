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

from workshop_app.deck import PollType
from workshop_app.session.questions import exported
from workshop_app.session.results import Results
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
                  "percent", "percent_base", "base_count", "place"]  # fmt: skip


def option_rows(snapshot: SessionSnapshot) -> Iterable[list[object]]:
    """One row per answer (per value of a scale), in the deck's order, with the base of
    its percentage named (see session/results.py) and its place on the chart."""
    yield list(OPTION_COLUMNS)
    for poll in snapshot.deck.polls:
        counted = snapshot.results.get(poll.id)
        if counted is None or poll.type is PollType.TEXT:
            continue  # answers are in the votes CSV and the JSON; no options to count
        shown = Results.of(poll, counted)
        for row in shown.by_index():
            option: object = int(row.key) if poll.type is PollType.SCALE else row.label
            yield [poll.id, poll.question, poll.type.value, option, row.phones, row.hands,
                   row.total, round(row.share, 1), shown.base.value, shown.base_count,
                   row.place]  # fmt: skip


def vote_rows(snapshot: SessionSnapshot) -> Iterable[list[object]]:
    """Every counted vote (a changed vote only once, as changed), without who cast it."""
    yield ["poll", "run", "time_utc", "choice", "state"]
    for vote in snapshot.counted:
        when = datetime.fromtimestamp(vote.at, UTC).isoformat(timespec="seconds")
        choice = vote.choice if isinstance(vote.choice, str) else json.dumps(vote.choice)
        yield [vote.poll_id, vote.run, when, choice, vote.state]


QUESTION_COLUMNS = ["place", "question", "name", "state", "upvotes", "asked_utc"]


def question_rows(snapshot: SessionSnapshot) -> Iterable[list[object]]:
    """The room's questions in the one order (session/questions.py), without who asked:
    a name only where the asker typed one; none the speaker hid or the filter held back."""
    yield list(QUESTION_COLUMNS)
    for place, question in enumerate(exported(snapshot.questions), start=1):
        asked = datetime.fromtimestamp(question.asked_at, UTC).isoformat(timespec="seconds")
        yield [place, question.text, question.name or "", question.state.value,
               question.upvotes, asked]  # fmt: skip


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


def write_csv(rows: Iterable[list[object]], path: Path, *, excel: bool = False) -> int:
    """The rows as CSV; `excel`: as a German Excel opens it with a double click.

    Excel reads a CSV in the system's code page unless it starts with a byte-order
    mark, and splits columns at the locale's list separator (";" in German) and reads
    "66.7" as a date there. So the Excel variant is UTF-8 with BOM, ";" and decimal
    commas. A plain CSV stays as every other program expects it. (Not .xlsx: that
    would need a library for what a BOM and a separator already do.)
    """
    materialised = [[_cell(cell, excel) for cell in row] for row in rows]

    def write(file: Any) -> None:
        csv.writer(file, delimiter=";" if excel else ",").writerows(materialised)

    _write_atomically(path, write, "utf-8-sig" if excel else "utf-8")
    return len(materialised) - 1


def _cell(cell: object, excel: bool) -> object:
    if excel and isinstance(cell, float):
        return f"{cell}".replace(".", ",")
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
            "question": poll.question,
            "options": list(poll.options),
            "state": status.state.value if status else "draft",
            "revealed": status.revealed if status else False,
            "run": status.run if status else 1,
            "ran": snapshot.ran(poll),
        }
        if counted is not None:
            entry["results"] = Results.of(poll, counted).as_json()
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
    }


def write_json(snapshot: SessionSnapshot, path: Path) -> None:
    data = session_json(snapshot)

    def write(file: Any) -> None:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")

    _write_atomically(path, write)
