"""A deck's text as the editor changes it: slide by slide, byte for byte elsewhere.

The editor never rewrites a deck from its model: Marp must still read the file,
and a speaker who opens it in another editor must find their own text. A Draft
holds the file as the parser divides it (`split_for_editing`): the head (front
matter), then per slide the separator lines before it and its own lines. Every
edit replaces the lines of the slides it concerns and joins the rest unchanged.

A slide's own lines are shown without the blank lines around them (`content`);
those stay where they are, so an edit of the content keeps the slide's spacing.
Qt-free, and immutable: an edit returns a new Draft, which is what an undo stack
needs.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass

from workshop_app.deck.parser import split_for_editing
from workshop_app.deck.polls import declared_id
from workshop_app.deck.splitter import FenceSegment, split_source

SEPARATOR = "---"
# A `---` right under paragraph text underlines a setext heading instead of
# dividing slides: such a separator gets a blank line before it.
_DASH_RULE = re.compile(r" {0,3}-+[ \t]*")
_POLL_ID_LINE = re.compile(r"(?P<key>[ \t]*id[ \t]*:[ \t]*)(?P<id>[^\s#]+)(?P<rest>.*)")


def _blank(line: str) -> bool:
    return not line.strip()


@dataclass(frozen=True)
class DraftSlide:
    """One slide's lines: the separator before it, then its lead, content and trail."""

    separator: tuple[str, ...]  # e.g. ("---",); () for the first slide or a dividing heading
    lead: tuple[str, ...]  # blank lines before the content
    content: tuple[str, ...]
    trail: tuple[str, ...]  # blank lines after it (with the file's last line break)

    @classmethod
    def of(cls, separator: tuple[str, ...], lines: list[str]) -> DraftSlide:
        first = next((i for i, line in enumerate(lines) if not _blank(line)), len(lines))
        last = next((i for i in range(len(lines), first, -1) if not _blank(lines[i - 1])), first)
        return cls(separator, tuple(lines[:first]), tuple(lines[first:last]), tuple(lines[last:]))

    # Cached: a Draft never changes, and the editor asks for these on every keystroke.
    @functools.cached_property
    def text(self) -> str:
        """What the editor shows of the slide."""
        return "\n".join(self.content)

    @functools.cached_property
    def lines(self) -> tuple[str, ...]:
        return self.separator + self.lead + self.content + self.trail

    def with_text(self, text: str) -> DraftSlide:
        lines = text.split("\n")
        if not text.strip():  # an emptied slide keeps one blank line of its own
            return dataclasses.replace(self, content=())
        updated = DraftSlide.of(self.separator, lines)
        # The slide's blank lines around its content stay; the text's own go too.
        return dataclasses.replace(self, content=updated.content)


