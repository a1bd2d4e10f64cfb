"""Code → coloured lines, by Pygments, for every surface that draws a code block.

Marp colours code with highlight.js; Pygments knows the same languages (and the
same short names: `js`, `py`, `sh`, `yml`). The screen and the handout both draw
these lines, so a code slide has the same colours on the wall and on paper. Each
line keeps every character, its indentation included: nothing is joined or
wrapped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pygments is imported when a deck has code, not with every handout
    from pygments.lexer import Lexer
    from pygments.style import StyleMeta
    from pygments.token import _TokenType

# Styles whose colours keep ≥ 4.5:1 against our code panels (checked in tests); a
# Marp theme names its own (`code_colors`, deck/code_styles.py).
LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"


@dataclass(frozen=True)
class Token:
    text: str
    color: str | None = None  # #rrggbb, or None for the panel's text colour
    bold: bool = False
    italic: bool = False


CodeLine = tuple[Token, ...]


def highlight_lines(
    code: str, language: str, *, dark: bool, colors: str = ""
) -> tuple[CodeLine, ...]:
    """`code` as lines of coloured tokens; an unknown language comes back plain.
    `colors`: a theme's code colours (its `code_colors`, one of code_styles.STYLES),
    else Pygments' own styles."""
    return _highlight(code, language.lower().strip(), dark, colors)


@lru_cache(maxsize=512)
def _highlight(code: str, language: str, dark: bool, colors: str) -> tuple[CodeLine, ...]:
    from pygments.styles import get_style_by_name

    from workshop_app.deck.code_styles import STYLES

    if colors in STYLES:
        style = STYLES[colors][dark]
    else:
        style = get_style_by_name(DARK_STYLE if dark else LIGHT_STYLE)
    lines: list[list[Token]] = [[]]
    for token_type, value in _lexer(language).get_tokens(code):
        look = _look(style, token_type)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Token(part, *look))
    while lines and not lines[-1]:  # the lexer's closing newline
        lines.pop()
    return tuple(tuple(line) for line in lines) or ((),)


def _lexer(language: str) -> Lexer:
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    if not language:
        return TextLexer(stripnl=False, ensurenl=False)
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def _look(style: StyleMeta, token_type: _TokenType) -> tuple[str | None, bool, bool]:
    # A style need not know every token a newer lexer yields (github-dark has no
    # Punctuation.Indicator, which YAML uses): take the nearest kind it knows.
    while not style.styles_token(token_type) and token_type.parent is not None:
        token_type = token_type.parent
    found = style.style_for_token(token_type)
    color = found.get("color")
    return (f"#{color.lower()}" if color else None, bool(found["bold"]), bool(found["italic"]))


def longest_line(code: str) -> int:
    """Characters in the longest line (tabs count as four), for sizing monospace text."""
    return max((len(line.expandtabs(4)) for line in code.split("\n")), default=0)
