"""Results of a poll run, counted in SQL from the committed rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workshop_app.deck import Poll, PollType
from workshop_app.session.model import AnswerState, PollStatus

if TYPE_CHECKING:
    from workshop_app.session.results import Results


@dataclass(frozen=True)
class Answer:
    id: int
    text: str
    state: AnswerState


@dataclass(frozen=True)
class Tally:
    poll_id: str
    run: int
    digital: tuple[int, ...]  # per option: votes (points for a ranking) from phones
    hands: tuple[int, ...]  # per option: the latest show of hands, zeros if none
    ballots: int  # counted (current) ballots
    devices: int  # distinct phones behind them
    values: dict[int, int] = field(default_factory=dict)  # scale: value → count
    answers: tuple[Answer, ...] = ()
    right: int = 0  # a quiz question's ballots that chose its right answer, all of it

    @property
    def total(self) -> tuple[int, ...]:
        return tuple(d + h for d, h in zip(self.digital, self.hands, strict=True))

    @property
    def median(self) -> float | None:
        ordered = [v for v, n in sorted(self.values.items()) for _ in range(n)]
        if not ordered:
            return None
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return float(ordered[middle])
        return (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def mean(self) -> float | None:
        count = sum(self.values.values())
        return sum(v * n for v, n in self.values.items()) / count if count else None


@dataclass(frozen=True)
class PollResults:
    """A poll as the session has it now: its state and, once counted, its results."""

    status: PollStatus
    tally: Tally | None = None
    # The one results model of `tally`, made once when the counts arrive (the app's
    # tally event) rather than on every paint; None where nobody made it yet.
    results: Results | None = None

    def results_for(self, poll: Poll) -> Results | None:
        """The results of `poll` as every surface prints them: those made on arrival
        while the deck's poll is still the one they were made for (a deck edited live
        may have changed its answers), else made now."""
        from workshop_app.session.results import Results

        if self.tally is None:
            return None
        if self.results is not None and self.results.poll == poll:
            return self.results
        cards = self.results.cards if self.results is not None else None
        return Results.of(poll, self.tally, cards=cards)

    @property
    def shown(self) -> bool:
        """The room sees the results (the speaker revealed them)."""
        return self.status.revealed and self.tally is not None


def tally_from_json(data: Mapping[str, Any]) -> Tally:
    """The counts back from `Results.as_json`, for clients of the API (the app, tests)."""
    return Tally(
        poll_id=str(data["poll"]),
        run=int(data["run"]),
        digital=tuple(int(n) for n in data["digital"]),
        hands=tuple(int(n) for n in data["analog"]),
        ballots=int(data["ballots"]),
        devices=int(data["devices"]),
        values={int(k): int(v) for k, v in data.get("values", {}).items()},
        answers=tuple(
            Answer(int(a["id"]), str(a["text"]), AnswerState(a["state"]))
            for a in data.get("answers", [])
        ),
        right=int(data.get("right") or 0),
    )


def tally(db: sqlite3.Connection, poll: Poll, run: int) -> Tally:
    current = "poll_id = ? AND run = ? AND superseded = 0"
    ballots, devices = db.execute(
        f"SELECT COUNT(*), COUNT(DISTINCT device) FROM votes WHERE {current}", (poll.id, run)
    ).fetchone()
    digital = [0] * len(poll.options)
    for option, points in db.execute(
        "SELECT i.option, SUM(i.points) FROM vote_items i JOIN votes v ON v.id = i.vote"
        " WHERE v.poll_id = ? AND v.run = ? AND v.superseded = 0 GROUP BY i.option",
        (poll.id, run),
    ):
        if 0 <= option < len(digital):
            digital[option] = int(points)
    hands = [0] * len(poll.options)
    row = db.execute(
        "SELECT counts FROM hands WHERE poll_id = ? AND run = ? ORDER BY id DESC LIMIT 1",
        (poll.id, run),
    ).fetchone()
    if row is not None:
        for index, count in enumerate(json.loads(row[0])[: len(hands)]):
            hands[index] = int(count)
    values: dict[int, int] = {}
    answers: tuple[Answer, ...] = ()
    if poll.type is PollType.SCALE:
        values = dict(
            db.execute(
                f"SELECT value, COUNT(*) FROM votes WHERE {current} GROUP BY value", (poll.id, run)
            ).fetchall()
        )
    if poll.type is PollType.TEXT:
        answers = tuple(
            Answer(i, t, AnswerState(s))
            for i, t, s in db.execute(
                f"SELECT id, text, answer_state FROM votes WHERE {current} ORDER BY id",
                (poll.id, run),
            )
        )
    right = right_ballots(db, poll, run) if poll.quiz else 0
    return Tally(
        poll.id, run, tuple(digital), tuple(hands), ballots, devices, values, answers, right
    )


def right_ballots(db: sqlite3.Connection, poll: Poll, run: int) -> int:
    """The current ballots of `run` whose options are exactly the quiz's right answers."""
    marks = ", ".join("?" * len(poll.correct))
    (right,) = db.execute(
        "SELECT COUNT(*) FROM (SELECT v.id FROM votes v JOIN vote_items i ON i.vote = v.id"
        " WHERE v.poll_id = ? AND v.run = ? AND v.superseded = 0 GROUP BY v.id"
        f" HAVING COUNT(*) = ? AND SUM(i.option IN ({marks})) = ?)",
        (poll.id, run, len(poll.correct), *poll.correct, len(poll.correct)),
    ).fetchone()
    return int(right)
