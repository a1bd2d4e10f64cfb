"""Deck source → Deck, or a DeckError naming every problem with its line."""

from __future__ import annotations

import dataclasses
import functools
import re
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from workshop_app.deck import yamlblock
from workshop_app.deck.colors import css_color
from workshop_app.deck.frontmatter import (
    GLOBAL_DIRECTIVES,
    LOCAL_DIRECTIVES,
    LOOSE_KEYS,
    UNUSED_LOCAL_DIRECTIVES,
    FrontMatter,
    check_background,
    class_names,
    gradient_color,
    heading_levels,
    read_front_matter,
    resolve_theme,
)
from workshop_app.deck.html_blocks import read_html_block
from workshop_app.deck.leaderboard_block import read_leaderboard_block
from workshop_app.deck.local_files import MAX_PICTURE_PIXELS, in_deck_folder, oversized_picture
from workshop_app.deck.markdown_blocks import (
    MarkdownConverter,
    RawImage,
    needs_emoji_and_links,
    needs_full_converter,
)
from workshop_app.deck.model import (
    Aspect,
    Block,
    CodeBlock,
    Deck,
    DeckError,
    DeckMeta,
    Heading,
    Image,
    LeaderboardBlock,
    ListBlock,
    MarginLine,
    Math,
    Paragraph,
    PdfPage,
    Poll,
    PollBlock,
    QuestionsBlock,
    Quote,
    Slide,
    Span,
)
from workshop_app.deck.pdf_deck import (
    PAGE_SCHEME,
    DeckPdf,
    one_page_a_slide,
    open_deck_pdf,
    page_blocks,
)
from workshop_app.deck.polls import declared_id, read_poll
from workshop_app.deck.question_block import read_questions_block
from workshop_app.deck.report import Reporter
from workshop_app.deck.splitter import (
    CommentSegment,
    FenceSegment,
    HtmlSegment,
    MarkdownSegment,
    RawSlide,
    SplitSource,
    split_source,
)
from workshop_app.deck.stylesheet import Rule, read_stylesheet, slide_style
from workshop_app.i18n import Lang

