"""The speaker's marks as plain state: a stroke kept in bounded parts, a zoom kept on
the slide, and JSON from outside taken only in the form the app writes it."""

from __future__ import annotations

import itertools
import json
import math

from tests.support.decks import deck
from workshop_app.session.marks import (
    MAX_STROKE_POINTS,
    MIN_ZOOM,
    Point,
    Zoom,
    stroke_from_json,
    stroke_json,
)
from workshop_app.session.presentation_state import Change, PresentationState

TALK = "# Eins\n\n---\n\n# Zwei\n"


def test_a_long_stroke_is_kept_in_bounded_parts_that_join() -> None:
    state = PresentationState(deck(TALK))
    kept: list[object] = []
    state.subscribe(lambda change: kept.append(state.inked) if change is Change.INK else None)
    points = [Point(n / 1500, 0.5) for n in range(1500)]
    state.draw(points[0], new_stroke=True)
    for point in points[1:]:
        state.draw(point)
    state.end_stroke()
    strokes = state.ink_on(0)
    assert [len(s) for s in strokes] == [MAX_STROKE_POINTS, MAX_STROKE_POINTS, 302]
    assert all(a[-1] == b[0] for a, b in itertools.pairwise(strokes))  # no gap
    assert kept == [(0, stroke) for stroke in strokes]  # each part once, for the session
    assert all(len(json_text(s)) < 16 * 1024 for s in strokes)  # within a request's size


def test_turning_the_slide_keeps_a_stroke_under_way() -> None:
    state = PresentationState(deck(TALK))
    state.draw(Point(0.1, 0.1), new_stroke=True)
    state.draw(Point(0.2, 0.2))
    state.next()
    assert state.inked == (0, (Point(0.1, 0.1), Point(0.2, 0.2)))
    state.draw(Point(0.5, 0.5))  # on the new slide, a new stroke
    assert state.ink_on(1) == ((Point(0.5, 0.5),),)


def test_a_zoom_is_at_least_min_zoom_and_stays_on_the_slide() -> None:
    assert Zoom.around(Point(0.9, 0.9), Point(0.95, 0.92)) == Zoom(1 - MIN_ZOOM, 1 - MIN_ZOOM,
                                                                   MIN_ZOOM)  # fmt: skip
    assert Zoom.around(Point(0.0, 0.0), Point(1.0, 0.2)) == Zoom(0.0, 0.0, 1.0)
    region = Zoom.around(Point(0.2, 0.3), Point(0.6, 0.5))
    assert math.isclose(region.size, 0.4) and region.shows(Point(0.4, 0.4)) == Point(0.5, 0.5)


def test_only_the_app_s_own_form_of_a_stroke_is_read() -> None:
    stroke = (Point(0.1, 0.2), Point(0.3, 0.4))
    assert stroke_from_json(stroke_json(stroke)) == stroke
    for hostile in (
        [],
        "0.1,0.2",
        [[0.1]],
        [[0.1, 0.2, 0.3]],
        [[True, 0.2]],
        [[0.1, float("nan")]],
        [[0.1, 1.5]],
        [[0.5, 0.5]] * (MAX_STROKE_POINTS + 1),
        [{"x": 0.1, "y": 0.2}],
    ):
        assert stroke_from_json(hostile) is None, hostile


def json_text(stroke: tuple[Point, ...]) -> str:
    return json.dumps({"stroke": stroke_json(stroke)})
