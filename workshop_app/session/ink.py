"""The speaker's ink per slide, kept in the session file for the talk and its handout.

A row per finished stroke (JSON, as `marks.stroke_json` writes it); erasing a
slide deletes its rows. So a restarted app, the handout and the exports read the
ink as the room saw it last. The table is made with the others when the keeper
opens the file; a file of an earlier Impuls, which never had ink, reads as none.
"""

from __future__ import annotations

import json
import sqlite3
import time

from workshop_app.session.marks import MAX_STROKES, Stroke, stroke_from_json

TABLE = (
    "CREATE TABLE IF NOT EXISTS ink ("
    " id INTEGER PRIMARY KEY, slide INTEGER NOT NULL, stroke TEXT NOT NULL, at REAL NOT NULL)"
)


def add_stroke(db: sqlite3.Connection, slide: int, stroke: str) -> None:
    db.execute("INSERT INTO ink (slide, stroke, at) VALUES (?, ?, ?)", (slide, stroke, time.time()))


def erase(db: sqlite3.Connection, slide: int) -> None:
    db.execute("DELETE FROM ink WHERE slide = ?", (slide,))


def read_ink(db: sqlite3.Connection) -> dict[int, tuple[Stroke, ...]]:
    """Every slide's strokes in the order drawn (its last MAX_STROKES), by slide index."""
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ink'"
    ).fetchone():
        return {}
    found: dict[int, list[Stroke]] = {}
    for slide, text in db.execute("SELECT slide, stroke FROM ink ORDER BY id"):
        try:
            stroke = stroke_from_json(json.loads(text))
        except ValueError:
            stroke = None  # a row no Impuls wrote: left out, never fatal for a handout
        if stroke is not None:
            found.setdefault(int(slide), []).append(stroke)
    return {slide: tuple(strokes[-MAX_STROKES:]) for slide, strokes in found.items()}