# Invisible control characters (and lone surrogates) that sneak in by copy and paste.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_DIRECTIVE_START = re.compile(r"\s*_?([A-Za-z]+)\s*:")
_LIST_AS_TEXT = re.compile(r"\n[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_ALL_DIRECTIVES = LOCAL_DIRECTIVES | GLOBAL_DIRECTIVES
_COLOR_DIRECTIVES = ("color", "backgroundColor")
# Global directives a comment may set for the whole deck, as in Marp.
_APPLIED_GLOBALS = frozenset({"theme", "headingDivider"})
MAX_CONTROL_WARNINGS = 10
# A scoped `<style>` comes after every block of the deck (it weighs more anyway).
MAX_STYLE_BLOCKS = 100_000
# Python-Markdown's link pattern takes time quadratic in the number of "[" in a
# block: 2,000 of them take seconds, which would freeze a live reload. Real
# slides hold a few dozen links at most.
MAX_BRACKETS_PER_SEGMENT = 400

# By what they read: 0 plain, 1 lean (with emoji and links), 2 full; each is built
# when first needed, and reads what the ones below it read exactly as they do.
_converters: dict[int, MarkdownConverter] = {}


@functools.lru_cache(maxsize=8192)
def _convert(text: str) -> tuple[Block | RawImage, ...]:
    """Blocks for one Markdown segment, cached by its text.

    Python-Markdown needs ~0.7 ms for a typical slide; re-parsing a deck after an
    edit (live reload) then converts only the slides that changed. The blocks
    are frozen, and images are resolved per deck afterwards, so sharing is safe.
    """
    needed = 2 if needs_full_converter(text) else 1 if needs_emoji_and_links(text) else 0
    kind = next((k for k in sorted(_converters) if k >= needed), needed)
    converter = _converters.get(kind)
    if converter is None:  # one per process: building it costs more than a slide
        converter = _converters[kind] = MarkdownConverter(full=kind == 2, emoji_and_links=kind > 0)
    try:
        return tuple(converter.convert(text))
    except BaseException:
        # An interrupted conversion (RecursionError on absurd nesting) leaves
        # Python-Markdown's block parser state behind; reset() does not clear it.
        del _converters[kind]
        raise


def parse_deck(
    source: str,
    path: Path | None = None,
    stored: Mapping[str, bytes] | None = None,
    converting: Callable[[Path], None] | None = None,
    *,
    only: int | None = None,
) -> Deck:
    """Parse deck source; `path` locates images and names the file in problems.

    `stored`: the files a session kept for this deck (its PDF, pdfpc's notes),
    read instead of the disk. `converting`: called when LibreOffice starts making
    the PDF of a presentation `pdf:` names. `only`: read just that source slide's
    content (the editor's preview as you type); the others keep their place,
    notes and directives but no blocks, and only that slide's problems (and the
    front matter's) are reported. Returns a Deck (whose `warnings` may be
    non-empty) or raises DeckError.
    """
    report = Reporter(path)
    text = _normalise(source, report)
    if not text.strip():
        report.error(1, "deck.empty")
        raise DeckError(tuple(report.problems))
    split, front = _split(text, report)
    base_dir = path.parent if path is not None else None
    builder = _SlideBuilder(report, base_dir, front.directives, front.meta.lang)
    builder.spot_first = dict(front.spot)
    builder.rules = _deck_rules(front, split.slides, report, only)
    if front.pdf is not None:
        builder.pdf = open_deck_pdf(*front.pdf, base_dir, stored, report, converting)
        builder.names_pdf = True
    slides = [
        builder.build(raw, index, content=only is None or index == only)
        for index, raw in enumerate(split.slides)
    ]
    slides = _drop_trailing_blank(slides, split.slides, report)
    slides = one_page_a_slide(slides, builder.pdf)
    slides = _with_margins(slides, front.meta, builder)
    slides = _with_page_numbers(slides, front.meta)
    if not slides and split.front_matter_closed:  # an unclosed one swallowed them
        report.error(split.front_matter_line, "deck.no_slides")
    if only is None:  # what needs every slide's content
        _check_deck(slides, builder.poll_ids, front.meta, report)
    if report.has_errors:
        raise DeckError(tuple(report.problems))
    meta = _with_globals(front.meta, builder.globals, report)
    if not meta.title:
        fallback = next((s.title for s in slides if s.title), path.stem if path else "")
        meta = dataclasses.replace(meta, title=fallback)
    found = builder.pdf
    if found is None:
        return Deck(source, meta, tuple(slides), path, tuple(report.problems))
    first = found.pdf.pages[0]
    if not front.aspect_given:  # the pages choose the canvas: 16:9, 16:10, 4:3 or A4
        meta = dataclasses.replace(meta, aspect=Aspect.nearest(first.width, first.height))
    if found.speaker is not None:
        meta = dataclasses.replace(
            meta,
            duration_minutes=meta.duration_minutes or found.speaker.duration,
            end_slide=_slide_of_page(slides, found.speaker.end_page),
        )
    return Deck(
        source, meta, tuple(slides), path, tuple(report.problems),
        pdfs=MappingProxyType({found.pdf.digest: found.pdf}),
        files=MappingProxyType(found.files),
    )  # fmt: skip


def _deck_rules(
    front: FrontMatter, raw: list[RawSlide], report: Reporter, only: int | None
) -> list[Rule]:
    """The CSS that reaches every slide, in Marp's order: the front matter's `style:`,
    then each `<style>` block that is not `scoped`, wherever it stands."""
    rules = read_stylesheet(*front.style, report) if front.style is not None else []
    blocks = [(index, block) for index, slide in enumerate(raw) for block in slide.styles]
    for order, (index, block) in enumerate(blocks, 1):
        if not block.scoped:
            said = report if only is None or index == only else Reporter(report.path)
            rules.extend(read_stylesheet(block.css, block.line, said, order=order))
    return rules


def _split(text: str, report: Reporter) -> tuple[SplitSource, FrontMatter]:
    """The slides of normalised text, divided as its headingDivider asks."""
    split = split_source(text)
    front = read_front_matter(split.front_matter, split.front_matter_closed, report)
    divider = front.heading_divider or _divider_in_comments(split.slides)
    if divider:
        split = split_source(text, divider)
    return split, front


def split_for_editing(text: str) -> SplitSource:
    """How `parse_deck` divides `text` into slides, for the editor's slide list.

    `text` has only `\n` line breaks. Problems are the parse's to report."""
    return _split(text, Reporter(None))[0]


def _slide_of_page(slides: list[Slide], number: int | None) -> int | None:
    """The slide showing page `number` (1-based) of the deck's PDF, if one does."""
    if number is None:
        return None
    return next((s.index for s in slides if s.page is not None and s.page.page == number - 1),
                None)  # fmt: skip


def _normalise(source: str, report: Reporter) -> str:
    text = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) is None:
        return text
    for _, match in zip(range(MAX_CONTROL_WARNINGS), _CONTROL.finditer(text), strict=False):
        line = text.count("\n", 0, match.start()) + 1
        report.warning(line, "deck.control_char", char=f"U+{ord(match.group()):04X}")
    return _CONTROL.sub("\ufffd", text)


