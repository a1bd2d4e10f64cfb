"""Decks for the tests: parsed from text, split into segments, and written to files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workshop_app.deck import Deck, DeckError, Severity
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.splitter import MarkdownSegment, split_source


def deck(source: str, path: Path | None = None) -> Deck:
    return parse_deck(textwrap.dedent(source).lstrip("\n"), path)


def errors(source: str, path: Path | None = None) -> list[tuple[int | None, str]]:
    """(line, message id) of every error the source produces; fails if it parses."""
    with pytest.raises(DeckError) as caught:
        deck(source, path)
    return [(p.line, p.message_id) for p in caught.value.problems if p.severity is Severity.ERROR]


def warnings(found: Deck) -> list[tuple[int | None, str]]:
    return [(p.line, p.message_id) for p in found.warnings]


def segments(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return [
        segment.text
        for slide in split_source(text).slides
        for segment in slide.segments
        if isinstance(segment, MarkdownSegment) and segment.text.strip()
    ]
