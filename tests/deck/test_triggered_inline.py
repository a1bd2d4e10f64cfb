"""Skipping an inline pattern where its text lacks what it needs (markdown_blocks'
`_TriggeredInline`) reads every segment exactly as Python-Markdown's own inline
processor does: on the real decks, and on segments a property test makes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from tests.support.decks import segments
from workshop_app.deck.markdown_blocks import MarkdownConverter

ROOT = Path(__file__).resolve().parents[2]
OURS = {full: MarkdownConverter(full=full) for full in (False, True)}


def _stock(full: bool) -> MarkdownConverter:
    converter = MarkdownConverter(full=full)
    md = converter._md
    assert type(md.treeprocessors["inline"]) is not InlineProcessor  # ours is in use
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    return converter


STOCK = {full: _stock(full) for full in (False, True)}


def test_real_decks_read_as_with_python_markdowns_inline_processor() -> None:
    decks = sorted((ROOT / "tests" / "data").rglob("*.md")) + sorted((ROOT / "slides").glob("*.md"))
    texts = [text for deck in decks for text in segments(deck)]
    assert len(texts) > 200
    for full in (False, True):
        for text in texts:
            assert OURS[full].convert(text) == STOCK[full].convert(text), text


LINES = st.sampled_from(
    ["- Punkt [a] und [b][a]", "Text mit *Betonung* und _so_", "`Code` mit [x]", "![Bild](x.png)",
     "![b][a]", "[a]: https://example.org 'Titel'", "&amp; &#169; &x", "\\* kein Stern \\[",
     "<b>fett</b> <https://example.org>", ":smile: :kein emoji", "www.example.org/pfad",
     "$x^2$ und $ 17", "~~weg~~ ~ein", "[Link](https://example.org) [a]", "Satz: [", "]", "",
     "> Zitat mit [a]", "| a | [b] |", "|---|---|", "**[fett verlinkt](x)**", "[![b](x)](y)"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8), st.booleans())
def test_made_up_segments_read_the_same(lines: list[str], full: bool) -> None:
    text = "\n".join(lines)
    assert OURS[full].convert(text) == STOCK[full].convert(text), text
