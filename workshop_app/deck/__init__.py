"""The deck: Markdown with YAML front matter (Marp-compatible) → frozen model. Qt-free.

This package exports the model only. The parser lives in `deck.parser` (`parse_deck`)
and `deck.loader` (`load_deck`): it pulls in Python-Markdown and PyYAML, which the
handout's renderer and the voting workers never need, so importing the model stays cheap.
"""

from workshop_app.deck.model import (
    OPTION_LETTERS,
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
    Script,
    Severity,
    Slide,
    Span,
    Table,
    plain_text,
)

__all__ = [
    "OPTION_LETTERS",
    "Align",
    "Aspect",
    "Block",
    "CodeBlock",
    "Deck",
    "DeckError",
    "DeckMeta",
    "Heading",
    "Image",
    "Inline",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Poll",
    "PollBlock",
    "PollType",
    "Problem",
    "Quote",
    "Rule",
    "Script",
    "Severity",
    "Slide",
    "Span",
    "Table",
    "plain_text",
]  # fmt: skip