def _with_margins(slides: list[Slide], meta: DeckMeta, builder: _SlideBuilder) -> list[Slide]:
    """Each slide's header and footer, their Markdown read as Marp reads it."""
    read: dict[str, MarginLine] = {}  # a footer on every slide is read (and warned about) once

    def margin(markdown: object, line: int) -> MarginLine:
        text = str(markdown or "")
        if text not in read:
            read[text] = _margin_line(text, line, builder) if text.strip() else MarginLine()
        return read[text]

    with_margins = []
    for slide in slides:
        header = margin(slide.directives.get("header", meta.header), slide.line)
        footer = margin(slide.directives.get("footer", meta.footer), slide.line)
        if header or footer:  # most slides have neither: no copy of them
            slide = dataclasses.replace(slide, header=header, footer=footer)
        with_margins.append(slide)
    return with_margins


def _with_page_numbers(slides: list[Slide], meta: DeckMeta) -> list[Slide]:
    """Each slide's page number as Marp counts them (marpit's directives/apply.js):
    every slide counts but those with `paginate: skip` or `hold`; `true` and `hold`
    show the count, and a first shown number is at least 1."""
    numbered, count = [], 0
    for slide in slides:
        paginate = slide.directives.get("paginate", meta.paginate)
        if paginate not in ("skip", "hold"):
            count += 1
        if paginate is True or paginate == "hold":
            count = max(count, 1)
            slide = dataclasses.replace(slide, page_number=count)
        numbered.append(slide)
    return numbered


