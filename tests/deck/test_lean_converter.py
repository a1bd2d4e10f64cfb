"""The lean converter (no strikethrough, nested fences or math) reads what it reads
exactly as the full one: on every Markdown segment of the real decks that holds
none of the full converter's characters, and on segments a property test makes.
So does the plain one (no emoji and linkify either) as the lean one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.decks import segments
from workshop_app.deck.markdown_blocks import (
    MarkdownConverter,
    needs_emoji_and_links,
    needs_full_converter,
)

ROOT = Path(__file__).resolve().parents[2]
LEAN, FULL = MarkdownConverter(full=False), MarkdownConverter(full=True)
PLAIN = MarkdownConverter(full=False, emoji_and_links=False)


def test_real_decks_read_the_same_with_the_lean_converter() -> None:
    decks = sorted((ROOT / "tests" / "data").rglob("*.md")) + sorted((ROOT / "slides").glob("*.md"))
    lean = [text for deck in decks for text in segments(deck) if not needs_full_converter(text)]
    assert len(lean) > 200  # most segments of real decks take the lean way
    for text in lean:
        assert LEAN.convert(text) == FULL.convert(text), text


def test_real_decks_read_the_same_with_the_plain_converter() -> None:
    decks = sorted((ROOT / "tests" / "data").rglob("*.md")) + sorted((ROOT / "slides").glob("*.md"))
    texts = [text for deck in decks for text in segments(deck)]
    plain = [t for t in texts if not needs_full_converter(t) and not needs_emoji_and_links(t)]
    assert len(plain) > 200
    for text in plain:
        assert PLAIN.convert(text) == LEAN.convert(text), text
    # and the trigger is needed: an address or an emoji name reads otherwise without it
    for text in ("Mehr auf www.example.org", "ftp://example.org/a", "Gut :smile:"):
        assert needs_emoji_and_links(text) and PLAIN.convert(text) != LEAN.convert(text)


LINES = st.sampled_from(
    ["- Punkt", "  - tiefer", "1) eins", "Text mit *Betonung*", "`Code`", "| a | b |",
     "|---|---|", "", "> Zitat", "# Titel", "<b>fett</b>", ":smile:", "www.example.org",
     "    eingerückt", "~ein", "[Link](https://example.org)", "Satz:", "---", "<https://example.org>",
     "&amp; und :+1:", "[a](www.example.org)", "Zeit: 10:30:00"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_made_up_segments_read_the_same(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not needs_full_converter(text):
        assert LEAN.convert(text) == FULL.convert(text)
        if not needs_emoji_and_links(text):
            assert PLAIN.convert(text) == LEAN.convert(text)
