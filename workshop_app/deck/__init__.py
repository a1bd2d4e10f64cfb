"""The deck: Markdown with YAML front matter (Marp-compatible) → frozen model. Qt-free."""

from workshop_app.deck.loader import load_deck
from workshop_app.deck.model import (
    Align,
    Aspect,
    Block,
    CodeBlock,
    Deck,
    DeckError,
    DeckMeta,
    Heading,
    Image,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Poll,
    PollBlock,
    PollType,
    Problem,
    Quote,
    Rule,
    Severity,
    Slide,
    Span,
    Table,
    plain_text,
)
from workshop_app.deck.parser import parse_deck

__all__ = [
    "Align", "Aspect", "Block", "CodeBlock", "Deck", "DeckError", "DeckMeta", "Heading",
    "Image", "Inline", "ListBlock", "ListItem", "Paragraph", "Poll", "PollBlock", "PollType",
    "Problem", "Quote", "Rule", "Severity", "Slide", "Span", "Table", "load_deck",
    "parse_deck", "plain_text",
]  # fmt: skip