@dataclass(frozen=True)
class Draft:
    """A deck file's text divided into its head and its slides (source slides:
    a `![](pdf:3-7)` slide is one here and five in the deck)."""

    head: tuple[str, ...]
    slides: tuple[DraftSlide, ...]
    newline: str = "\n"  # "\r\n" for a file written on Windows
    bom: bool = False

    @classmethod
    def read(cls, text: str) -> Draft:
        bom = text.startswith("\ufeff")
        body = text.removeprefix("\ufeff")
        newline = "\r\n" if "\r\n" in body else "\n"
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        lines = body.split("\n")
        raw = split_for_editing(body).slides
        head = lines[: raw[0].start - 1] if raw else lines
        slides = []
        for index, slide in enumerate(raw):
            following = raw[index + 1] if index + 1 < len(raw) else None
            if following is None:
                end = len(lines)
            elif following.separator is not None:
                end = following.separator - 1
            else:
                end = following.start - 1
            separator = () if slide.separator is None else (lines[slide.separator - 1],)
            slides.append(DraftSlide.of(separator, lines[slide.start - 1 : end]))
        return cls(tuple(head), tuple(slides), newline, bom)

    @functools.cached_property
    def text(self) -> str:
        """The file's text, as it is written: its line breaks, its byte order mark."""
        # No line holds a break of its own, so the file's are the plain text's.
        written = self.plain if self.newline == "\n" else self.plain.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "") + written

    @functools.cached_property
    def plain(self) -> str:
        """The whole text as the editor shows it (`\n` line breaks)."""
        return "\n".join(self._lines())

    @functools.cached_property
    def _starts(self) -> tuple[int, ...]:
        """The file's 1-based line where each slide's lines begin (its separator)."""
        starts = []
        line = len(self.head) + 1
        for slide in self.slides:
            starts.append(line)
            line += len(slide.lines)
        return tuple(starts)

    def with_plain(self, plain: str) -> Draft:
        """The whole text replaced (the whole-file view), written as the file was."""
        return dataclasses.replace(Draft.read(plain), newline=self.newline, bom=self.bom)

    def _lines(self) -> list[str]:
        lines: list[str] = list(self.head)
        for slide in self.slides:
            lines.extend(slide.lines)
        return lines

    def __len__(self) -> int:
        return len(self.slides)

    # ------------------------------------------------------------ where things are

    def start_line(self, index: int) -> int:
        """The file's 1-based line where slide `index`'s lines begin (its separator)."""
        return self._starts[index]

    def content_line(self, index: int) -> int:
        """The file's 1-based line of slide `index`'s first content line."""
        slide = self.slides[index]
        return self._starts[index] + len(slide.separator) + len(slide.lead)

    def slide_at(self, line: int) -> int:
        """The slide whose lines hold the file's 1-based `line` (the head: slide 0)."""
        return max(bisect.bisect_right(self._starts, line) - 1, 0)

    # ------------------------------------------------------------ edits

    def with_slide_text(self, index: int, text: str) -> Draft:
        """Slide `index` with new content; every other line as it was."""
        slides = list(self.slides)
        slides[index] = slides[index].with_text(text)
        return self._guarded(slides, touched=index)

    def inserted(self, at: int, text: str) -> Draft:
        """A new slide with `text` at position `at` (0: first, len: last)."""
        slides = list(self.slides)
        new = DraftSlide((SEPARATOR,), ("",), tuple(text.split("\n")), ("",))
        slides.insert(at, new)
        return self._guarded(slides, structural=True)

    def duplicated(self, index: int) -> Draft:
        """A copy of slide `index` after it; its poll gets an id of its own."""
        taken = {poll_id for slide in self.slides for poll_id in _poll_ids(slide.content)}
        copy = dataclasses.replace(
            self.slides[index],
            separator=(SEPARATOR,),
            content=_renamed_polls(self.slides[index].content, taken),
        )
        slides = list(self.slides)
        slides.insert(index + 1, copy)
        return self._guarded(slides, structural=True)

    def deleted(self, index: int) -> Draft:
        """Without slide `index`; the last slide cannot go (a deck has one)."""
        if len(self.slides) <= 1:
            raise ValueError("a deck keeps at least one slide")
        slides = list(self.slides)
        del slides[index]
        return self._guarded(slides, structural=True)

    def moved(self, index: int, to: int) -> Draft:
        """Slide `index` moved to position `to` (counted after taking it out)."""
        slides = list(self.slides)
        slide = slides.pop(index)
        slides.insert(to, slide)
        return self._guarded(slides, structural=True)

    # ------------------------------------------------------------ keeping it a deck

    def _guarded(
        self, slides: list[DraftSlide], *, structural: bool = False, touched: int = -1
    ) -> Draft:
        """The slides joined so that each stays one slide.

        - The first slide has no separator (after the head, `---` would make an
          empty slide); any other that lost its place after a dividing heading
          gets `---`.
        - A `---` under paragraph text would underline it: the slide above gets
          a blank line.
        - A file without front matter must not begin with the second slide's
          `---` (that would open front matter): an emptied first slide keeps a
          blank line.
        - The file keeps its last line break.
        """
        ended = bool(self.slides) and (self.slides[-1].lines[-1:] == ("",))
        for index, slide in enumerate(slides):
            if index == 0 and slide.separator:
                slides[0] = dataclasses.replace(slide, separator=())
            elif index > 0 and not slide.separator and structural:
                slides[index] = dataclasses.replace(slide, separator=(SEPARATOR,))
        for index in range(1, len(slides)):
            above = slides[index - 1]
            if (structural or index - 1 == touched) and _runs_into(above, slides[index]):
                slides[index - 1] = dataclasses.replace(above, trail=("",))
        if len(slides) > 1 and not self.head and not slides[0].lines and slides[1].separator:
            slides[0] = dataclasses.replace(slides[0], trail=("",))
        last = slides[-1] if slides else None
        if last is not None and ended and last.lines[-1:] != ("",):
            slides[-1] = dataclasses.replace(last, trail=(*last.trail, ""))
        elif last is not None and not ended and structural and last.trail:
            slides[-1] = dataclasses.replace(last, trail=())  # no last line break, as before
        return dataclasses.replace(self, slides=tuple(slides))