def paginate_value(value: object) -> bool | str | None:
    """A `paginate` directive as Marp reads it: True, False, "hold", "skip"; None: none."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str) else ""
    if word in ("hold", "skip"):
        return word
    if word in ("true", "false"):
        return word == "true"
    return None


def _margin_line(markdown: str, line: int, builder: _SlideBuilder) -> MarginLine:
    spans: list[Span] = []
    images: list[Image] = []
    for item in _convert(markdown):
        if isinstance(item, RawImage):
            images.append(builder.image(item, line))
        elif isinstance(item, Paragraph | Heading):
            if spans:
                spans.append(Span(" "))
            spans.extend(item.spans)
    return MarginLine(tuple(spans), tuple(images), markdown.lstrip().startswith("!["))


def _divider_in_comments(slides: list[RawSlide]) -> frozenset[int]:
    """`<!-- headingDivider: 2 -->` anywhere sets it for the whole deck, as in Marp."""
    for raw in slides:
        for comment in raw.comments:
            if "headingDivider" not in comment.text:
                continue
            try:
                loaded = yamlblock.load_mapping(comment.text)
            except yamlblock.YamlError:
                continue
            if isinstance(loaded, yamlblock.Mapping):
                for entry in loaded.entries:
                    if entry.key == "headingDivider":
                        return heading_levels(entry.value)
    return frozenset()


def _with_globals(
    meta: DeckMeta, found: dict[str, tuple[object, int]], report: Reporter
) -> DeckMeta:
    """Apply the global directives that comments set (`<!-- theme: gaia -->`)."""
    changes: dict[str, object] = {}
    if "theme" in found:
        value, line = found["theme"]
        changes["theme"] = resolve_theme(str(value or ""), line, report)
    return dataclasses.replace(meta, **changes) if changes else meta  # type: ignore[arg-type]


def _drop_trailing_blank(slides: list[Slide], raw: list[RawSlide], report: Reporter) -> list[Slide]:
    """A `---` after the last slide is a habit, not a wish for an empty slide."""
    while slides and raw[len(slides) - 1].is_blank() and not slides[-1].notes:
        slides.pop()
    for slide, raw_slide in zip(slides, raw, strict=False):
        if raw_slide.is_blank() and not slide.notes:
            report.warning(slide.line, "slide.empty", number=slide.index + 1)
    return slides


class _SlideBuilder:
    def __init__(
        self,
        report: Reporter,
        base_dir: Path | None,
        defaults: dict[str, object],
        lang: Lang = Lang.DE,
    ) -> None:
        self.report = report
        self.lang = lang  # the deck's: a motion's answers are written in it
        self.fit_headings: frozenset[int] = frozenset()
        # Every poll block's id and line, in order, also of blocks with errors: a
        # duplicate id is reported even when the first block is broken.
        self.poll_ids: list[tuple[str, int]] = []
        self.base_dir = base_dir
        self.inherited: dict[str, object] = dict(defaults)  # Marp's local directives carry on
        self.spot_first: dict[str, object] = {}  # spot directives of the front matter
        self.globals: dict[str, tuple[object, int]] = {}  # set in comments: value, line
        self.pdf: DeckPdf | None = None  # the front matter's `pdf:`, read
        self.names_pdf = False  # the front matter names one (readable or not)
        self.rules: list[Rule] = []  # the deck's CSS that reaches every slide

    def build(self, raw: RawSlide, index: int, *, content: bool = True) -> Slide:
        """The slide `raw` holds; without `content`, only what its comments say
        (notes, and directives that carry on), its problems unreported."""
        if not content:
            said, self.report = self.report, Reporter(self.report.path)
            try:
                notes, spot = self._comments(raw.comments)
            finally:
                self.report = said
            return self._slide(raw, index, [], notes, spot, quiet=True)
        notes, spot = self._comments(raw.comments)
        for line in raw.setext_rules:
            self.report.warning(line, "markdown.setext_rule")
        self.fit_headings = frozenset(raw.fit_headings)
        blocks: list[Block] = []
        for segment in raw.segments:
            if isinstance(segment, MarkdownSegment):
                blocks.extend(self._markdown(segment))
            elif isinstance(segment, HtmlSegment):
                blocks.extend(self._html(segment))
            else:
                blocks.extend(self._fence(segment))
        polls = [block for block in blocks if isinstance(block, PollBlock)]
        for extra in polls[1:]:
            self.report.error(extra.poll.line, "poll.second_on_slide", first=polls[0].poll.line)
        pages = [block for block in blocks if isinstance(block, PdfPage)]
        if pages and len(pages) != len(blocks):
            self.report.error(pages[0].line, "pdf.page_not_alone")
        lists = [block for block in blocks if isinstance(block, QuestionsBlock)]
        for listed in lists[1:] + (lists[:1] if polls else []):
            self.report.error(listed.line, "questions.not_alone")
        boards = [block for block in blocks if isinstance(block, LeaderboardBlock)]
        for board in boards[1:] + (boards[:1] if polls or lists else []):
            self.report.error(board.line, "leaderboard.not_alone")
        return self._slide(raw, index, blocks, notes, spot)

    def _slide(
        self,
        raw: RawSlide,
        index: int,
        blocks: list[Block],
        notes: str,
        spot: dict[str, object],
        *,
        quiet: bool = False,
    ) -> Slide:
        if index == 0:
            spot = {**self.spot_first, **spot}
        directives = {**self.inherited, **spot}
        mixed = gradient_color(directives.get("backgroundImage"))
        if mixed is not None:  # Marp paints the gradient over the colour; we its mean
            directives["backgroundColor"] = mixed
        if "paginate" in directives:
            paginate = paginate_value(directives["paginate"])
            directives["paginate"] = False if paginate is None else paginate
        for key in _COLOR_DIRECTIVES:
            if key in directives:
                color = css_color(directives[key])
                if color is None:
                    del directives[key]
                else:
                    directives[key] = color
        if "class" in directives:
            directives["class"] = class_names(directives["class"])
        classes = tuple(str(directives.get("class", "")).split())
        said = Reporter(self.report.path) if quiet else self.report
        scoped = [
            rule
            for order, block in enumerate(raw.styles, MAX_STYLE_BLOCKS)
            if block.scoped
            for rule in read_stylesheet(block.css, block.line, said, scoped=True, order=order)
        ]
        return Slide(
            index=index,
            line=raw.line,
            blocks=tuple(blocks),
            notes=notes,
            classes=classes,
            directives=MappingProxyType(directives),
            style=slide_style([*self.rules, *scoped], classes),
        )

    # ------------------------------------------------------------ comments

    def _comments(self, comments: list[CommentSegment]) -> tuple[str, dict[str, object]]:
        notes: list[str] = []
        spot: dict[str, object] = {}
        for comment in comments:
            if not comment.closed:
                self.report.error(comment.line, "comment.unclosed")
                continue
            directives = self._directives(comment)
            if directives is None:
                note = textwrap.dedent(comment.text).strip()
                # `<!--fit-->` marks Marp's fitting header: a keyword, not a note.
                if note and note != "fit":
                    notes.append(note)
                continue
            for key, value in directives.items():
                if key.startswith("_"):
                    spot[key[1:]] = value
                else:
                    self.inherited[key] = value
        return "\n\n".join(notes), spot

    def _directives(self, comment: CommentSegment) -> dict[str, object] | None:
        """The directives a comment holds, or None when it is a speaker note."""
        start = _DIRECTIVE_START.match(comment.text)
        if start is None or start.group(1) not in _ALL_DIRECTIVES:
            return None  # cheap test first: most comments are notes
        try:
            loaded = yamlblock.load_mapping(yamlblock.loosen(comment.text, LOOSE_KEYS))
        except yamlblock.YamlError:
            return None
        if not isinstance(loaded, yamlblock.Mapping):
            return None
        keys = [str(entry.key) for entry in loaded.entries]
        if not keys or any(key.removeprefix("_") not in _ALL_DIRECTIVES for key in keys):
            return None
        result: dict[str, object] = {}
        for entry in loaded.entries:
            key = str(entry.key)
            bare = key.removeprefix("_")
            line = comment.line + entry.line
            if bare in GLOBAL_DIRECTIVES:
                if bare in _APPLIED_GLOBALS:
                    self.globals[bare] = (entry.value, line)
                elif bare == "style":
                    self.report.warning(line, "style.not_applied")
            else:
                if bare in UNUSED_LOCAL_DIRECTIVES:
                    self.report.warning(line, "directive.unused", key=bare)
                elif bare in _COLOR_DIRECTIVES and css_color(entry.value) is None:
                    self.report.warning(line, "directive.bad_color", key=bare, value=entry.value)
                elif bare == "backgroundImage":
                    check_background(entry.value, line, self.report)
                elif bare == "paginate" and paginate_value(entry.value) is None:
                    self.report.warning(line, "directive.bad_paginate", value=entry.value)
                result[key] = entry.value
        return result

    # ------------------------------------------------------------ content

    def _markdown(self, segment: MarkdownSegment) -> list[Block]:
        text = segment.text  # joins every line of the segment: build it once
        if not text.strip():
            return []
        if text.count("[") > MAX_BRACKETS_PER_SEGMENT:
            self.report.error(
                _line_past_bracket_limit(segment),
                "markdown.too_many_brackets",
                most=MAX_BRACKETS_PER_SEGMENT,
            )
            return []
        try:
            converted = _convert(text)
        except RecursionError:
            self.report.error(_most_nested_line(segment), "markdown.too_deep")
            return []
        if self.fit_headings:
            converted = _mark_fit_headings(converted, segment, self.fit_headings)
        blocks: list[Block] = []
        search_from = 0
        may_hold_math = "$" in text or "\\" in text  # $…$, $$…$$, \(…\), \[…\]
        for item in converted:
            if isinstance(item, RawImage):
                line, search_from = _line_of(segment, item.src, search_from)
                if item.src.startswith(PAGE_SCHEME):
                    blocks.extend(self._pages(item, line))
                else:
                    blocks.append(self.image(item, line))
            else:
                blocks.append(item)
                self._warn_list_as_text(item, segment)
                if may_hold_math:
                    self._check_math(item, segment)
        return blocks

    def _pages(self, item: RawImage, line: int) -> list[Block]:
        if not self.names_pdf:
            self.report.error(line, "pdf.not_named", src=item.src)
            return []
        return page_blocks(item.src, line, self.pdf, self.report)

    def _check_math(self, block: Block, segment: MarkdownSegment) -> None:
        """A formula that cannot be typeset is named with its line (as KaTeX shows red TeX)."""
        for tex in _formulas(block):
            from workshop_app.deck.formulas import readable  # ziamath only for decks with math

            if not readable(tex):
                line, _ = _line_of(segment, tex.split("\n")[0].strip(), 0)
                self.report.warning(line, "math.unreadable", tex=tex[:60])

    def _html(self, segment: HtmlSegment) -> list[Block]:
        blocks: list[Block] = []
        for item in read_html_block(segment.text):
            if isinstance(item, RawImage):
                line = next(
                    (segment.line + i for i, text in enumerate(segment.lines) if item.src in text),
                    segment.line,
                )
                blocks.append(self.image(item, line))
            else:
                blocks.append(item)
        return blocks

    def _warn_list_as_text(self, block: Block, segment: MarkdownSegment) -> None:
        texts: list[str] = []
        if isinstance(block, Paragraph):
            texts.append("".join(span.text for span in block.spans))
        elif isinstance(block, ListBlock):
            texts.extend("".join(span.text for span in item.spans) for item in block.items)
        elif isinstance(block, Quote):
            for child in block.children:
                self._warn_list_as_text(child, segment)
        for text in texts:
            match = _LIST_AS_TEXT.search(text)
            if match:
                line, _ = _line_of(segment, match.group().strip(), 0)
                self.report.warning(line, "markdown.list_as_text")
                return

    def image(self, raw: RawImage, line: int) -> Image:
        image = Image(raw.src, raw.alt, line, None, raw.title, raw.background, raw.keywords)
        parts = urlsplit(raw.src)
        if parts.scheme in ("http", "https", "ftp") or raw.src.startswith("//"):
            self.report.warning(line, "image.remote", src=raw.src)
            return image
        if not raw.src or parts.scheme not in ("", "file"):
            self.report.error(line, "image.unsupported", src=raw.src)
            return image
        if self.base_dir is None:
            return image
        target = in_deck_folder(self.base_dir, unquote(parts.path))
        if target is None:
            self.report.warning(line, "image.outside", src=raw.src)
            return image
        if not target.is_file():
            # Marp shows an empty frame and goes on; so do we, with the file's name.
            self.report.warning(line, "image.missing", src=raw.src)
            return image
        if (pixels := oversized_picture(target)) is not None:
            most = MAX_PICTURE_PIXELS // 10**6
            millions = round(pixels / 10**6)
            self.report.warning(line, "image.too_many_pixels", src=raw.src, millions=millions,
                                most=most)  # fmt: skip
            return image
        return Image(raw.src, raw.alt, line, target, raw.title, raw.background, raw.keywords)

    def _fence(self, fence: FenceSegment) -> list[Block]:
        if not fence.closed:
            if fence.kind in ("poll", "questions", "leaderboard"):  # half a poll is no poll
                self.report.error(fence.line, "fence.unclosed")
                return []
            # CommonMark and Marp run an unclosed code fence to the end of the deck;
            # so do we, with a warning on its line.
            self.report.warning(fence.line, "fence.unclosed_code")
        if fence.kind == "poll":
            poll = read_poll(fence, self.report, self.lang)
            poll_id = poll.id if poll is not None else declared_id(fence)
            if poll_id is not None:
                self.poll_ids.append((poll_id, poll.line if poll is not None else fence.line))
            return [PollBlock(poll)] if poll is not None else []
        if fence.kind == "questions":
            questions = read_questions_block(fence, self.report)
            return [questions] if questions is not None else []
        if fence.kind == "leaderboard":
            board = read_leaderboard_block(fence, self.report)
            return [board] if board is not None else []
        return [CodeBlock(fence.text, fence.kind)]


_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def _mark_fit_headings(
    converted: tuple[Block | RawImage, ...], segment: MarkdownSegment, fit: frozenset[int]
) -> tuple[Block | RawImage, ...]:
    """Mark the headings whose source line held `<!--fit-->`, matching them in order."""
    lines = [
        n for t, n in zip(segment.lines, segment.numbers, strict=True) if _ATX_HEADING.match(t)
    ]
    headings = [i for i, item in enumerate(converted) if isinstance(item, Heading)]
    if len(lines) != len(headings):  # a setext heading in between: leave them as they are
        return converted
    marked = list(converted)
    for index, line in zip(headings, lines, strict=True):
        if line in fit:
            heading = marked[index]
            assert isinstance(heading, Heading)
            marked[index] = dataclasses.replace(heading, fit=True)
    return tuple(marked)


def _formulas(block: Block) -> list[str]:
    if isinstance(block, Math):
        return [block.tex]
    spans: tuple[Span, ...] = ()
    nested: tuple[Block, ...] = ()
    if isinstance(block, Paragraph | Heading):
        spans = block.spans
    elif isinstance(block, ListBlock):
        spans = tuple(span for item in block.items for span in item.spans)
        nested = tuple(child for item in block.items for child in item.children)
    elif isinstance(block, Quote):
        nested = block.children
    found = [span.text for span in spans if span.math]
    for child in nested:
        found.extend(_formulas(child))
    return found


def _line_of(segment: MarkdownSegment, needle: str, start: int) -> tuple[int, int]:
    """The source line holding `needle` (searching from entry `start`), and its entry."""
    for position in range(start, len(segment.lines)):
        if needle in segment.lines[position]:
            return segment.numbers[position], position
    return segment.line, start


def _line_past_bracket_limit(segment: MarkdownSegment) -> int:
    seen = 0
    for text, number in zip(segment.lines, segment.numbers, strict=True):
        seen += text.count("[")
        if seen > MAX_BRACKETS_PER_SEGMENT:
            return number
    return segment.line


_NESTING = re.compile(r"(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)+")


def _most_nested_line(segment: MarkdownSegment) -> int:
    """The line with the most list and quote markers in a row: where nesting overflows."""
    best, line = 0, segment.line
    for text, number in zip(segment.lines, segment.numbers, strict=True):
        found = _NESTING.match(text)
        depth = len(found.group()) if found else 0
        if depth > best:
            best, line = depth, number
    return line


def _check_deck(
    slides: list[Slide], declared: list[tuple[str, int]], meta: DeckMeta, report: Reporter
) -> None:
    _check_polls(slides, declared, report)
    if not meta.questions:  # a live list of questions nobody can ask
        for slide in slides:
            if slide.questions is not None:
                report.error(slide.questions.line, "questions.switched_off")
    if not any(poll.quiz for slide in slides for poll in slide.polls):
        for slide in slides:  # standings of a quiz the deck does not ask
            if slide.leaderboard is not None:
                report.warning(slide.leaderboard.line, "leaderboard.no_quiz")


def _check_polls(slides: list[Slide], declared: list[tuple[str, int]], report: Reporter) -> None:
    first_line: dict[str, int] = {}
    for poll_id, line in declared:
        if poll_id in first_line:
            report.error(line, "poll.duplicate_id", id=poll_id, first=first_line[poll_id])
        else:
            first_line[poll_id] = line
    first_by_id: dict[str, Poll] = {}
    for slide in slides:
        for poll in slide.polls:
            first_by_id.setdefault(poll.id, poll)
    for poll in first_by_id.values():
        if poll.compare_with is None:
            continue
        other = first_by_id.get(poll.compare_with)
        if other is None and poll.compare_with in first_line:
            continue  # it exists but has errors of its own, reported at its lines
        if other is None or other is poll:
            report.error(poll.line, "poll.compare_missing", id=poll.compare_with)
        elif (other.type, other.options, other.scale_min, other.scale_max) != (
            poll.type,
            poll.options,
            poll.scale_min,
            poll.scale_max,
        ):
            report.error(poll.line, "poll.compare_mismatch", id=other.id, line=other.line)
