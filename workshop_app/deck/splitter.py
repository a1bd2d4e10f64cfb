"""Split deck source into front matter and slides, on the source, keeping line numbers.

Landslide split rendered HTML with a regex and silently capped decks at 49
slides; we split the Markdown lines themselves. As in Marp, every thematic
break (`---`, `***`, `___`, `- - -`, longer runs) separates slides unless it
sits inside a fenced block or an HTML comment, so a code sample or a speaker
note may contain one; a `---` right under a line of text underlines a setext
heading, as CommonMark reads it. With Marp's `headingDivider`, a heading of the
given levels starts a new slide too. Within a slide the lines fall into
segments: Markdown text, fenced blocks (code or ```poll) and HTML comments
(notes or Marp directives), each with the line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEPARATOR = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_FRONT_MATTER_START = re.compile(r"---[ \t]*")
_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*(.*?)[ \t]*")
_FRONT_MATTER_END = re.compile(r"(?:-{3,}|\.\.\.)[ \t]*")
_SETEXT_UNDERLINE = re.compile(r" {0,3}-+[ \t]*")
# A line after which `---` cannot underline a setext heading: a heading, a list
# item, a quote, a table row, or one that a comment ends (CommonMark and Marp).
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|\|)")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_STYLE_OPEN = re.compile(r" {0,3}<style(?:\s[^>]*)?>", re.IGNORECASE)
_SCOPED = re.compile(r"\sscoped\b", re.IGNORECASE)
# CommonMark's HTML blocks (spec 4.6): type 1 runs to its closing tag, type 6 (a
# block tag) to the next blank line and may interrupt a paragraph, type 7 (any
# other whole tag alone on its line) to the next blank line, but not mid-paragraph.
_HTML_RAW_OPEN = re.compile(r" {0,3}<(script|pre|textarea)(?:\s|>|$)", re.IGNORECASE)
_HTML_BLOCK_TAG = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|"
    r"colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|"
    r"frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    r"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    r"thead|title|tr|track|ul)(?:\s|/?>|$)",
    re.IGNORECASE,
)
_HTML_WHOLE_TAG = re.compile(
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'"
    r"|\"[^\"]*\"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*"
)
# The first characters (after up to three spaces) of the lines _line treats
# specially: fences, HTML and <style>; separators; headings, with headingDivider.
# A blank line's "" is in neither set: it is plain.
_MAY_START_SOMETHING = frozenset("`~<")
_MAY_START_RULE = frozenset("-*_")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")


@dataclass
class MarkdownSegment:
    line: int
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # source line of each entry in `lines`

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class FenceSegment:
    line: int
    info: str
    body: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def kind(self) -> str:
        """The first word of the info string: `poll`, a language, or ""."""
        return self.info.split(maxsplit=1)[0].lower() if self.info.strip() else ""

    @property
    def text(self) -> str:
        return "\n".join(self.body)


@dataclass
class HtmlSegment:
    """A raw HTML block, read by `html_blocks` (Marp Core's allowlist)."""

    line: int
    lines: list[str] = field(default_factory=list)
    until: str = ""  # the closing tag of a type-1 block; "" ends at a blank line

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class CommentSegment:
    line: int
    text: str  # between `<!--` and `-->`, without the dashes Marp also reads as fence
    closed: bool = True


def _inside(text: str) -> str:
    """A comment's text as Marp reads it: `<!--- footer: x --->` holds `footer: x`
    (marpit's comment pattern takes any number of dashes on either side)."""
    return text.lstrip("-").rstrip("-")


Segment = MarkdownSegment | FenceSegment | HtmlSegment


@dataclass
class StyleSegment:
    """A `<style>` block: its CSS from its first line on, and whether it is `scoped`."""

    line: int
    scoped: bool
    parts: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return "\n".join(self.parts)


@dataclass
class RawSlide:
    line: int  # the slide's first non-blank line (or the line after its separator)
    # Where the slide's own lines begin: after its separator, at its dividing
    # heading, or where the body starts; and the separator's line (None: none).
    start: int = 1
    separator: int | None = None
    segments: list[Segment] = field(default_factory=list)
    # Comments do not interrupt the Markdown around them, so they live apart.
    comments: list[CommentSegment] = field(default_factory=list)
    # The slide's `<style>` blocks: Marp's custom CSS (deck/stylesheet.py reads it).
    styles: list[StyleSegment] = field(default_factory=list)
    # `---` lines read as a setext heading's underline rather than a new slide.
    setext_rules: list[int] = field(default_factory=list)
    # Headings that carry Marp's `<!--fit-->` marker.
    fit_headings: list[int] = field(default_factory=list)

    def is_blank(self) -> bool:
        return all(
            isinstance(seg, MarkdownSegment) and not seg.text.strip() for seg in self.segments
        )


@dataclass
class SplitSource:
    front_matter: str | None
    front_matter_line: int  # line of the opening `---`
    front_matter_closed: bool
    slides: list[RawSlide]


def split_source(text: str, heading_divider: frozenset[int] = frozenset()) -> SplitSource:
    """Split normalised deck text (only `\\n` line breaks) into front matter and slides.

    `heading_divider`: the heading levels that start a new slide (Marp's
    `headingDivider`); empty for none.
    """
    lines = text.split("\n")
    front_matter: str | None = None
    front_closed = True
    body_start = 0
    if lines and _FRONT_MATTER_START.fullmatch(lines[0]):
        for index in range(1, len(lines)):
            if _FRONT_MATTER_END.fullmatch(lines[index]):
                front_matter = "\n".join(lines[1:index])
                body_start = index + 1
                break
        else:
            front_matter = "\n".join(lines[1:])
            front_closed = False
            body_start = len(lines)
    slides = _SlideScanner(heading_divider).scan(lines, body_start)
    return SplitSource(front_matter, 1, front_closed, slides)


class _SlideScanner:
    """A line-by-line state machine: in Markdown, in a fence, or in a comment."""

    def __init__(self, heading_divider: frozenset[int] = frozenset()) -> None:
        self.heading_divider = heading_divider
        self.paragraph_open = False  # the last Markdown line was paragraph text
        self.has_content = False  # the current slide holds text or a fence
        self.slides: list[RawSlide] = []
        self.slide = RawSlide(line=1)
        self.fence: FenceSegment | None = None
        self.fence_marker = ""
        self.fence_indent = 0
        self.comment: CommentSegment | None = None
        self.comment_parts: list[str] = []
        self.comment_is_block = False
        self.in_style = False
        self.html: HtmlSegment | None = None
        self.slide_started = False

    def scan(self, lines: list[str], start: int) -> list[RawSlide]:
        self.slide = RawSlide(line=start + 1, start=start + 1)
        for index in range(start, len(lines)):
            self._line(lines[index], index + 1)
        if self.fence is not None:
            self.slide.segments.append(self.fence)  # closed=False: reported by the parser
        if self.comment is not None:
            self.comment.text = "\n".join(self.comment_parts)
            self.comment.closed = False
            self.slide.comments.append(self.comment)
        self.slides.append(self.slide)
        return self.slides

    def _line(self, line: str, number: int) -> None:
        if (
            self.fence is None
            and self.html is None
            and self.comment is None
            and not self.in_style
            and self._is_plain(line)
        ):
            self._plain_line(line, number)  # most lines: ~3× faster than the checks below
            return
        if not self.slide_started and line.strip() and not _SEPARATOR.fullmatch(line):
            self.slide.line = number
            self.slide_started = True
        if self.fence is not None:
            self._fence_line(line)
        elif self.html is not None:
            self._html_line(line, number)
        elif self.in_style:
            self._style_line(line)
        elif self.comment is not None:
            self._comment_continues(line, number)
        elif opened := _STYLE_OPEN.match(line):
            scoped = _SCOPED.search(opened.group()) is not None
            self.slide.styles.append(StyleSegment(number, scoped))
            self.in_style = True
            self._style_line(line[opened.end() :])
            self.paragraph_open = False
        elif self._html_starts(line):
            self.html = HtmlSegment(line=number)
            raw = _HTML_RAW_OPEN.match(line)
            self.html.until = f"</{raw.group(1).lower()}>" if raw else ""
            self.slide.segments.append(self.html)
            self.paragraph_open = False
            self.has_content = True
            self._html_line(line, number)
        elif _SEPARATOR.fullmatch(line) and not (
            self.paragraph_open and _SETEXT_UNDERLINE.fullmatch(line)
        ):
            self._new_slide(number + 1, separator=number)
        elif _SEPARATOR.fullmatch(line):
            self.slide.setext_rules.append(number)
            self._text(line, number)
            self.paragraph_open = False
        elif match := _FENCE_OPEN.fullmatch(line):
            indent, marker, info = match.groups()
            if marker.startswith("`") and "`" in info:
                self._text(line, number)  # CommonMark: not a fence, an inline code span
                return
            self.fence = FenceSegment(line=number, info=info)
            self.fence_marker = marker
            self.fence_indent = len(indent)
            self.paragraph_open = False
            self.has_content = True
        else:
            heading = _HEADING.match(line) if self.heading_divider else None
            if heading and len(heading.group(1)) in self.heading_divider and self.has_content:
                self._new_slide(number)
                self.slide.line = number
                self.slide_started = True
            self._text(line, number)

    def _style_line(self, line: str) -> None:
        """A line of CSS in the open `<style>` block, which `</style>` ends."""
        end = line.lower().find("</style>")
        self.slide.styles[-1].parts.append(line if end < 0 else line[:end])
        self.in_style = end < 0

    def _is_plain(self, line: str) -> bool:
        first = line.lstrip()[:1]
        if first in _MAY_START_SOMETHING or "<!--" in line:
            return False
        if first in _MAY_START_RULE:
            return _SEPARATOR.fullmatch(line) is None  # "- Punkt" is plain, "---" is not
        return first != "#" or not self.heading_divider

    def _plain_line(self, line: str, number: int) -> None:
        """A line of text that can start no separator, fence, HTML, heading or comment."""
        self._append_markdown(line, number, drop_if_blank=False)
        if not line or line.isspace():
            self.paragraph_open = False
            return
        if not self.slide_started:
            self.slide.line = number
            self.slide_started = True
        self.has_content = True
        self.paragraph_open = _NOT_PARAGRAPH.match(line) is None

    def _html_starts(self, line: str) -> bool:
        if _HTML_RAW_OPEN.match(line) or _HTML_BLOCK_TAG.match(line):
            return True
        return not self.paragraph_open and _HTML_WHOLE_TAG.fullmatch(line) is not None

    def _html_line(self, line: str, number: int) -> None:
        assert self.html is not None
        if not self.html.until and not line.strip():
            self.html = None  # a blank line ends it; the Markdown after it is Markdown again
            self._text(line, number)
            return
        self.html.lines.append(line)
        if self.html.until and self.html.until in line.lower():
            self.html = None

    def _new_slide(self, line: int, separator: int | None = None) -> None:
        self.slides.append(self.slide)
        self.slide = RawSlide(line=line, start=line, separator=separator)
        self.slide_started = False
        self.paragraph_open = False
        self.has_content = False

    def _fence_line(self, line: str) -> None:
        assert self.fence is not None
        stripped = line.strip()
        marker = self.fence_marker
        if (
            len(line) - len(line.lstrip(" ")) <= 3
            and stripped.startswith(marker)
            and set(stripped) == {marker[0]}
        ):
            self.fence.closed = True
            self.slide.segments.append(self.fence)
            self.fence = None
            return
        # Remove up to the opening fence's indentation, as CommonMark does.
        removable = len(line) - len(line.lstrip(" "))
        self.fence.body.append(line[min(removable, self.fence_indent) :])

    def _text(self, line: str, number: int) -> None:
        """A Markdown line, possibly holding the start (or all) of HTML comments."""
        rest = line
        kept: list[str] = []
        block_comment = False
        while (start := _comment_start(rest)) != -1:
            before = rest[:start]
            if not kept and not before.strip():
                block_comment = True
            kept.append(before)
            end = rest.find("-->", start + 4)
            if end == -1:
                self.comment = CommentSegment(line=number, text="")
                self.comment_parts = [rest[start + 4 :]]
                self.comment_is_block = block_comment
                self._append_markdown("".join(kept), number, drop_if_blank=block_comment)
                return
            comment = _inside(rest[start + 4 : end])
            if comment.strip() == "fit" and _HEADING.match("".join(kept)):
                self.slide.fit_headings.append(number)
            self.slide.comments.append(CommentSegment(line=number, text=comment))
            rest = rest[end + 3 :]
        kept.append(rest)
        text = "".join(kept)
        self._append_markdown(text, number, drop_if_blank=block_comment)
        if text.strip():
            self.has_content = True
            self.paragraph_open = not block_comment and _NOT_PARAGRAPH.match(text) is None
        else:
            self.paragraph_open = False

    def _comment_continues(self, line: str, number: int) -> None:
        assert self.comment is not None
        end = line.find("-->")
        if end == -1:
            self.comment_parts.append(line)
            return
        self.comment_parts.append(line[:end])
        self.comment.text = _inside("\n".join(self.comment_parts))
        self.slide.comments.append(self.comment)
        self.comment = None
        rest = line[end + 3 :]
        if rest.strip():
            self._text(rest, number)
        elif self.comment_is_block:
            # A comment standing on its own lines ends a paragraph, as in CommonMark.
            self._append_markdown("", number, drop_if_blank=False)
            self.paragraph_open = False

    def _append_markdown(self, text: str, number: int, *, drop_if_blank: bool) -> None:
        if drop_if_blank and not text.strip():
            text = ""
        segments = self.slide.segments
        if segments and isinstance(segments[-1], MarkdownSegment):
            segment = segments[-1]
        else:
            segment = MarkdownSegment(line=number)
            segments.append(segment)
        segment.lines.append(text)
        segment.numbers.append(number)


def _comment_start(text: str) -> int:
    """Where the first `<!--` outside an inline code span starts, or -1.

    `` `<!-- _class: lead -->` `` in a sentence shows a directive; it is not one.
    """
    start = text.find("<!--")
    if start == -1 or "`" not in text[:start]:
        return start
    position = 0
    while start != -1:
        span = _CODE_SPAN.search(text, position)
        if span is None or span.start() > start:
            return start
        if span.end() <= start:
            position = span.end()
            continue
        start = text.find("<!--", span.end())
        position = span.end()
    return -1
