"""A run of styled spans → one surface's markup, with the text escaped in one place.

The projector (Qt's rich text), the handout (reportlab's paragraph markup) and the
phone (HTML) mark the same styles up with different tags; what they share is
decided here: which styles a run can carry, in which order they nest, and that a
deck's or a participant's text is escaped before any tag is put around it, so
that `<b>` typed on a slide prints as `<b>` and never becomes markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from workshop_app.deck.model import Script, Span

Wrap = tuple[str, str]  # the opening and the closing tag of one style
PLAIN: Wrap = ("", "")  # a style the surface does not show


def escape_text(text: str) -> str:
    """Text as markup that shows it as typed: `<`, `>`, `&` and both quotes escaped.

    Quotes too, although text between tags would not need it: the same text can
    end up in an attribute (an alt text, a link), and one rule is easier to trust.
    """
    return escape(text, quote=True)


def _unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class Tags:
    """How one surface marks up each style of a run.

    `link` may hold `{href}`, filled in with the escaped address, and is used only
    for addresses starting with one of `link_schemes` (all, when empty). `math`
    turns a formula's TeX into markup (it escapes what it prints); without it a
    formula shows its TeX in the code style. `visible` drops what the surface cannot
    draw before escaping (the handout's fonts).
    """

    bold: Wrap
    italic: Wrap
    code: Wrap
    strike: Wrap = PLAIN
    underline: Wrap = PLAIN
    sup: Wrap = PLAIN
    sub: Wrap = PLAIN
    mark: Wrap = PLAIN
    link: Wrap = PLAIN
    link_schemes: tuple[str, ...] = ()
    line_break: str = "<br>"
    math: Callable[[str], str] | None = None
    visible: Callable[[str], str] = _unchanged


def run_markup(spans: Iterable[Span], tags: Tags) -> str:
    """The spans as the surface's markup: each span's text escaped, then its styles
    put around it from the inside out (code, bold, italic, strike, underline,
    raised or lowered, marked, linked)."""
    parts: list[str] = []
    for span in spans:
        if span.math:
            if tags.math is not None:
                parts.append(tags.math(span.text))
            else:
                parts.append(_around(escape_text(tags.visible(span.text)), tags.code))
            continue
        # A line break inside a paragraph is one on the slide (Marp's `breaks`).
        text = escape_text(tags.visible(span.text)).replace("\n", tags.line_break)
        styles = (
            (span.code, tags.code),
            (span.bold, tags.bold),
            (span.italic, tags.italic),
            (span.strike, tags.strike),
            (span.underline, tags.underline),
            (span.script is Script.SUPER, tags.sup),
            (span.script is Script.SUB, tags.sub),
            (span.mark, tags.mark),
        )
        for on, wrap in styles:
            if on:
                text = _around(text, wrap)
        if span.href and (not tags.link_schemes or span.href.startswith(tags.link_schemes)):
            opening, closing = tags.link
            text = opening.replace("{href}", escape_text(span.href)) + text + closing
        parts.append(text)
    return "".join(parts)


def _around(text: str, wrap: Wrap) -> str:
    return wrap[0] + text + wrap[1]