def _runs_into(above: DraftSlide, below: DraftSlide) -> bool:
    """`below`'s `---` would underline `above`'s last line (a setext heading)
    instead of separating them."""
    separator = below.separator
    if above.trail or not separator or _DASH_RULE.fullmatch(separator[-1]) is None:
        return False
    if not above.content:
        return False
    joined = "\n".join((*above.content[-1:], *separator))
    return len(split_source(joined).slides) < 2


# ---------------------------------------------------------------- fenced blocks


@dataclass(frozen=True)
class FencedBlock:
    """A fenced block (```poll, ```questions) in a slide's content."""

    kind: str
    first: int  # index in the content of the opening fence
    end: int  # index after the closing fence
    body: str  # the lines between the fences
    segment: FenceSegment  # as the splitter read it


def fenced_blocks(content: tuple[str, ...] | str, kind: str) -> list[FencedBlock]:
    """The blocks of `kind` in a slide's content, in order."""
    lines = content.split("\n") if isinstance(content, str) else list(content)
    found: list[FencedBlock] = []
    for raw in split_source("\n".join(lines)).slides:
        for segment in raw.segments:
            if isinstance(segment, FenceSegment) and segment.kind == kind:
                first = segment.line - 1
                end = first + 1 + len(segment.body) + (1 if segment.closed else 0)
                body = "\n".join(lines[first + 1 : end - 1])
                found.append(FencedBlock(kind, first, end, body, segment))
    return found


def with_block(content: str, kind: str, body: str, which: int = 0) -> str:
    """`content` with block `which` of `kind` holding `body`; a new block at the
    end when it has none. Every line outside the block stays as it was."""
    lines = content.split("\n") if content else []
    blocks = fenced_blocks(tuple(lines), kind)
    body_lines = body.rstrip("\n").split("\n")
    if which < len(blocks):
        block = blocks[which]
        opening = lines[block.first]
        closing = lines[block.end - 1] if block.end - 1 > block.first else "```"
        lines[block.first : block.end] = [opening, *body_lines, closing]
    else:
        if lines and lines[-1].strip():
            lines.append("")
        lines.extend([f"```{kind}", *body_lines, "```"])
    return "\n".join(lines)


def _poll_ids(content: tuple[str, ...]) -> list[str]:
    """The ids the slide's poll blocks declare, read as the parser reads them."""
    declared = (declared_id(block.segment) for block in fenced_blocks(content, "poll"))
    return [poll_id for poll_id in declared if poll_id is not None]


def _renamed_polls(content: tuple[str, ...], taken: set[str]) -> tuple[str, ...]:
    """`content` with each poll's id made unique among `taken`, which grows."""
    lines = list(content)
    for block in fenced_blocks(content, "poll"):
        for number in range(block.first + 1, block.end - 1):
            match = _POLL_ID_LINE.fullmatch(lines[number])
            if match is None or match.start("id") != len(match.group("key")):
                continue
            old = match.group("id").strip("\"'")
            new = unique_id(old, taken)
            taken.add(new)
            lines[number] = f"{match.group('key')}{new}{match.group('rest')}"
    return tuple(lines)


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, … whichever is free."""
    if wanted not in taken:
        return wanted
    stem = re.sub(r"-\d+$", "", wanted)
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
