"""The handout's charts as reportlab draws them, read back from their shapes."""

from __future__ import annotations

from itertools import pairwise

import pytest
from reportlab.graphics.shapes import String

from workshop_app.deck.themes import load_theme
from workshop_app.handout.charts import participation_chart

WIDTH = 480.0


def axis_words(span_seconds: float) -> list[tuple[float, str]]:
    """Where the participation chart's axis says what, left to right."""
    times = [1_800_000_000.0 + span_seconds * k / 40 for k in range(41)]
    drawing, _ = participation_chart(times, WIDTH, load_theme("light"), "de")
    said = [(s.x, s.text) for s in drawing.contents if isinstance(s, String)]
    return sorted((x, text) for x, text in said if text.endswith(" min"))


@pytest.mark.parametrize(
    ("span_minutes", "ticks"),
    [
        (0.4, ["0 min", "1 min"]),  # every vote in one minute: one bar, not a second empty one
        (3.5, ["0 min", "1 min", "2 min", "3 min", "4 min"]),  # to the last bar's end
        (47, ["0 min", "10 min", "20 min", "30 min", "40 min"]),
        (95, ["0 min", "15 min", "30 min", "45 min", "60 min", "75 min", "90 min"]),
        (150, ["0 min", "30 min", "60 min", "90 min", "120 min", "150 min"]),
    ],
)
def test_the_participation_axis_counts_in_nice_steps(span_minutes: float, ticks: list[str]) -> None:
    # From the rehearsal (issue 32's leftovers): the axis said "0 min" and "3 min", nothing
    # between. Now it has ticks every 1, 2, 5, 10, 15, 30 … minutes, where they belong.
    words = axis_words(span_minutes * 60)
    assert [text for _, text in words] == ticks
    places = [x for x, _ in words]
    minutes = [int(text.split()[0]) for text in ticks]
    axis = places[1] / minutes[1]  # points per minute: every tick in proportion
    for x, minute in zip(places, minutes, strict=True):
        assert x == pytest.approx(axis * minute, abs=0.01)
    assert all(b - a > 25 for a, b in pairwise(places))  # room apart
