"""Markdown text → neutral content blocks, via Python-Markdown's element tree.

Python-Markdown parses; we never render its HTML. A tree processor registered
after inline processing hands us the element tree, which we walk into the
frozen blocks of `model`. Raw HTML is switched off at the parser (the
`html_block` preprocessor and the `html` inline pattern are removed), so
`<script>` in a slide is shown as the text "<script>", never interpreted.

Lists nest by two spaces, as in Marp and every CommonMark editor, through
mdx_truly_sane_lists; plain Python-Markdown would want four and silently
flatten a Marp deck's nested bullets.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import markdown
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor
from mdx_truly_sane_lists.mdx_truly_sane_lists import TrulySaneListExtension

from workshop_app.deck.model import (
    Align,
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_BLOCK_TAGS = frozenset({"p", "ul", "ol", "blockquote", "pre", "table", "hr", "div"})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Marp's image keywords live in the alt text: ![bg left w:300](photo.jpg)
_MARP_IMAGE_KEYWORD = re.compile(
    r"(?:bg|left|right|contain|cover|fit|auto|vertical|"
    r"(?:w|h|width|height):\S+|\d+%|(?:blur|brightness|contrast|drop-shadow|grayscale|"
    r"hue-rotate|invert|opacity|saturate|sepia)(?::\S+)?)"
)


@dataclass(frozen=True)
class RawImage:
    """An image as written; the parser resolves and checks its path."""

    src: str
    alt: str
    title: str
    keywords: tuple[str, ...]

    @property
    def background(self) -> bool:
        return "bg" in self.keywords


class _CaptureTree(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self.root = root


class MarkdownConverter:
    """Reusable: building a Markdown instance costs more than converting a slide."""

    def __init__(self) -> None:
        # Extension objects, not names: a name makes Markdown search the installed
        # packages' entry points (importlib.metadata, ~20 ms at every start).
        self._md = markdown.Markdown(
            extensions=[TableExtension(), TrulySaneListExtension(nested_indent=2, truly_sane=True)]
        )
        # Honour "3." as the first number, as Marp does (sane_lists would do this, but
        # replaces the processors that nest by two spaces).
        self._md.parser.blockprocessors["olist"].LAZY_OL = False  # type: ignore[attr-defined]
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._capture = _CaptureTree(self._md)
        # Lowest priority: runs after inline patterns and unescaping.
        self._md.treeprocessors.register(self._capture, "impuls_capture", -100)
        self._stash: list[str] = []

    def convert(self, text: str) -> list[Block | RawImage]:
        """Blocks for `text`; images come back as RawImage for the parser to resolve."""
        self._md.reset()
        self._md.convert(text)
        self._stash = [str(item) for item in self._md.htmlStash.rawHtmlBlocks]
        return self._blocks(self._capture.root)

    # ------------------------------------------------------------ blocks

    def _blocks(self, parent: ET.Element) -> list[Block | RawImage]:
        out: list[Block | RawImage] = []
        for element in parent:
            out.extend(self._block(element))
        return out

    def _block(self, el: ET.Element) -> list[Block | RawImage]:
        tag = el.tag
        if tag in _HEADINGS:
            return [Heading(_HEADINGS[tag], self._inline(el))]
        if tag in ("ul", "ol"):
            return [self._list(el)]
        if tag == "blockquote":
            return [Quote(tuple(b for b in self._blocks(el) if not isinstance(b, RawImage)))]
        if tag == "pre":
            code = el.find("code")
            source = el if code is None else code
            return [CodeBlock(self._code_text(source).rstrip("\n"), "")]
        if tag == "table":
            return [self._table(el)]
        if tag == "hr":
            return [Rule()]
        if tag == "div":
            return self._blocks(el)
        return self._paragraph(el)

    def _paragraph(self, el: ET.Element) -> list[Block | RawImage]:
        images = [self._image(img) for img in el.iter("img")]
        spans = self._inline(el)
        out: list[Block | RawImage] = []
        if "".join(span.text for span in spans).strip():
            out.append(Paragraph(spans))
        out.extend(images)
        return out

    def _list(self, el: ET.Element) -> ListBlock:
        items: list[ListItem] = []
        for li in el.findall("li"):
            inline_part = ET.Element("li")
            inline_part.text = li.text
            children: list[Block] = []
            first_paragraph_taken = False
            for child in li:
                if child.tag in _BLOCK_TAGS:
                    if (
                        child.tag == "p"
                        and not first_paragraph_taken
                        and not (li.text or "").strip()
                    ):
                        inline_part = child
                        first_paragraph_taken = True
                    else:
                        children.extend(
                            b for b in self._block(child) if not isinstance(b, RawImage)
                        )
                else:
                    inline_part.append(child)
            items.append(ListItem(self._inline(inline_part), tuple(children)))
        start = el.get("start", "1")
        return ListBlock(
            ordered=el.tag == "ol",
            items=tuple(items),
            start=int(start) if start.isdigit() else 1,
        )

    def _table(self, el: ET.Element) -> Table:
        header: list[Inline] = []
        align: list[Align | None] = []
        rows: list[tuple[Inline, ...]] = []
        for tr in el.iter("tr"):
            cells = [cell for cell in tr if cell.tag in ("th", "td")]
            if cells and all(cell.tag == "th" for cell in cells) and not header:
                header = [self._inline(cell) for cell in cells]
                align = [_alignment(cell.get("style", "")) for cell in cells]
            else:
                rows.append(tuple(self._inline(cell) for cell in cells))
        return Table(tuple(header), tuple(rows), tuple(align))

    def _image(self, img: ET.Element) -> RawImage:
        alt = self._text(img.get("alt", ""))
        words = alt.split()
        keywords = tuple(word for word in words if _MARP_IMAGE_KEYWORD.fullmatch(word))
        description = " ".join(word for word in words if word not in keywords)
        return RawImage(img.get("src", ""), description, self._text(img.get("title", "")), keywords)

    # ------------------------------------------------------------ inline

    def _inline(self, el: ET.Element) -> Inline:
        spans: list[Span] = []
        self._collect(el, spans, bold=False, italic=False, href=None)
        return _merge(spans)

    def _collect(
        self, el: ET.Element, spans: list[Span], *, bold: bool, italic: bool, href: str | None
    ) -> None:
        if el.text:
            spans.append(Span(self._text(el.text), bold=bold, italic=italic, href=href))
        for child in el:
            tag = child.tag
            if tag == "code":
                spans.append(
                    Span(self._code_text(child), bold=bold, italic=italic, code=True, href=href)
                )
            elif tag == "br":
                spans.append(Span("\n", bold=bold, italic=italic, href=href))
            elif tag == "img":
                pass  # images become blocks of their own (see _paragraph)
            else:
                self._collect(
                    child,
                    spans,
                    bold=bold or tag in ("strong", "b"),
                    italic=italic or tag in ("em", "i"),
                    href=child.get("href", href) if tag == "a" else href,
                )
            if child.tail:
                spans.append(Span(self._text(child.tail), bold=bold, italic=italic, href=href))

    def _text(self, text: str) -> str:
        """Resolve Python-Markdown's stash placeholders (entities such as &copy;)."""
        if "\x02" not in text:
            return text
        return _PLACEHOLDER.sub(self._unstash, text)

    def _unstash(self, match: re.Match[str]) -> str:
        index = int(match.group(1))
        return html.unescape(self._stash[index]) if index < len(self._stash) else ""

    def _code_text(self, el: ET.Element) -> str:
        # Python-Markdown stores code HTML-escaped; we want the characters.
        return html.unescape(self._text("".join(el.itertext())))


def _alignment(style: str) -> Align | None:
    for align in Align:
        if f"text-align: {align.value}" in style:
            return align
    return None


def _merge(spans: list[Span]) -> Inline:
    """Join neighbouring spans of the same style; drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged:
            last = merged[-1]
            if (last.bold, last.italic, last.code, last.href) == (
                span.bold,
                span.italic,
                span.code,
                span.href,
            ):
                merged[-1] = Span(
                    last.text + span.text, last.bold, last.italic, last.code, href=last.href
                )
                continue
        merged.append(span)
    return tuple(merged)
