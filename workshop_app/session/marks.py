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
# A long stroke is kept in parts of at most this many points: one part, as JSON
# (`stroke_json`), stays well within the voting server's 16 KB per request.
MAX_STROKE_POINTS = 600
MAX_STROKES = 200  # per slide: the oldest goes first (a scribble cannot grow memory forever)
# How ink looks, on the projector and in the speaker's notes handout alike.
INK_COLOR = "#e0176b"  # magenta: apart from the themes' text, accent and chart colours
INK_WIDTH = 0.004  # of the slide's width: 8 px on a 1920 projector


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


def stroke_json(stroke: Stroke) -> list[list[float]]:
    """A stroke as JSON: a list of [x, y], rounded to a fifth of a pixel of a 1920 slide."""
    return [[round(p.x, 4), round(p.y, 4)] for p in stroke]


def stroke_from_json(data: object) -> Stroke | None:
    """A stroke from JSON as `stroke_json` writes it; None for anything else."""
    if not isinstance(data, list) or not 0 < len(data) <= MAX_STROKE_POINTS:
        return None
    points = []
    for pair in data:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
        ):
            return None
        point = Point.within(float(pair[0]), float(pair[1]))
        if point is None:
            return None
        points.append(point)
    return tuple(points)
