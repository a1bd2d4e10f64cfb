"""Split deck source into front matter and slides, on the source, keeping line numbers.

Landslide split rendered HTML with a regex and silently capped decks at 49
slides; we split the Markdown lines themselves. A `---` line separates slides
unless it sits inside a fenced block or an HTML comment, so a code sample or a
speaker note may contain one. Within a slide the lines fall into segments:
Markdown text, fenced blocks (code or ```poll) and HTML comments (notes or Marp
directives), each with the line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEPARATOR = re.compile(r" {0,3}---[ \t]*")
_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*(.*?)[ \t]*")
_FRONT_MATTER_END = re.compile(r"(?:---|\.\.\.)[ \t]*")


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
class CommentSegment:
    line: int
    text: str
    closed: bool = True


Segment = MarkdownSegment | FenceSegment


@dataclass
class RawSlide:
    line: int  # the slide's first non-blank line (or the line after its separator)
    segments: list[Segment] = field(default_factory=list)
    # Comments do not interrupt the Markdown around them, so they live apart.
    comments: list[CommentSegment] = field(default_factory=list)

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


def split_source(text: str) -> SplitSource:
    """Split normalised deck text (only `\\n` line breaks) into front matter and slides."""
    lines = text.split("\n")
    front_matter: str | None = None
    front_closed = True
    body_start = 0
    if lines and _SEPARATOR.fullmatch(lines[0]) and lines[0].startswith("---"):
        for index in range(1, len(lines)):
            if _FRONT_MATTER_END.fullmatch(lines[index]):
                front_matter = "\n".join(lines[1:index])
                body_start = index + 1
                break
        else:
            front_matter = "\n".join(lines[1:])
            front_closed = False
            body_start = len(lines)
    slides = _SlideScanner().scan(lines, body_start)
    return SplitSource(front_matter, 1, front_closed, slides)


class _SlideScanner:
    """A line-by-line state machine: in Markdown, in a fence, or in a comment."""

    def __init__(self) -> None:
        self.slides: list[RawSlide] = []
        self.slide = RawSlide(line=1)
        self.fence: FenceSegment | None = None
        self.fence_marker = ""
        self.fence_indent = 0
        self.comment: CommentSegment | None = None
        self.comment_parts: list[str] = []
        self.comment_is_block = False
        self.slide_started = False

    def scan(self, lines: list[str], start: int) -> list[RawSlide]:
        self.slide = RawSlide(line=start + 1)
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
        if not self.slide_started and line.strip() and not _SEPARATOR.fullmatch(line):
            self.slide.line = number
            self.slide_started = True
        if self.fence is not None:
            self._fence_line(line)
        elif self.comment is not None:
            self._comment_continues(line, number)
        elif _SEPARATOR.fullmatch(line):
            self.slides.append(self.slide)
            self.slide = RawSlide(line=number + 1)
            self.slide_started = False
        elif match := _FENCE_OPEN.fullmatch(line):
            indent, marker, info = match.groups()
            if marker.startswith("`") and "`" in info:
                self._text(line, number)  # CommonMark: not a fence, an inline code span
                return
            self.fence = FenceSegment(line=number, info=info)
            self.fence_marker = marker
            self.fence_indent = len(indent)
        else:
            self._text(line, number)

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
        while (start := rest.find("<!--")) != -1:
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
            self.slide.comments.append(CommentSegment(line=number, text=rest[start + 4 : end]))
            rest = rest[end + 3 :]
        kept.append(rest)
        self._append_markdown("".join(kept), number, drop_if_blank=block_comment)

    def _comment_continues(self, line: str, number: int) -> None:
        assert self.comment is not None
        end = line.find("-->")
        if end == -1:
            self.comment_parts.append(line)
            return
        self.comment_parts.append(line[:end])
        self.comment.text = "\n".join(self.comment_parts)
        self.slide.comments.append(self.comment)
        self.comment = None
        rest = line[end + 3 :]
        if rest.strip():
            self._text(rest, number)
        elif self.comment_is_block:
            # A comment standing on its own lines ends a paragraph, as in CommonMark.
            self._append_markdown("", number, drop_if_blank=False)

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
