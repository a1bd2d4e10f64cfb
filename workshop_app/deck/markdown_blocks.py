"""Markdown text → neutral content blocks, via Python-Markdown's element tree.

Python-Markdown parses; we never render its HTML. A tree processor registered
after inline processing hands us the element tree, which we walk into the
frozen blocks of `model`.

Marp reads CommonMark (markdown-it); `commonmark.CommonMarkBlocks` tells
Python-Markdown its list and table rules. pymdown-extensions supply what Marp
adds beyond that: `~~strikethrough~~`, emoji shortcodes (`:smile:` → 😄) and
fences inside list items (superfences). Inline HTML is read through Marp Core's
allowlist (`inline_style`): `<b>`, `<br>`, `<sup>` style the text, any other
tag is shown as written. Block HTML never reaches Python-Markdown: the splitter
cuts it out for `html_blocks`.
"""

from __future__ import annotations

import dataclasses
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import markdown
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from workshop_app.deck.commonmark import CommonMarkBlocks, DisplayMathLines
from workshop_app.deck.inline_style import PLAIN, TagStack, enter, read_tag, with_text
from workshop_app.deck.model import (
    Align,
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Math,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
# Every character an inline pattern starts with (code, escapes, links and images,
# autolinks, inline HTML, entities, emphasis, ~~, :emoji:, the placeholders of
# Python-Markdown's stash), and the two spaces before a hard line break.
# A ":" alone starts nothing: only an emoji name (:smile:) or an address
# (https://, www.) does, and German text is full of colons.
# What emoji and linkify read: a name (:smile:), an address (https://, ftp://,
# www.; and <https://…>, which has "://" too). Named once: the inline trigger,
# the patterns' needs and the lean converter's choice all look for them.
_EMOJI_NAME = r":[+\w-]+:"
_ADDRESS = r"tps?://|www\."
_INLINE_TRIGGER = re.compile(
    rf"[\\`*_\[\]!<&~$\x02\x03]|{_EMOJI_NAME}|{_ADDRESS}|  \n", re.IGNORECASE
)
# What each inline pattern cannot match without. Python-Markdown tries every
# pattern on every run of text that is not plain (`_PlainText`); a run holding a
# "*" still met the dozen link, image, HTML, entity and emoji patterns, a call
# each. The emphasis delimiters keep state over a run and are always tried, and
# so is any pattern not named here.
_PATTERN_NEEDS: dict[str, str | re.Pattern[str]] = {
    "backtick": "`",
    "arithmatex-inline": "$",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "short_reference": "[",
    "image_link": "!",
    "image_reference": "!",
    "short_image_ref": "!",
    "autolink": "<",
    "html": "<",
    "entity": "&",
    "magic-link": re.compile(_ADDRESS, re.IGNORECASE),
    "emoji": re.compile(_EMOJI_NAME),
}
_REFERENCE_PATTERNS = ("reference", "short_reference", "image_reference", "short_image_ref")
_NEVER = re.compile(r"(?!)")
_CODE_MARK = re.compile(r'<pre data-impuls-code="([^"]*)">(.*)</pre>', re.DOTALL)
_BLOCK_TAGS = frozenset({"p", "ul", "ol", "blockquote", "pre", "table", "hr", "div"})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Marp's image keywords live in the alt text: ![bg left w:300](photo.jpg)
_MARP_IMAGE_KEYWORD = re.compile(
    r"(?:bg|(?:left|right)(?::\d+(?:\.\d+)?%)?|contain|cover|fit|auto|vertical|"
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


class _OnlyWithFences(Preprocessor):
    def __init__(self, md: markdown.Markdown, inner: Preprocessor) -> None:
        super().__init__(md)
        self.inner = inner

    def run(self, lines: list[str]) -> list[str]:
        if any("```" in line or "~~~" in line for line in lines):
            return self.inner.run(lines)
        return lines

    def __getattr__(self, name: str) -> object:  # superfences' other parts use its state
        return getattr(self.inner, name)


class _PlainText(Treeprocessor):
    """Marks text that no inline pattern can match, so Python-Markdown skips it.

    Python-Markdown tries each of its ~17 inline patterns on every run of text;
    most runs on a slide ("Sichtbarkeit entsteht durch Regelmäßigkeit") hold none
    of the characters a pattern starts with, and an AtomicString is left alone.
    """

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.text and _is_plain(element.text):
                element.text = AtomicString(element.text)
            if element.tail and _is_plain(element.tail):
                element.tail = AtomicString(element.tail)


class _TriggeredInline(InlineProcessor):
    """Python-Markdown's inline processor, skipping a pattern where its text lacks
    what the pattern needs (`_PATTERN_NEEDS`): the same tree, fewer calls."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._needs: list[str | re.Pattern[str] | None] = []
        self._without_references: list[str | re.Pattern[str] | None] = []
        self._in_use = self._needs

    def learn_patterns(self) -> None:
        """Read the patterns' order: once they are all registered."""
        patterns = self.inlinePatterns
        self._needs = [None] * len(patterns)
        for name, need in _PATTERN_NEEDS.items():
            if name in patterns:
                self._needs[patterns.get_index_for_name(name)] = need
        # A reference pattern only ever links to a definition ([x]: https://…) of the
        # text; without one it fails on every "[", after finding its "]" (Markdown 3.11
        # does that with a loop over the whole text in Python).
        self._without_references = list(self._needs)
        for name in _REFERENCE_PATTERNS:
            if name in patterns:
                self._without_references[patterns.get_index_for_name(name)] = _NEVER

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        self._in_use = self._needs if self.md.references else self._without_references
        return super().run(tree, ancestors)

    # Replaces InlineProcessor.__handleInline (name-mangled), as in Markdown 3.x: a
    # pattern that cannot match leaves the text as its failed search would.
    def _InlineProcessor__handleInline(self, data: str, pattern_index: int = 0) -> str:  # noqa: N802
        if isinstance(data, AtomicString):
            return data
        patterns, needs = self.inlinePatterns, self._in_use
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start, count = 0, len(patterns)
        while pattern_index < count:
            need = needs[pattern_index]
            if need is not None and (
                data.find(need, start) < 0
                if isinstance(need, str)
                else need.search(data, start) is None
            ):
                pattern_index, start = pattern_index + 1, 0
                continue
            data, matched, start = apply(patterns[pattern_index], data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data


def _is_plain(text: str) -> bool:
    return not isinstance(text, AtomicString) and _INLINE_TRIGGER.search(text) is None


def _github_emoji_names(options: object, md: markdown.Markdown) -> dict[str, object]:
    """pymdownx's gemoji index without its deep copy (16 ms at every start).

    The emoji pattern only reads the index, so the module's own dicts serve.
    """
    from pymdownx import gemoji_db

    return {"name": gemoji_db.name, "emoji": gemoji_db.emoji, "aliases": gemoji_db.aliases}


# What only the full converter reads: ~~strike~~ (and ~~~ fences), $math$,
# backslashes (\(math\), escapes), ``` fences inside list items.
_NEEDS_FULL = re.compile(r"~~|\$|\\|```")


def needs_full_converter(text: str) -> bool:
    """Whether `text` holds anything the lean converter would read differently."""
    return _NEEDS_FULL.search(text) is not None


_NEEDS_EMOJI_AND_LINKS = re.compile(f"{_EMOJI_NAME}|{_ADDRESS}", re.IGNORECASE)


def needs_emoji_and_links(text: str) -> bool:
    """Whether `text` holds anything a converter without emoji and linkify would miss."""
    return _NEEDS_EMOJI_AND_LINKS.search(text) is not None


class MarkdownConverter:
    """Reusable: building a Markdown instance costs more than converting a slide.

    `full=False` leaves out strikethrough, fences in list items and math, whose
    patterns take ~45 ms to compile at every start (most of an export's start-up);
    a segment that holds none of their characters (`needs_full_converter`) reads
    the same either way. `emoji_and_links=False` (only without `full`) leaves out
    emoji and linkify, whose modules take ~26 ms to import (pymdownx.util brings
    urllib.request, http.client and email); a segment without an emoji name or an
    address (`needs_emoji_and_links`) reads the same either way.
    """

    def __init__(self, *, full: bool = True, emoji_and_links: bool = True) -> None:
        extensions: list[markdown.Extension] = [
            TableExtension(),
            SaneListExtension(),  # "3." stays 3., and a - list never joins a 1. list
        ]
        if full or emoji_and_links:
            from pymdownx.emoji import EmojiExtension, to_alt
            from pymdownx.magiclink import MagiclinkExtension

            extensions += [
                # The character, not a picture; GitHub's names, which Marp's
                # markdown-it-emoji uses too.
                EmojiExtension(emoji_generator=to_alt, emoji_index=_github_emoji_names),
                MagiclinkExtension(),  # Marp's linkify: a bare https://… address is a link
            ]
        if full:
            # Imported here: superfences brings Pygments, and a deck without these
            # characters never needs them.
            from pymdownx.arithmatex import ArithmatexExtension
            from pymdownx.superfences import SuperFencesCodeExtension
            from pymdownx.tilde import DeleteSubExtension

            extensions += [
                DeleteSubExtension(subscript=False),  # Marp: ~~strike~~, no ~sub~
                SuperFencesCodeExtension(
                    custom_fences=[{"name": "*", "class": "", "format": _mark_code}]
                ),
                # Marp's math: $…$ inline, $$…$$ displayed; "$ 17.83" stays money.
                ArithmatexExtension(
                    generic=True,
                    smart_dollar=True,
                    tex_inline_wrap=["", ""],
                    tex_block_wrap=["", ""],
                ),
            ]
        # Extension objects, not names: a name makes Markdown search the installed
        # packages' entry points (importlib.metadata, ~20 ms at every start).
        self._md = markdown.Markdown(extensions=extensions)
        self._md.preprocessors.deregister("html_block")  # the splitter takes block HTML
        self._md.preprocessors.register(CommonMarkBlocks(self._md), "impuls_commonmark", 25)
        if full:
            self._md.preprocessors.register(DisplayMathLines(self._md), "impuls_display_math", 24)
            # superfences reads fences nested in list items; the splitter took the
            # others out, so a segment without a fence marker need not be scanned.
            fences = self._md.preprocessors["fenced_code_block"]
            self._md.preprocessors.register(
                _OnlyWithFences(self._md, fences), "fenced_code_block", 26
            )
        # We read the element tree, never HTML: no pretty-printing of it either.
        self._md.treeprocessors.deregister("prettify")
        self._md.treeprocessors.register(_PlainText(self._md), "impuls_plain_text", 21)
        # Python-Markdown tries every inline pattern on every run of text, at a cost
        # per pattern (~5 % of a deck's parse each). These add nothing on a slide:
        # every line break already is one (Marp's `breaks`), and an e-mail address
        # reads the same whether or not it is a link.
        for needless in ("linebreak", "automail", "magic-mail"):
            self._md.inlinePatterns.deregister(needless, strict=False)
        if hasattr(InlineProcessor, "_InlineProcessor__handleInline"):  # as Markdown 3.x
            inline = _TriggeredInline(self._md)
            inline.learn_patterns()
            self._md.treeprocessors.register(inline, "inline", 20)
        self._stash: list[str] = []
        self._tags = TagStack()

    def convert(self, text: str) -> list[Block | RawImage]:
        """Blocks for `text`; images come back as RawImage for the parser to resolve."""
        md = self._md
        md.reset()
        if not text.strip():
            return []
        # Markdown.convert's first three steps; its last two (serialising the tree to
        # HTML and post-processing that text) would cost a tenth of the time for
        # nothing we use.
        lines = text.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        assert root is not None  # parseDocument always gives a root element
        for treeprocessor in md.treeprocessors:
            root = treeprocessor.run(root) or root
        self._stash = [str(item) for item in md.htmlStash.rawHtmlBlocks]
        return self._blocks(root)

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
            if el.get("class") == "arithmatex":
                return [Math(html.unescape("".join(el.itertext())).strip())]
            return self._blocks(el)
        return self._paragraph(el)

    def _paragraph(self, el: ET.Element) -> list[Block | RawImage]:
        code = self._stashed_code(el)
        if code is not None:
            return [code]
        images = [self._image(img) for img in el.iter("img")]
        spans = trim_spans(self._inline(el))
        out: list[Block | RawImage] = []
        if "".join(span.text for span in spans).strip():
            out.append(Paragraph(spans))
        out.extend(images)
        return out

    def _take_code(self, text: str) -> tuple[str, list[CodeBlock]]:
        """`text` without the fences superfences stashed in it, and those fences."""
        if "\x02" not in text:
            return text, []
        found: list[CodeBlock] = []

        def take(match: re.Match[str]) -> str:
            index = int(match.group(1))
            code = _CODE_MARK.fullmatch(self._stash[index]) if index < len(self._stash) else None
            if code is None:
                return match.group()
            found.append(CodeBlock(html.unescape(code.group(2)), html.unescape(code.group(1))))
            return ""

        return _PLACEHOLDER.sub(take, text).rstrip(), found

    def _stashed_code(self, el: ET.Element) -> CodeBlock | None:
        """A fence that superfences read (inside a list item, say), as a CodeBlock."""
        text = (el.text or "").strip()
        if len(el) or not text.startswith("\x02"):
            return None
        match = _PLACEHOLDER.fullmatch(text)
        index = int(match.group(1)) if match is not None else -1
        if not 0 <= index < len(self._stash):
            return None
        code = _CODE_MARK.fullmatch(self._stash[index])
        if code is None:
            return None
        return CodeBlock(html.unescape(code.group(2)), html.unescape(code.group(1)))

    def _list(self, el: ET.Element) -> ListBlock:
        items: list[ListItem] = []
        loose = False
        for li in el.findall("li"):
            inline_part = ET.Element("li")
            # A fence in a tight item sits in the item's text as a stash placeholder.
            text, fences = self._take_code(li.text or "")
            inline_part.text = text
            children: list[Block] = list(fences)
            first_paragraph_taken = False
            for child in li:
                if child.tag in _BLOCK_TAGS:
                    if (
                        child.tag == "p"
                        and not first_paragraph_taken
                        and not (li.text or "").strip()
                        and self._stashed_code(child) is None
                    ):
                        inline_part = child
                        first_paragraph_taken = loose = True
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
            loose=loose,
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
        self._tags = TagStack()  # inline HTML tags open in this paragraph
        self._collect(el, spans, PLAIN)
        return merge_spans(spans)

    def _collect(self, el: ET.Element, spans: list[Span], style: Span) -> None:
        if el.text:
            self._emit(el.text, style, spans)
        for child in el:
            tag = child.tag
            if tag == "code":
                code_style = enter(self._tags.style(style), "code")
                spans.append(with_text(code_style, self._code_text(child)))
            elif tag == "br":
                spans.append(with_text(self._tags.style(style), "\n"))
            elif tag == "img":
                pass  # images become blocks of their own (see _paragraph)
            elif tag == "span" and child.get("class") == "arithmatex":
                tex = html.unescape("".join(child.itertext())).strip()
                spans.append(dataclasses.replace(with_text(style, tex), math=True))
            elif isinstance(tag, str):
                self._collect(child, spans, enter(style, tag, child.get("href")))
            if child.tail:
                self._emit(child.tail, style, spans)

    def _emit(self, text: str, style: Span, spans: list[Span]) -> None:
        """Text with Python-Markdown's placeholders: entities, emoji and inline HTML tags."""
        if "\x02" not in text:  # most runs of text hold none
            spans.append(with_text(self._tags.style(style), text))
            return
        position = 0
        for match in _PLACEHOLDER.finditer(text):
            if match.start() > position:
                spans.append(with_text(self._tags.style(style), text[position : match.start()]))
            position = match.end()
            index = int(match.group(1))
            raw = self._stash[index] if index < len(self._stash) else ""
            tag = read_tag(raw)
            if tag is None:  # an entity (&copy;) or an emoji
                spans.append(with_text(self._tags.style(style), html.unescape(raw)))
            elif not tag.allowed:  # as Marp's sanitizer: the tag is shown as written
                spans.append(with_text(self._tags.style(style), raw))
            elif tag.name == "br":
                spans.append(with_text(self._tags.style(style), "\n"))
            else:
                self._tags.apply(tag)
        if position < len(text):
            spans.append(with_text(self._tags.style(style), text[position:]))

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


def merge_spans(spans: list[Span]) -> Inline:
    """Join neighbouring spans of the same style; drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].same_style(span):
            merged[-1] = dataclasses.replace(merged[-1], text=merged[-1].text + span.text)
            continue
        merged.append(span)
    return tuple(merged)


def trim_spans(spans: Inline) -> Inline:
    """Without the white space a rendered block ignores at its start and end."""
    items = list(spans)
    while items and not items[0].text.strip(" \n"):
        items.pop(0)
    while items and not items[-1].text.strip(" \n"):
        items.pop()
    if not items:
        return ()
    items[0] = dataclasses.replace(items[0], text=items[0].text.lstrip(" \n"))
    items[-1] = dataclasses.replace(items[-1], text=items[-1].text.rstrip(" \n"))
    return tuple(items)


def _mark_code(
    source: str, language: str, class_name: str, options: object, md: object, **kwargs: object
) -> str:
    """superfences' formatter: keep a nested fence's code and language for `_stashed_code`."""
    return f'<pre data-impuls-code="{html.escape(language)}">{html.escape(source)}</pre>'
