"""The quiz: phones' nicknames and the standings, as every surface prints them.

A poll with `correct:` is a quiz question (deck/polls.py); a phone's current ballot
on it is right when it chose exactly the right answers (counted in
SQL by `tally.right_ballots`). A right answer earns one point. With the deck's
`quiz_speed: true` it earns up to one more, for speed: the whole bonus at once
after the poll opened, none after SPEED_SECONDS (Kahoot's complaint: speed and
forced names put older members off, so both are the speaker's choice).

A nickname is optional. It is checked as a question's name is (`clean_name`:
NFC, one line, no control or direction characters, capped marks and length), an
offensive one is not kept (the phone stays "Gast"), and it lives only in the
session file, printed only by a ```leaderboard block that shows names.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_app.deck import Poll
from workshop_app.i18n import number, tr
from workshop_app.session.moderation import is_offensive

SPEED_SECONDS = 30.0  # a right answer after this long earns no speed bonus

TABLES = (
    "CREATE TABLE IF NOT EXISTS nicknames ("
    " device TEXT PRIMARY KEY, name TEXT NOT NULL, at REAL NOT NULL)",
)


def set_nickname(db: sqlite3.Connection, device: str, name: str | None) -> None:
    """Keep a phone's nickname (cleaned already); an offensive one is dropped, and the
    phone is a guest again. No name given: the one it had stays."""
    if name is None:
        return
    if is_offensive(name):
        db.execute("DELETE FROM nicknames WHERE device = ?", (device,))
        return
    db.execute("INSERT OR REPLACE INTO nicknames VALUES (?, ?, ?)", (device, name, time.time()))


@dataclass(frozen=True)
class Standing:
    place: int  # phones with as many points share a place ("1, 1, 3")
    name: str | None  # the nickname; None: a guest (or names are not shown)
    points: float
    right: int  # right answers

    def shown_name(self, lang: str | None = None) -> str:
        return self.name or tr("quiz.guest", lang)


@dataclass(frozen=True)
class Standings:
    """The quiz so far: every phone that answered a quiz question, best first."""

    rows: tuple[Standing, ...]
    most: float  # the points a phone could have so far
    speed: bool  # points carry a speed bonus (then with one decimal place)

    @property
    def phones(self) -> int:
        return len(self.rows)

    @property
    def average(self) -> float:
        return sum(row.points for row in self.rows) / len(self.rows) if self.rows else 0.0

    def points_text(self, points: float, lang: str | None = None) -> str:
        """ "3 Punkte", "1 Punkt", with speed "2,4 Punkte"."""
        if self.speed:
            return tr("quiz.points", lang, count=number(points, 1, lang))
        return tr("quiz.points", lang, count=round(points))

    def lines(self, count: int, lang: str | None = None) -> list[tuple[str, str, str]]:
        """The top `count` places as (place, name, points), as every surface prints them."""
        return [(f"{row.place}.", row.shown_name(lang), self.points_text(row.points, lang))
                for row in self.rows[:count]]  # fmt: skip

    def average_note(self, lang: str | None = None) -> str:
        """The room's average, no names: "Im Schnitt 2,5 von 4 Punkten · 12 Handys"."""
        return tr("quiz.average", lang, points=number(self.average, 1, lang),
                  most=number(self.most, 0, lang), count=self.phones)  # fmt: skip

    def as_json(self, *, names: bool, lang: str | None = None) -> dict[str, object]:
        return {
            "rows": [
                {"place": r.place, "name": r.name if names else None, "points": r.points,
                 "right": r.right}
                for r in self.rows
            ],
            "most": self.most,
            "speed": self.speed,
        }  # fmt: skip


def standings_from_json(data: dict[str, object]) -> Standings:
    """The standings back from `Standings.as_json` (the app reads the server's)."""
    rows = data.get("rows")
    return Standings(
        rows=tuple(
            Standing(int(r["place"]), str(r["name"]) if r.get("name") else None,
                     float(r["points"]), int(r["right"]))
            for r in (rows if isinstance(rows, list) else [])
        ),
        most=float(str(data.get("most", 0))),
        speed=bool(data.get("speed", False)),
    )  # fmt: skip


def standings(db: sqlite3.Connection, polls: Sequence[Poll], *, speed: bool) -> Standings:
    """Every phone's points over the quiz questions' current runs, read from the rows."""
    quiz = [poll for poll in polls if poll.quiz]
    points: dict[str, float] = defaultdict(float)
    right: dict[str, int] = defaultdict(int)
    asked = 0
    for poll in quiz:
        row = db.execute("SELECT run FROM polls WHERE poll_id = ?", (poll.id,)).fetchone()
        if row is None:
            continue
        run = int(row[0])
        voters = [d for (d,) in db.execute(
            "SELECT DISTINCT device FROM votes WHERE poll_id = ? AND run = ? AND superseded = 0",
            (poll.id, run))]  # fmt: skip
        if not voters:
            continue
        asked += 1
        for device in voters:
            points[device] += 0.0  # a phone that answered is on the board, right or not
        marks = ", ".join("?" * len(poll.correct))
        for device, seconds in db.execute(
            "SELECT v.device, v.at - COALESCE((SELECT MIN(e.at) FROM poll_events e"
            " WHERE e.poll_id = v.poll_id AND e.run = v.run AND e.kind = 'open'), v.at)"
            " FROM votes v JOIN vote_items i ON i.vote = v.id"
            " WHERE v.poll_id = ? AND v.run = ? AND v.superseded = 0 GROUP BY v.id"
            f" HAVING COUNT(*) = ? AND SUM(i.option IN ({marks})) = ?",
            (poll.id, run, len(poll.correct), *poll.correct, len(poll.correct)),
        ):
            bonus = max(0.0, 1 - float(seconds) / SPEED_SECONDS) if speed else 0.0
            points[device] += 1 + bonus
            right[device] += 1
    names = _nicknames(db)
    # Ties: more right answers first, then named phones by name, guests last.
    ordered = sorted(points, key=lambda d: (-points[d], -right[d], d not in names,
                                            names.get(d, ""), d))  # fmt: skip
    rows: list[Standing] = []
    for device in ordered:
        same = rows and round(rows[-1].points, 6) == round(points[device], 6)
        place = rows[-1].place if same else len(rows) + 1
        rows.append(Standing(place, names.get(device), points[device], right[device]))
    return Standings(tuple(rows), float(asked * (2 if speed else 1)), speed)


def _nicknames(db: sqlite3.Connection) -> dict[str, str]:
    if not db.execute(  # a session file from before the quiz has none
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'nicknames'"
    ).fetchone():
        return {}
    return {str(device): str(name) for device, name in db.execute(
        "SELECT device, name FROM nicknames")}  # fmt: skip
