"""A 200-slide deck round-trips: every slide's title and line number correct."""

from __future__ import annotations

from bench.generated import generated_deck
from workshop_app.deck.parser import parse_deck


def test_two_hundred_slides_keep_titles_and_lines() -> None:
    source, expected = generated_deck(200)
    deck = parse_deck(source)
    assert len(deck.slides) == 200
    assert [(slide.line, slide.title) for slide in deck.slides] == expected
    lines = source.split("\n")
    for slide in deck.slides:  # the line really is where the slide's heading is written
        assert lines[slide.line - 1] == f"## {slide.title}"
    assert len(deck.polls) == 20
    for poll in deck.polls:
        assert lines[poll.line - 1] == "```poll"
        assert lines[poll.line] == f"id: {poll.id}"
    assert all(slide.notes.startswith("Sprechernotiz") for slide in deck.slides)
