"""The slide the room sees, for participants' phones: accessible text built from the deck.

The server builds the HTML from the deck's blocks and escapes every character of
text; the phone page only inserts it. Headings stay headings, lists lists, tables
get header cells, code keeps its lines, formulas are read out as their TeX,
images come scaled by the page with their alt text. The speaker's notes are never
part of it, and the page gets only the slide the room sees (`RoomView`), never
the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.deck import (
    Block,
    CodeBlock,
    Deck,
    Heading,
    Image,
    LeaderboardBlock,
    ListBlock,
    Math,
    Paragraph,
    PdfPage,
    PollBlock,
    QuestionsBlock,
    Quote,
    Rule,
    Slide,
    Span,
    Table,
)
from workshop_app.deck.markup import Tags, escape_text, run_markup

MAX_IMAGE_BYTES = 2 * 1024 * 1024  # larger images are described by their alt text only
# A PDF page's text read out for its picture: a dense page stays within the slide
# event's 10 KB a phone (German text escapes to at most ~1.2 bytes a character).
MAX_DESCRIBED_CHARS = 3000


@dataclass(frozen=True)
class RoomView:
    """What the projector shows, as the app tells the server: no slide while it is
    black or white, the frozen slide while frozen, nothing when following is off."""

    slide: int | None  # the index the room sees, or None
    blank: str = "none"  # none, black, white
    follow: bool = True

    def as_event(self, deck: Deck) -> dict[str, object]:
        if not self.follow:
            return {"follow": False}
        if self.blank != "none" or self.slide is None or not 0 <= self.slide < len(deck.slides):
            return {"follow": True, "blank": self.blank}
        slide = deck.slides[self.slide]
        return {
            "follow": True,
            "index": slide.index,
            "count": len(deck.slides),
            "html": slide_html(slide),
        }


def slide_html(slide: Slide) -> str:
    """The slide's content as HTML, every text escaped; poll blocks are left to the
    poll view (a poll slide shows the poll, as before)."""
    return "".join(_block(block, slide.index, [0]) for block in slide.blocks)


def _block(block: Block, slide: int, images: list[int]) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)  # the page's own title is the h1
        return f"<h{level}>{_inline(block.spans)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_inline(block.spans)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(
            "<li>" + _inline(item.spans)
            + "".join(_block(child, slide, images) for child in item.children) + "</li>"
            for item in block.items
        )  # fmt: skip
        return f"<{tag}{start}>{items}</{tag}>"
    if isinstance(block, Quote):
        return (
            "<blockquote>"
            + "".join(_block(c, slide, images) for c in block.children)
            + ("</blockquote>")
        )
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{_inline(cell)}</th>' for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, CodeBlock):
        return f"<pre><code>{escape_text(block.code)}</code></pre>"
    if isinstance(block, Math):
        tex = escape_text(block.tex)
        return f'<p class="math" role="math" aria-label="{tex}">{tex}</p>'
    if isinstance(block, Image):
        number = images[0]
        images[0] += 1
        if block.path is None or block.background:
            return f'<p class="alt">{escape_text(block.alt)}</p>' if block.alt else ""
        return (f'<img src="/api/slides/{slide}/images/{number}" alt="{escape_text(block.alt)}"'
                ' loading="lazy">')  # fmt: skip
    if isinstance(block, PdfPage):
        # The page as a picture; its text, line by line, is what a screen reader says.
        described = escape_text(_shortened(". ".join(block.text.splitlines())))
        return f'<img class="page" src="/api/slides/{slide}/images/0" alt="{described}">'
    if isinstance(block, Rule):
        return "<hr>"
    if isinstance(block, PollBlock | QuestionsBlock | LeaderboardBlock):
        # The poll and the questions have views of their own on the phone; nicknames
        # stay on the speaker's screens.
        return ""
    raise TypeError(f"unknown block {block!r}")


def _shortened(text: str) -> str:
    """A page's text as its picture's description, within the slide event's budget."""
    if len(text) <= MAX_DESCRIBED_CHARS:
        return text
    return text[: MAX_DESCRIBED_CHARS - 1].rsplit(" ", 1)[0] + " …"


# The phone's tags: links are not followed from the room (their text is enough);
# a formula is read out as its TeX.
PHONE_TAGS = Tags(
    bold=("<strong>", "</strong>"),
    italic=("<em>", "</em>"),
    code=("<code>", "</code>"),
    strike=("<s>", "</s>"),
)


def _inline(spans: tuple[Span, ...]) -> str:
    return run_markup(spans, PHONE_TAGS)


def slide_image(deck: Deck, slide: int, number: int) -> Image | None:
    """The `number`-th image of slide `slide`, as `slide_html` numbered it."""
    if not 0 <= slide < len(deck.slides):
        return None
    found: list[Image] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Image):
                found.append(block)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.children)
            elif isinstance(block, Quote):
                walk(block.children)

    walk(deck.slides[slide].blocks)
    return found[number] if 0 <= number < len(found) else None
