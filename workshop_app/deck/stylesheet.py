"""A deck's own CSS (Marp's `style:` and `<style>` blocks) → what each slide's look changes.

Marp hands a deck's CSS to the browser whole. Impuls draws slides itself, so it
applies the part speakers' decks commonly use, read with tinycss2 (a well-kept
CSS parser, in the lock through reportlab's svglib): on `section` (also
`section.lead`, `:root`) the type size, colour, background colour, `text-align`
and padding; on `h1`–`h6`, `p` and `li` (also under `section.X`) the type size
and colour. Everything else is named on its line by `check`, never guessed at.

As in Marp, a `<style>` block applies to every slide of the deck, `<style scoped>`
to its own slide only (and weighs more, as Marp's scoping attribute does), and of
two rules for the same thing the more specific wins, then the later one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop_app.deck.colors import css_color
from workshop_app.deck.model import FontSize, SlideStyle
from workshop_app.deck.report import Reporter

# tinycss2 is imported where a deck has CSS to read: every deck passes through
# slide_style, and most have none (an export would load the parser for nothing).
if TYPE_CHECKING:
    from tinycss2.ast import Node

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# `section`, `section.lead.x`, `:root`, each perhaps with a heading or text below it.
_SELECTOR = re.compile(
    r"(?:(?P<section>section|:root)(?P<classes>(?:\.[A-Za-z_][\w-]*)*)\s*>?\s*)?"
    r"(?P<element>h[1-6]|p|li|ul|ol)?"
)
_SIDES = ("top", "right", "bottom", "left")
# What a hostile or mistyped deck may ask for: beyond these, the theme's stays.
SIZE_PX = (4.0, 400.0)  # Marp's CSS px
SIZE_SHARE = (0.1, 10.0)
PADDING_PX = 300.0
MAX_RULES = 500  # rules read per block; a deck's style is a few dozen


@dataclass(frozen=True)
class Rule:
    """One selector of a rule that Impuls applies, with the declarations it takes."""

    element: str  # "section", "h1" … "h6", "p", "li", "ul" or "ol"
    classes: frozenset[str]  # the section's classes the rule needs
    weight: tuple[int, int]  # (classes, elements), a scoped block's counting one more class
    order: int
    declarations: tuple[tuple[str, object], ...]  # a SlideStyle field and its value


def read_stylesheet(
    css: str, first_line: int, report: Reporter, *, scoped: bool = False, order: int = 0
) -> list[Rule]:
    """The rules of `css` that Impuls applies; a warning on its line for each part it
    does not. `first_line`: the file's line of the CSS's first line; `order`: where
    the block stands among the deck's (later wins)."""
    import tinycss2

    rules: list[Rule] = []
    parsed = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for number, node in enumerate(parsed[:MAX_RULES]):
        line = first_line + node.source_line - 1
        if node.type == "qualified-rule":
            rules.extend(_rule(node, line, first_line, report, scoped, order * MAX_RULES + number))
        elif node.type == "at-rule":
            report.warning(line, "style.rule_ignored", rule=f"@{node.at_keyword}")
        elif node.type == "error":
            report.warning(line, "style.unreadable", detail=node.message)
    return rules


def _rule(
    node: Node, line: int, first_line: int, report: Reporter, scoped: bool, order: int
) -> list[Rule]:
    import tinycss2

    selectors = [" ".join(part.split()) for part in tinycss2.serialize(node.prelude).split(",")]
    understood: list[tuple[str, frozenset[str], int]] = []
    for selector in selectors:
        match = _SELECTOR.fullmatch(selector)
        if not selector or match is None or not (match["section"] or match["element"]):
            report.warning(line, "style.rule_ignored", rule=selector)
            continue
        classes = frozenset(filter(None, (match["classes"] or "").split(".")))
        elements = bool(match["section"]) + bool(match["element"])
        understood.append((match["element"] or "section", classes, elements))
    if not understood:
        return []
    declarations = tinycss2.parse_declaration_list(
        node.content, skip_comments=True, skip_whitespace=True
    )
    rules = []
    for index, (element, classes, elements) in enumerate(understood):
        taken: list[tuple[str, object]] = []
        ignored: list[str] = []
        for declaration in declarations:
            if declaration.type != "declaration":
                continue
            found = _declaration(element, declaration.lower_name, declaration.value)
            if found is None:
                ignored.append(declaration.lower_name)
            else:
                taken.extend(found)
        if ignored and index == 0:  # named once, not for each selector of the rule
            report.warning(line, "style.properties_ignored", rule=", ".join(selectors),
                           properties=", ".join(dict.fromkeys(ignored)))  # fmt: skip
        if taken:
            weight = (len(classes) + (1 if scoped else 0), elements)
            rules.append(Rule(element, classes, weight, order, tuple(taken)))
    return rules


