"""How inline markup styles text: one set of rules for Markdown and for raw HTML.

Marp Core renders the HTML tags of its default allowlist (marp-core
`src/html/allowlist.ts`) and escapes every other tag, so a deck shows `<divn>`
or `<script>` as the text it is. We keep the same list; of an allowed tag we
apply what a slide can show (bold, italic, strike, underline, marked, raised,
lowered, code, a line break) and never an attribute: no `style`, no script, no
URL reaches a renderer from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop_app.deck.model import Script, Span

# Marp Core 4's default allowlist: every tag it renders with `html` unset.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big",
        "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "picture", "pre",
        "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "u", "ul", "var", "video", "wbr",
    }
)  # fmt: skip
VOID_TAGS = frozenset({"br", "col", "hr", "img", "source", "wbr"})

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>", re.DOTALL)


# A style is a Span without text: the one type that says how text looks.
PLAIN = Span("")


def enter(style: Span, tag: str, href: str | None = None) -> Span:
    """The style inside `tag` (a Markdown element's tag or an allowed HTML tag)."""
    bold, italic, code, link = style.bold, style.italic, style.code, style.href
    strike, underline, mark, script = style.strike, style.underline, style.mark, style.script
    if tag in ("strong", "b"):
        bold = True
    elif tag in ("em", "i", "cite", "var", "dfn"):
        italic = True
    elif tag in ("del", "s", "strike"):
        strike = True
    elif tag in ("u", "ins"):
        underline = True
    elif tag == "mark":
        mark = True
    elif tag in ("code", "kbd", "samp"):
        code = True
    elif tag == "sup":
        script = Script.SUPER
    elif tag == "sub":
        script = Script.SUB
    elif tag == "a" and href is not None:
        link = href
    else:
        return style
    # The constructor, not dataclasses.replace(): this runs for every styled run of text.
    return Span(style.text, bold, italic, code, link, strike, underline, mark, script, style.math)


def with_text(style: Span, text: str) -> Span:
    # Called for every run of text: the constructor is ~4x cheaper than replace().
    return Span(
        text, style.bold, style.italic, style.code, style.href, style.strike,
        style.underline, style.mark, style.script, style.math,
    )  # fmt: skip


@dataclass(frozen=True)
class Tag:
    """One HTML tag as written: `<b>`, `</b>`, `<br/>`."""

    name: str
    closing: bool
    source: str

    @property
    def allowed(self) -> bool:
        return self.name in ALLOWED_TAGS

    @property
    def void(self) -> bool:
        return self.name in VOID_TAGS or self.source.endswith("/>")


def read_tag(raw: str) -> Tag | None:
    """`raw` as a single HTML tag, or None when it is something else (text, an entity)."""
    match = _TAG.fullmatch(raw.strip())
    if match is None:
        return None
    return Tag(match.group(2).lower(), bool(match.group(1)), raw)


class TagStack:
    """The inline HTML tags open at a point of a paragraph, applied over a base style."""

    def __init__(self) -> None:
        self.open: list[str] = []

    def apply(self, tag: Tag) -> None:
        if tag.void:
            return
        if tag.closing:
            if tag.name in self.open:
                while self.open and self.open.pop() != tag.name:
                    pass
            return
        self.open.append(tag.name)

    def style(self, base: Span) -> Span:
        for name in self.open:
            base = enter(base, name)
        return base
