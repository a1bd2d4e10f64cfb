"""What the speaker puts on the room's slide: the laser dot, a zoomed region, ink.

Everything is in fractions of the slide (0..1 across, 0..1 down), never in pixels:
the console, the audience window, the remote's picture and the handout show the
slide at different sizes and letterboxes, and each maps the same marks onto its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

MIN_ZOOM = 0.25  # the smallest region one may zoom into: four times, still sharp
MAX_STROKE_POINTS = 2_000  # a long stroke is ended and the next one begun
MAX_STROKES = 200  # per slide: the oldest goes first (a scribble cannot grow memory forever)
MAX_INK_JSON = 400_000  # one slide's strokes as JSON, for the server (bounded, like the rest)


class Tool(StrEnum):
    """What the mouse on the console's current slide does."""

    NONE = "none"  # clicks go forward and back
    LASER = "laser"  # a dot on the projector follows the mouse
    DRAW = "draw"  # a drag draws ink on the slide
    ZOOM = "zoom"  # a drag chooses the region the room sees large


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float

    @classmethod
    def within(cls, x: float, y: float) -> Point | None:
        """A point on the slide, or None for anything else (off the slide, NaN)."""
        if not (math.isfinite(x) and math.isfinite(y)) or not (0 <= x <= 1 and 0 <= y <= 1):
            return None
        return cls(x, y)


Stroke = tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Zoom:
    """A square share of the slide (the slide's own aspect): `size` of its width and height."""

    left: float
    top: float
    size: float

    @classmethod
    def around(cls, a: Point, b: Point) -> Zoom:
        """The region a drag from `a` to `b` chose: enlarged to at least MIN_ZOOM and
        to the slide's aspect, centred on the drag, and kept on the slide."""
        size = min(1.0, max(abs(b.x - a.x), abs(b.y - a.y), MIN_ZOOM))
        middle_x, middle_y = (a.x + b.x) / 2, (a.y + b.y) / 2
        left = min(max(middle_x - size / 2, 0.0), 1.0 - size)
        top = min(max(middle_y - size / 2, 0.0), 1.0 - size)
        return cls(left, top, size)

    def shows(self, point: Point) -> Point | None:
        """Where `point` of the slide lies in the zoomed view, or None when outside it."""
        return Point.within((point.x - self.left) / self.size, (point.y - self.top) / self.size)


def strokes_json(strokes: tuple[Stroke, ...]) -> list[list[list[float]]]:
    """Strokes as JSON: lists of [x, y], rounded to a tenth of a pixel of a 1920 slide."""
    return [[[round(p.x, 5), round(p.y, 5)] for p in stroke] for stroke in strokes]


def strokes_from_json(data: object) -> tuple[Stroke, ...]:
    """Strokes from JSON as `strokes_json` writes them; anything else is left out."""
    if not isinstance(data, list):
        return ()
    strokes: list[Stroke] = []
    for stroke in data[-MAX_STROKES:]:
        if not isinstance(stroke, list):
            continue
        points = []
        for pair in stroke[:MAX_STROKE_POINTS]:
            if (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
                and (point := Point.within(float(pair[0]), float(pair[1]))) is not None
            ):
                points.append(point)
        if points:
            strokes.append(tuple(points))
    return tuple(strokes)
