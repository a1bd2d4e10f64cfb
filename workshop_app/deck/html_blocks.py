"""A raw HTML block of a slide → content blocks, as Marp Core shows it by default.

CommonMark takes a line that opens with a block tag (`<div class="columns">`,
`<center>`, `<figcaption>`) as raw HTML up to the next blank line; the splitter
cuts those blocks out, and this module reads them with the standard library's
HTML tokenizer. Allowed tags (`inline_style.ALLOWED_TAGS`) give structure and
style: headings, paragraphs, lists, line breaks, bold and the like, images.
Every other tag is shown as the text it is, as Marp's sanitizer does. Nothing
of the HTML itself (attributes, styles, scripts) is ever passed on.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from workshop_app.deck.inline_style import ALLOWED_TAGS, PLAIN, VOID_TAGS, enter, with_text
from workshop_app.deck.markdown_blocks import RawImage, merge_spans, trim_spans
from workshop_app.deck.model import Block, Heading, ListBlock, ListItem, Paragraph, Rule, Span

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Tags after which the text on the slide starts a new line.
_BREAKING = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "nav", "p", "pre", "section", "summary", "table",
        "td", "th", "tr", *_HEADINGS,
    }
)  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f]+")


def read_html_block(text: str) -> list[Block | RawImage]:
    """The blocks a raw HTML block shows."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block | RawImage] = []
        self.spans: list[Span] = []
        self.images: list[RawImage] = []
        self.styles: list[tuple[str, Span]] = []
        self.heading = 0
        self.lists: list[tuple[bool, list[ListItem]]] = []
        self.pre = 0

    @property
    def style(self) -> Span:
        return self.styles[-1][1] if self.styles else PLAIN

    # ------------------------------------------------------------ tokens

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._text(self.get_starttag_text() or f"<{tag}>", literal=True)
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "br":
            self.spans.append(with_text(self.style, "\n"))
        elif tag == "img":
            self._image(values)
        elif tag == "hr":
            self.flush()
            self.blocks.append(Rule())
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append((tag == "ol", []))
        elif tag == "li" or tag in _BREAKING:
            self.flush()
        if tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
        if tag == "pre":
            self.pre += 1
        if tag not in VOID_TAGS:
            href = values.get("href") if tag == "a" else None
            self.styles.append((tag, enter(self.style, tag, href)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self._text(f"</{tag}>", literal=True)
            return
        if tag in VOID_TAGS or not any(name == tag for name, _ in self.styles):
            return
        if tag == "li" or tag in _BREAKING:
            self.flush()
        while self.styles and self.styles.pop()[0] != tag:
            pass
        if tag in _HEADINGS:
            self.heading = 0
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in ("ul", "ol") and self.lists:
            ordered, items = self.lists.pop()
            if items:
                self.blocks.append(ListBlock(ordered=ordered, items=tuple(items)))

    def handle_data(self, data: str) -> None:
        self._text(data, literal=False)

    # ------------------------------------------------------------ helpers

    def _text(self, text: str, *, literal: bool) -> None:
        if not self.pre and not literal:
            text = _SPACE.sub(" ", text)
        if text:
            self.spans.append(with_text(self.style, text))

    def _image(self, values: dict[str, str]) -> None:
        src = values.get("src", "").strip()
        if not src:
            return
        width, height = values.get("width", ""), values.get("height", "")
        keywords = tuple(
            f"{key}:{value}"
            for key, value in (("w", width), ("h", height))
            if value.removesuffix("px").isdigit()
        )
        self.images.append(RawImage(src, values.get("alt", ""), values.get("title", ""), keywords))

    def flush(self) -> None:
        """End the paragraph (heading, list item) being read, if it holds anything."""
        spans = trim_spans(merge_spans(self.spans))
        self.spans = []
        if spans:
            if self.lists:
                self.lists[-1][1].append(ListItem(spans))
            elif self.heading:
                self.blocks.append(Heading(self.heading, spans))
            else:
                self.blocks.append(Paragraph(spans))
        self.blocks.extend(self.images)
        self.images = []