def _declaration(element: str, name: str, value: list[Node]) -> list[tuple[str, object]] | None:
    """What a declaration changes, as SlideStyle fields; None when Impuls does not apply it."""
    import tinycss2
    from tinycss2.ast import WhitespaceToken

    tokens = [token for token in value if not isinstance(token, WhitespaceToken)]
    text = tinycss2.serialize(value).strip()
    if name == "font-size":
        size = _font_size(tokens)
        if size is None:
            return None
        if element == "section":
            return [("size", size)]
        if element in HEADINGS:
            return [(f"h{element[1]}", size)]
        return [("text_size", size)]
    if name == "color":
        color = css_color(text)
        if color is None:
            return None
        field = {"section": "text", "h1": "title"}.get(element)
        return [(field or ("heading" if element in HEADINGS else "text"), color)]
    if element != "section":
        return None
    if name in ("background", "background-color"):
        color = css_color(text)
        return None if color is None else [("background", color)]
    if name == "text-align":
        align = {"left": "left", "start": "left", "justify": "left", "center": "center"}
        return [("align", align[text.lower()])] if text.lower() in align else None
    if name == "padding":
        sides = [_length(token) for token in tokens]
        if not 1 <= len(sides) <= 4 or None in sides:
            return None
        return [(f"padding-{side}", px) for side, px in zip(_SIDES, _expand(sides), strict=True)]
    if name.startswith("padding-") and name[8:] in _SIDES:
        side = _length(tokens[0]) if len(tokens) == 1 else None
        return None if side is None else [(f"padding-{name[8:]}", side)]
    return None


def _expand(sides: Sequence[float | None]) -> list[float | None]:
    """CSS's one to four padding values as top, right, bottom, left."""
    top = sides[0]
    right = sides[1] if len(sides) > 1 else top
    bottom = sides[2] if len(sides) > 2 else top
    left = sides[3] if len(sides) > 3 else right
    return [top, right, bottom, left]


def _font_size(tokens: list[Node]) -> FontSize | None:
    from tinycss2.ast import DimensionToken, PercentageToken

    if len(tokens) != 1:
        return None
    token = tokens[0]
    if isinstance(token, PercentageToken):
        share = float(token.value) / 100
    elif isinstance(token, DimensionToken) and token.lower_unit in ("em", "rem"):
        share = float(token.value)
    elif isinstance(token, DimensionToken) and token.lower_unit in ("px", "pt"):
        px = float(token.value) * (4 / 3 if token.lower_unit == "pt" else 1)
        return FontSize(px) if SIZE_PX[0] <= px <= SIZE_PX[1] else None
    else:
        return None
    return FontSize(share, relative=True) if SIZE_SHARE[0] <= share <= SIZE_SHARE[1] else None


def _length(token: Node) -> float | None:
    """A padding in CSS px: `40px` or `0`."""
    from tinycss2.ast import DimensionToken, NumberToken

    if isinstance(token, NumberToken) and token.value == 0:
        return 0.0
    if isinstance(token, DimensionToken) and token.lower_unit == "px":
        return float(token.value) if 0 <= token.value <= PADDING_PX else None
    return None


def slide_style(rules: Iterable[Rule], classes: Iterable[str]) -> SlideStyle:
    """What `rules` (the deck's and the slide's own) change on a slide of `classes`."""
    has = set(classes)
    applying = sorted(
        (rule for rule in rules if rule.classes <= has), key=lambda r: (r.weight, r.order)
    )
    if not applying:
        return SlideStyle()
    values: dict[str, object] = {}
    for rule in applying:
        values.update(rule.declarations)

    def size(key: str) -> FontSize | None:
        value = values.get(key)
        return value if isinstance(value, FontSize) else None

    def text(key: str) -> str | None:
        value = values.get(key)
        return value if isinstance(value, str) else None

    def px(key: str) -> float | None:
        value = values.get(key)
        return value if isinstance(value, float) else None

    return SlideStyle(
        size=size("size"),
        text_size=size("text_size"),
        heading_sizes=tuple(size(f"h{level}") for level in range(1, 7)),
        text=text("text"),
        title=text("title"),
        heading=text("heading"),
        background=text("background"),
        align=text("align"),
        padding=tuple(px(f"padding-{side}") for side in _SIDES),
    )
