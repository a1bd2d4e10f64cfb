"""Reactions from the room, counted per slide: the counts alone, never who tapped.

The voting server's keeper gathers taps in memory and adds them here once a second
at most (voting/room_reactions.py), one statement per slide and emoji, counted in SQL. A
file from before reactions gets the table when it is opened: it adds a table and
changes none, so the format stays 2 (an older Impuls reads such a file as it was).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

TABLE = (
    "CREATE TABLE IF NOT EXISTS reactions ("
    " slide INTEGER NOT NULL, emoji TEXT NOT NULL, count INTEGER NOT NULL,"
    " PRIMARY KEY (slide, emoji))"
)


@dataclass(frozen=True)
class SlideReactions:
    """One slide's reactions: each emoji's count, in the deck's order."""

    slide: int
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def add(db: sqlite3.Connection, slide: int, taps: Mapping[str, int]) -> None:
    """Add taps to `slide`'s counts, counted in SQL."""
    db.executemany(
        "INSERT INTO reactions (slide, emoji, count) VALUES (?, ?, ?)"
        " ON CONFLICT (slide, emoji) DO UPDATE SET count = count + excluded.count",
        [(slide, emoji, count) for emoji, count in taps.items()],
    )


def read(db: sqlite3.Connection, order: tuple[str, ...] = ()) -> tuple[SlideReactions, ...]:
    """Every slide that got reactions, in slide order; emoji in `order` first."""
    try:
        rows = db.execute("SELECT slide, emoji, count FROM reactions ORDER BY slide").fetchall()
    except sqlite3.OperationalError:  # a read-only file from before reactions
        return ()
    by_slide: dict[int, dict[str, int]] = {}
    for slide, emoji, count in rows:
        if int(count) > 0:
            by_slide.setdefault(int(slide), {})[str(emoji)] = int(count)
    rank = {emoji: place for place, emoji in enumerate(order)}
    return tuple(
        SlideReactions(slide, tuple(sorted(counts.items(),
                                           key=lambda item: rank.get(item[0], len(rank)))))
        for slide, counts in by_slide.items()
    )  # fmt: skip


@dataclass(frozen=True)
class Burst:
    """The room's taps on one slide since the last event, and the slide's totals."""

    slide: int
    taps: dict[str, int]
    totals: dict[str, int]

    @classmethod
    def from_event(cls, data: dict[str, object]) -> Burst:
        """A `reactions` event's data (voting/messages.py `Event.REACTIONS`)."""
        return cls(int(str(data["slide"])), _counts(data.get("burst")), _counts(data.get("totals")))


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, int) and v > 0}
