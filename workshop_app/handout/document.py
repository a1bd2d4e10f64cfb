"""The handout PDF: cover, contents, slides with notes, poll results, closing page.

Built with reportlab's platypus in two passes (the contents need page numbers,
the footer needs the page count). Written to a temporary file beside the
target and renamed, so an interrupted export never leaves half a PDF.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import NextPageTemplate

from workshop_app.deck import Deck, LeaderboardBlock, Poll, PollType
from workshop_app.deck.look import ink_on_paper
from workshop_app.deck.notes import note_paragraphs
from workshop_app.deck.themes import Theme, load_theme
from workshop_app.handout import charts
from workshop_app.handout.fonts import SANS, SANS_BOLD, register_fonts
from workshop_app.handout.pdf_pages import Placement, embed_pages
from workshop_app.handout.reactions import reactions_section
from workshop_app.handout.slides import SlideFrame, Text, escape, faces_used
from workshop_app.i18n import day, number, tr
from workshop_app.session.marks import Stroke
from workshop_app.session.model import AnswerState
from workshop_app.session.moderation import frequent_words
from workshop_app.session.questions import Question, QuestionState, public
from workshop_app.session.quiz import Standings
from workshop_app.session.results import Results
from workshop_app.session.snapshot import SessionSnapshot

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN
DIGEST_KEYWORD = "impuls-ledger-sha256:"


class Layout(StrEnum):
    """As PowerPoint separates handouts from notes pages: the members' handout has no
    speaker notes unless asked for (`notes=True`); notes pages are the speaker's."""

    SLIDES = "slides"  # two slides per page, ruled for the reader's notes; results after (default)
    LARGE = "large"  # one slide per page, results after each poll
    NOTES = "notes"  # notes pages: one slide per page with the speaker's notes below
    COMPACT = "compact"  # four slides per page
    RESULTS = "results"  # the polls only, and the checking page


class PrintColors(StrEnum):
    LIGHT = "light"  # dark slides in their light colours: readable, and kind to toner (default)
    SLIDES = "slides"  # every slide as presented


class CancelledError(Exception):
    """The export was cancelled; nothing was written."""


@dataclass(frozen=True)
class HandoutInput:
    deck: Deck
    snapshot: SessionSnapshot | None = None  # None: slides and notes only, before the event


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int
    seconds: float


Progress = Callable[[float], None]


@dataclass(frozen=True)
class PageOptions:
    """How a talk's handout pages are laid out (`talk_pages`): the handout's, and each
    talk's part of the proceedings."""

    layout: Layout
    lang: str
    theme: Theme
    st: Styles
    notes: bool = False  # the speaker's notes under the slides
    checksum_page: bool = False  # the page that explains the checksum, not just its line


class Styles:
    def __init__(self, theme: Theme, print_colors: PrintColors = PrintColors.LIGHT) -> None:
        # The handout's own headings are on white paper: the theme's colour, darkened
        # where it would read below 4.5:1 there (the dark theme's light blue).
        heading = colors.HexColor(ink_on_paper(theme.colors.title_color))
        self.text = colors.HexColor("#1f2430")
        self.muted = colors.HexColor("#5b6270")
        self.accent = colors.HexColor(ink_on_paper(theme.colors.accent))
        self.light_slides = print_colors is PrintColors.LIGHT
        self.body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14,
                                   textColor=self.text, spaceAfter=4)  # fmt: skip
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11,
                                    textColor=self.muted)  # fmt: skip
        self.title = ParagraphStyle("title", parent=self.body, fontName=SANS_BOLD, fontSize=28,
                                    leading=34, textColor=heading, spaceAfter=10)  # fmt: skip
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, fontSize=15, leading=20,
                                       textColor=self.text, spaceAfter=18)  # fmt: skip
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=SANS_BOLD, fontSize=17,
                                 leading=22, textColor=heading, spaceBefore=4,
                                 spaceAfter=8)  # fmt: skip
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=SANS_BOLD, fontSize=12.5,
                                 leading=16, textColor=heading, spaceBefore=8,
                                 spaceAfter=6)  # fmt: skip
        self.digest = ParagraphStyle("digest", parent=self.body, fontSize=8.5, leading=11)
        self.digest_line = ParagraphStyle("digest_line", parent=self.body, fontSize=6.5,
                                          leading=8, textColor=self.muted)  # fmt: skip
        # The speaker's notes keep their lines; a blank line leaves a visible gap.
        self.notes = ParagraphStyle("notes", parent=self.body, fontSize=10.5, leading=15,
                                    spaceAfter=8)  # fmt: skip
        self.compact_notes = ParagraphStyle("compact_notes", parent=self.body, fontSize=8,
                                            leading=10.5, spaceAfter=5)  # fmt: skip
        self.slot = ParagraphStyle("slot", parent=self.h2, fontSize=11, leading=14,
                                   spaceBefore=0, spaceAfter=4)  # fmt: skip


class Entry(Text):
    """A heading that goes into the contents and the PDF's bookmarks."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(escape(text), style)
        self.toc_text = text
        self.level = level
        self.key = key


class Contents(Flowable):
    """The table of contents in one pass: its entries are known before the build, so
    its size is too; each page number is a PDF form named after the entry, drawn
    once the page is known (at the end). reportlab's TableOfContents needs a
    second full build of the document for the same result."""

    LINE = 13.0

    def __init__(self, entries: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self.entries = entries

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, len(self.entries) * self.LINE

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.LINE)
        if fits <= 0:
            return []
        if fits >= len(self.entries):
            return [self]
        return [Contents(self.entries[:fits]), Contents(self.entries[fits:])]

    def draw(self) -> None:
        canvas = self.canv
        number_width = 36.0
        for row, (level, text, key) in enumerate(self.entries):
            y = (len(self.entries) - row - 1) * self.LINE + 3
            font, size, indent = (SANS_BOLD, 9.5, 0.0) if level == 0 else (SANS, 8.5, 14.0)
            room = self.width - indent - number_width - 8
            shown = charts.fit(text, font, size, room)
            canvas.setFont(font, size)
            canvas.setFillColor(colors.HexColor("#1f2430"))
            canvas.drawString(indent, y, shown)
            start = indent + stringWidth(shown, font, size) + 4
            dots = "." * max(
                0, int((self.width - number_width - start) // stringWidth(". ", SANS, 8))
            )
            canvas.setFont(SANS, 8)
            canvas.setFillColor(colors.HexColor("#9aa1ad"))
            canvas.drawString(start, y, " ".join(dots))
            canvas.saveState()
            canvas.translate(self.width - number_width, y - 3)
            canvas.doForm(_page_form(key))
            canvas.restoreState()
            canvas.linkRect("", key, (indent, y - 3, self.width, y + self.LINE - 3), relative=1)


def _page_form(key: str) -> str:
    return f"contents-{key}"


def _results_form(key: str) -> str:
    return f"results-at-{key}"


RESULTS_AT_WIDTH = 200.0


def with_contents(
    cover: list[Flowable],
    body: list[Flowable],
    lang: str,
    st: Styles,
    deepest: int | None = None,
) -> list[Flowable]:
    """A document's story: its cover, the contents of `body` (its entries down to level
    `deepest`, else all) on a page of their own, then `body`. The handout's, the
    proceedings' and the comparison's."""
    entries = [e for e in contents_entries(body) if deepest is None or e[0] <= deepest]
    return [*cover, Text(escape(tr("handout.contents", lang)), st.h1), Contents(entries),
            PageBreak(), *body]  # fmt: skip


def contents_entries(story: list[Flowable]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for flowable in story:
        if isinstance(flowable, Entry):
            found.append((flowable.level, flowable.toc_text, flowable.key))
        elif isinstance(flowable, KeepTogether):
            found += contents_entries(list(flowable._content))
    return found


class Document(BaseDocTemplate):
    def __init__(self, path: str, header: tuple[str, ...], lang: str, **kwargs: Any) -> None:
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN, **kwargs)  # fmt: skip
        self.header = header  # title, event, date: the title gives way first
        self.lang = lang
        self.progress: Callable[[], None] = lambda: None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([
            PageTemplate("cover", [frame]),
            PageTemplate("page", [frame], onPage=self._running_header),
        ])  # fmt: skip

    def _running_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.HexColor("#5b6270"))
        # The date stays whole; the title and the event share the rest, the title
        # at least half, each shortened with … rather than run off the page.
        title, event, date = self.header
        room = PAGE_W - 2 * MARGIN - (stringWidth(f" · {date}", SANS, 8) if date else 0)
        wanted = stringWidth(f" · {event}", SANS, 8) if event else 0
        title_room = max(room / 2, room - wanted)
        shown_title = charts.fit(title, SANS, 8, title_room)
        left = room - stringWidth(shown_title, SANS, 8)
        shown = shown_title
        if event:
            shown += " · " + charts.fit(event, SANS, 8, left - stringWidth(" · ", SANS, 8))
        if date:
            shown += f" · {date}"
        canvas.drawString(MARGIN, PAGE_H - MARGIN + 2 * mm, shown)
        canvas.setStrokeColor(colors.HexColor("#d5d9e0"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE_H - MARGIN + mm, PAGE_W - MARGIN, PAGE_H - MARGIN + mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        self.progress()
        if isinstance(flowable, Entry):
            self.canv.contents_pages[flowable.key] = self.page
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.toc_text, flowable.key, level=flowable.level)


def numbered_canvas(lang: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds every page back until the end, so the footer can say "of M"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this, every page names Helvetica, which is not embedded.
            kwargs.setdefault("initialFontName", SANS)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.contents_pages: dict[str, int] = {}  # entry key → page, for the contents
            self.pdf_pages: list[Placement] = []  # a PDF deck's pages, laid in afterwards

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:  # the cover has no footer
                    self.setFont(SANS, 8)
                    self.setFillColor(colors.HexColor("#5b6270"))
                    self.drawRightString(
                        PAGE_W - MARGIN, MARGIN - 8 * mm,
                        tr("handout.page", lang, page=self._pageNumber, pages=count),
                    )  # fmt: skip
                super().showPage()
            for key, page in self.contents_pages.items():  # the contents' page numbers
                self.beginForm(_page_form(key), 0, 0, 36, 14)
                self.setFont(SANS, 9)
                self.setFillColor(colors.HexColor("#1f2430"))
                self.drawRightString(36, 3, str(page))
                self.endForm()
                if key.startswith("poll-"):  # "Results on page N" beside a poll's slide
                    self.beginForm(_results_form(key), 0, 0, RESULTS_AT_WIDTH, 14)
                    self.setFont(SANS, 8.5)
                    self.setFillColor(colors.HexColor("#5b6270"))
                    self.drawRightString(RESULTS_AT_WIDTH, 3,
                                         tr("handout.results_at", lang, page=page))  # fmt: skip
                    self.endForm()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True)
class PdfInfo:
    """A PDF's running header (title, event, date: the title gives way first) and its
    document information."""

    header: tuple[str, str, str]
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]


def write_pdf(
    story: list[Flowable],
    out: Path,
    info: PdfInfo,
    *,
    lang: str,
    started: float,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    finish: Callable[[Path, Document], None] | None = None,
) -> Written:
    """Lay `story` out on the handout's pages and write it to `out`: every PDF Impuls
    writes (handout, proceedings, comparison, minutes) goes this way.

    Written to a temporary file beside `out` and renamed when whole, readable by all
    (mkstemp makes it 0600, and the organizer passes it on), so that an interrupted,
    failed or cancelled export leaves neither half a PDF nor a temporary file.
    `progress` hears the share of the story laid out; `cancelled()` is asked after each
    flowable and raises CancelledError when true; `finish` works on the whole temporary
    file before it is renamed (the handout lays a PDF deck's pages in). `started`: when
    the caller began, for Written.seconds.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".impuls-", suffix=".pdf", dir=out.parent)
    os.close(handle)
    part = Path(temporary)
    total, done = len(story), 0

    def step() -> None:
        nonlocal done
        done += 1
        if cancelled is not None and cancelled():
            raise CancelledError
        if progress is not None:
            progress(min(done / total, 0.99))

    try:
        doc = Document(temporary, header=info.header, lang=lang, title=info.title,
                       author=info.author, subject=info.subject,
                       keywords=list(info.keywords), creator="Impuls")  # fmt: skip
        doc.progress = step
        doc.build(story, canvasmaker=numbered_canvas(lang))
        if finish is not None:
            finish(part, doc)
        part.chmod(0o644)
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(1.0)
    return Written(out, doc.page, time.perf_counter() - started)


def build_handout(
    source: HandoutInput,
    out: Path,
    *,
    layout: Layout = Layout.SLIDES,
    lang: str = "de",
    print_colors: PrintColors = PrintColors.LIGHT,
    notes: bool = False,
    checksum_page: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Written:
    """Write the handout for `source` to `out`; raise CancelledError if `cancelled()` turns true.

    Every handout of a session carries the checksum in its document information (where
    `impuls verify` reads it) and prints it in one small line at its end; the page that
    explains it, with the participation over time and the privacy note, comes with
    `checksum_page` and always with the results layout, which is for those who check.
    """
    started = time.perf_counter()
    deck = source.deck
    if layout is Layout.RESULTS:
        register_fonts()
    else:
        register_fonts(faces_used(deck.slides))
    theme = load_theme(deck.meta.theme)
    styles = Styles(theme, print_colors)
    options = PageOptions(layout, lang, theme, styles, notes=notes or layout is Layout.NOTES,
                          checksum_page=checksum_page or layout is Layout.RESULTS)  # fmt: skip
    story = with_contents(_cover(deck, source.snapshot, lang, styles),
                          talk_pages(source, options), lang, styles)  # fmt: skip
    meta = deck.meta
    keywords = ["Impuls", "handout"]
    if source.snapshot is not None:
        keywords.append(DIGEST_KEYWORD + source.snapshot.digest)
    info = PdfInfo(
        header=(meta.title, meta.event, day(meta.date, lang) if meta.date else ""),
        title=meta.title,
        author=meta.author,
        subject=tr("handout.subject", lang) + (f" – {meta.event}" if meta.event else ""),
        keywords=tuple(keywords),
    )

    def lay_in_pdf_pages(part: Path, doc: Document) -> None:
        embed_pages(part, doc.canv.pdf_pages, deck.pdfs)

    return write_pdf(story, out, info, lang=lang, started=started, progress=progress,
                     cancelled=cancelled, finish=lay_in_pdf_pages)  # fmt: skip


# ---------------------------------------------------------------- the story


def talk_pages(source: HandoutInput, options: PageOptions) -> list[Flowable]:
    """A talk's handout after its cover and contents: its slides in `options.layout`, its
    polls' results, the quiz's standings, the questions, and its checksum (the line, or
    the page that explains it). The handout's pages, and a talk's part of the
    proceedings (handout/proceedings.py)."""
    deck, snapshot = source.deck, source.snapshot
    layout, lang, theme, st, notes = (options.layout, options.lang, options.theme,
                                      options.st, options.notes)  # fmt: skip
    story: list[Flowable] = []
    one_per_page = layout in (Layout.LARGE, Layout.NOTES)
    results_after = snapshot is not None and not one_per_page and bool(deck.polls)
    if one_per_page:
        # The speaker's ink goes into the speaker's notes pages, not the members' handout.
        ink = snapshot.ink if snapshot is not None and layout is Layout.NOTES else {}
        story += _slides_with_notes(deck, snapshot, lang, theme, st, notes=notes, ink=ink)
    elif layout is Layout.SLIDES:
        story += _two_per_page(deck, lang, theme, st, notes=notes, results=results_after)
    elif layout is Layout.COMPACT:
        story += _compact_slides(deck, lang, theme, st, notes=notes)
    if snapshot is not None and results_after:
        story += _results_section(deck, snapshot, lang, theme, st)
    board = next((s.leaderboard for s in deck.slides if s.leaderboard is not None), None)
    if snapshot is not None and board is not None and snapshot.standings is not None:
        story += _leaderboard_section(board, snapshot.standings, lang, st)
    if snapshot is not None and snapshot.questions:  # none asked: no page to say so
        story += _questions_section(snapshot, lang, st)
    if snapshot is not None and options.checksum_page:
        story += _closing(snapshot, lang, theme, st)
    elif snapshot is not None:  # the checksum in one small line under the last section
        while story and isinstance(story[-1], PageBreak):
            story.pop()
        line = tr("handout.digest.line", lang, digest=snapshot.digest)
        story += [Spacer(1, 8 * mm), Text(escape(line), st.digest_line)]
    return story


def _cover(deck: Deck, snapshot: SessionSnapshot | None, lang: str, st: Styles) -> list[Flowable]:
    meta = deck.meta
    parts: list[Flowable] = [Spacer(1, 60 * mm), Text(escape(meta.title), st.title)]
    if meta.subtitle:
        parts.append(Text(escape(meta.subtitle), st.subtitle))
    lines = [meta.event, day(meta.date, lang) if meta.date else ""]
    if meta.author:
        lines.append(tr("handout.cover.speaker", lang, name=meta.author))
    if snapshot is not None:
        lines.append(tr("handout.cover.participants", lang, count=snapshot.participants))
    else:
        lines.append(tr("handout.cover.slides_only", lang))
    parts += [Text(escape(line), st.body) for line in lines if line]
    made = day(datetime.now().date(), lang)
    parts += [Spacer(1, 20 * mm), Text(escape(tr("handout.cover.made", lang, date=made)),
                                       st.small)]  # fmt: skip
    # From here on, pages carry the running header.
    return [*parts, NextPageTemplate("page"), PageBreak()]


def poll_heading(deck: Deck, poll: Poll, lang: str) -> str:
    """A poll's heading in the handout and its contents: its question and its slide."""
    slide = deck.shown_number(deck.slide_of_poll(poll.id))
    if slide is None:
        return tr("handout.poll_unnumbered", lang, question=poll.question)
    return tr("handout.poll", lang, question=poll.question, slide=slide)


def _slide_title(deck: Deck, index: int, lang: str) -> str:
    """A slide's label, by the number printed on it (Deck.shown_number)."""
    slide = deck.slides[index]
    number = deck.shown_number(slide)
    if number is None:
        return slide.title or tr("handout.slide_unnumbered", lang)
    if slide.title:
        return tr("handout.slide", lang, number=number, title=slide.title)
    return tr("handout.slide_untitled", lang, number=number)


def _notes(text: str, style: ParagraphStyle, *, as_typed: bool = False) -> list[Flowable]:
    """The notes in their paragraphs (with a gap between them) and lines, as the
    console shows them (deck/notes.py); nothing at all for a slide without notes."""
    return [
        Text("<br/>".join(escape(line) for line in lines), style)
        for lines in note_paragraphs(text, as_typed=as_typed)
    ]


def _slides_with_notes(
    deck: Deck,
    snapshot: SessionSnapshot | None,
    lang: str,
    theme: Theme,
    st: Styles,
    *,
    notes: bool,
    ink: Mapping[int, tuple[Stroke, ...]],
) -> list[Flowable]:
    story: list[Flowable] = []
    for slide in deck.slides:
        story.append(Entry(_slide_title(deck, slide.index, lang), st.h2, 0,
                            f"slide-{slide.index}"))  # fmt: skip
        story.append(SlideFrame(deck, slide, theme, BODY_W, light=st.light_slides,
                                ink=ink.get(slide.index, ())))  # fmt: skip
        story.append(Spacer(1, 6 * mm))
        if notes and slide.notes.strip():  # the speaker's, only when asked for
            story.append(Text(escape(tr("handout.notes", lang)), st.h2))
            story += _notes(slide.notes, st.notes, as_typed=slide.page is not None)
        if snapshot is not None:
            for poll in slide.polls:
                story.append(CondPageBreak(90 * mm))
                story += _poll_section(deck, poll, snapshot, lang, theme, st, level=1)
        story.append(PageBreak())
    return story


LINE_PITCH = 8 * mm  # ruled lines as on a college block


class _Ruled(Flowable):
    """Ruled lines for the reader's own notes, filling `width` × `height`."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#c3c8d1"))
        canvas.setLineWidth(0.5)
        y = self.height - LINE_PITCH
        while y >= -0.5:
            canvas.line(0, y, self.width, y)
            y -= LINE_PITCH
        canvas.restoreState()


class _ResultsAt(Flowable):
    """ "Results on page N" at the right of a poll slide's heading: a line of no height of
    its own, drawn into the heading below it. The page is known only at the end, so
    the line is a form the canvas draws then (as the contents' page numbers)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 0

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width - RESULTS_AT_WIDTH, -14)
        self.canv.doForm(_results_form(self.key))
        self.canv.restoreState()


def _two_per_page(
    deck: Deck, lang: str, theme: Theme, st: Styles, *, notes: bool, results: bool
) -> list[Flowable]:
    """The members' handout: two slides a page, as PowerPoint's handouts, each with ruled
    lines beside and below it for the reader's own notes (the speaker's, if asked for,
    beside it instead). Large enough to read a slide's body text at about 7 pt."""
    frame_w, frame_h = BODY_W - 12, PAGE_H - 2 * MARGIN - 4 * mm - 12  # inside the padding
    slot_h = frame_h / 2 - 4
    gap = 5 * mm
    slide_w = frame_w * 0.68
    story: list[Flowable] = []
    for slide in deck.slides:
        frame = SlideFrame(deck, slide, theme, slide_w, light=st.light_slides)
        said = (
            _notes(slide.notes, st.compact_notes, as_typed=slide.page is not None) if notes else []
        )
        beside: Flowable = (
            KeepInFrame(frame_w - slide_w - gap, frame.height, said, mode="shrink")
            if said
            else _Ruled(frame_w - slide_w - gap, frame.height)
        )
        row = Table([[frame, beside]], colWidths=[slide_w + gap, frame_w - slide_w - gap],
                    rowHeights=[frame.height])  # fmt: skip
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
        heading = Entry(_slide_title(deck, slide.index, lang), st.slot, 0, f"slide-{slide.index}")
        _, heading_h = heading.wrap(frame_w, slot_h)  # a long title takes two lines
        below = slot_h - heading_h - st.slot.spaceAfter - frame.height
        slot: list[Flowable] = []
        if results and slide.polls:
            slot.append(_ResultsAt(f"poll-{slide.polls[0].id}"))
        slot += [heading, row]
        if below >= LINE_PITCH:
            slot.append(_Ruled(frame_w, below - below % LINE_PITCH))
        story += slot
        story.append(PageBreak() if slide.index % 2 else Spacer(1, 1))
    if story and not isinstance(story[-1], PageBreak):
        story.append(PageBreak())
    return story


def _compact_slides(
    deck: Deck, lang: str, theme: Theme, st: Styles, *, notes: bool
) -> list[Flowable]:
    """Four slides per page, two by two, with the start of their notes if asked for."""
    title = tr("handout.slides_with_notes", lang) if notes else tr("handout.slides", lang)
    story: list[Flowable] = [Entry(title, st.h1, 0, "slides")]
    width = (BODY_W - 8 * mm) / 2
    notes_height = 62 * mm
    cells: list[list[Flowable]] = []
    for slide in deck.slides:
        caption = Text(escape(_slide_title(deck, slide.index, lang)), st.small)
        said = (
            _notes(slide.notes, st.compact_notes, as_typed=slide.page is not None) if notes else []
        )
        below: Flowable = (
            KeepInFrame(width, notes_height, said, mode="truncate") if said else Spacer(1, 1)
        )
        cells.append([SlideFrame(deck, slide, theme, width, light=st.light_slides), caption, below])
    for first in range(0, len(cells), 4):
        page = cells[first : first + 4]
        while len(page) < 4:
            page.append([Spacer(1, 1)])
        table = Table([page[:2], page[2:]], colWidths=[width + 8 * mm, width])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
        story += [table, PageBreak()]
    return story


def _results_section(
    deck: Deck, snapshot: SessionSnapshot, lang: str, theme: Theme, st: Styles
) -> list[Flowable]:
    story: list[Flowable] = [Entry(tr("handout.results", lang), st.h1, 0, "results")]
    for poll in deck.polls:
        story.append(CondPageBreak(90 * mm))
        story += _poll_section(deck, poll, snapshot, lang, theme, st, level=1)
    story.append(PageBreak())
    return story


def _poll_section(
    deck: Deck,
    poll: Poll,
    snapshot: SessionSnapshot,
    lang: str,
    theme: Theme,
    st: Styles,
    *,
    level: int,
) -> list[Flowable]:
    title = poll_heading(deck, poll, lang)
    parts: list[Flowable] = [Entry(title, st.h2, level, f"poll-{poll.id}")]
    shown = snapshot.results_of(poll)
    if shown is None:
        parts.append(Text(escape(tr("handout.poll.never_ran", lang)), st.body))
        return parts
    parts.append(Text(escape(tr("handout.poll.votes", lang, ballots=shown.ballots,
                                devices=shown.devices)), st.small))  # fmt: skip
    if poll.id in snapshot.timed:  # a countdown, with what "+30 s" added
        seconds = round(snapshot.timed[poll.id])
        parts.append(Text(escape(tr("handout.poll.timed", lang, seconds=seconds)), st.small))
    if shown.hands:
        parts.append(Text(escape(tr("handout.poll.hands", lang, hands=shown.hands)), st.small))
    if poll.options:  # single, multiple, ranking and a motion's fixed answers
        parts.append(Text(escape(shown.base_note(lang)), st.small))
        if shown.quiz:  # the share of phones that got it right, as the projector said it
            parts.append(Text(escape(shown.right_note(lang)), st.small))
        parts.append(charts.choice_chart(shown, BODY_W, theme, lang))
        if not shown.points:
            parts.append(KeepTogether([_counts_table(shown, lang, st)]))  # not split in two
        if shown.motion is not None:  # the verdict with its rule, as the projector said it
            said = [f"<b>{escape(shown.motion.headline(lang))}</b>",
                    escape(shown.motion.sentence(lang))]  # fmt: skip
            if (note := shown.motion.quorum_note(lang)) is not None:
                said.append(escape(note))
            parts.append(KeepTogether([Text(line, st.body) for line in said]))
    elif poll.type is PollType.SCALE:
        parts.append(charts.histogram(shown, BODY_W, theme, lang))
        mean = number(shown.mean, 1, lang) if shown.mean is not None else "–"
        median = number(shown.median, 1, lang) if shown.median is not None else "–"
        parts.append(Text(escape(tr("handout.poll.mean_median", lang, mean=mean,
                                    median=median, count=shown.base_count)), st.body))  # fmt: skip
    elif poll.type is PollType.TEXT:
        parts += _answers(shown, lang, st)
    # The heading stays on the page of its chart (or of its first lines of text).
    head = next((k + 1 for k, part in enumerate(parts) if isinstance(part, Drawing)), 4)
    pair = snapshot.comparison(poll)
    if pair is not None:
        heading = Text(escape(tr(
            "handout.poll.compare", lang,
            before=deck.shown_number(deck.slide_of_poll(pair.before.poll.id)) or "–",
            after=deck.shown_number(deck.slide_of_poll(poll.id)) or "–",
        )), st.h2)  # fmt: skip
        chart = charts.compare_chart(pair, BODY_W, theme, lang)
        return [KeepTogether(parts[:head]), *parts[head:], KeepTogether([heading, chart])]
    return [KeepTogether(parts[:head]), *parts[head:]]


def _counts_table(shown: Results, lang: str, st: Styles) -> Flowable:
    head = [tr(k, lang) for k in ("handout.poll.option", "handout.poll.phones",
                                  "handout.poll.hands_short", "handout.poll.total",
                                  "handout.poll.percent")]  # fmt: skip
    rows: list[list[Any]] = [head]
    for row in shown.rows:
        rows.append([
            Text(f"{row.key}  {escape(row.label)}", st.small),
            row.phones, row.hands, row.total, shown.percent(row, lang),
        ])  # fmt: skip
    table = Table(rows, colWidths=[BODY_W * 0.44] + [BODY_W * 0.14] * 4)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, st.muted),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f4f7")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    return table


def _answers(shown: Results, lang: str, st: Styles) -> list[Flowable]:
    approved = [a for a in shown.answers if a.state is AnswerState.APPROVED]
    parts: list[Flowable] = [Text(escape(tr("handout.poll.approved", lang)), st.h2)]
    if approved:
        parts += [Text("„" + escape(a.text) + "“" if lang == "de" else
                       "“" + escape(a.text) + "”", st.body) for a in approved]  # fmt: skip
        words = frequent_words((a.text for a in approved), 15)
        if words:
            parts.append(Text(escape(tr("handout.poll.words", lang)), st.h2))
            parts.append(Text(escape(" · ".join(f"{w} ({n})" for w, n in words)), st.body))
    else:
        parts.append(Text(escape(tr("handout.poll.no_approved", lang)), st.small))
    return parts


def question_lines(question: Question, place: int, lang: str) -> tuple[str, str]:
    """A printed question: its line and the line under it (verify reads both back)."""
    said = [question.name or tr("handout.questions.anonymous", lang),
            tr("handout.questions.upvotes", lang, count=question.upvotes)]  # fmt: skip
    if question.state is QuestionState.ANSWERED:
        said.append(tr("handout.questions.answered", lang))
    return f"{place}. {question.text}", " · ".join(said)


def _leaderboard_section(
    board: LeaderboardBlock, standings: Standings, lang: str, st: Styles
) -> list[Flowable]:
    """The quiz's standings as the deck's leaderboard showed them: its top places by
    nickname, or with `names: false` the room's average alone."""
    story: list[Flowable] = [Entry(board.title or tr("quiz.leaderboard", lang), st.h1, 0,
                                    "leaderboard")]  # fmt: skip
    if not standings.rows:
        story.append(Text(escape(tr("quiz.nobody", lang)), st.body))
    elif not board.names:
        story.append(Text(escape(standings.average_note(lang)), st.body))
    else:
        for place, name, points in standings.lines(board.count, lang):
            story.append(Text(escape(f"{place} {name} · {points}"), st.body))
        story.append(Text(escape(standings.average_note(lang)), st.small))
    story.append(PageBreak())
    return story


def _questions_section(snapshot: SessionSnapshot, lang: str, st: Styles) -> list[Flowable]:
    """The approved questions, most upvoted first, answered ones marked; never the
    hidden or the unapproved ones."""
    story: list[Flowable] = [Entry(tr("handout.questions", lang), st.h1, 0, "questions")]
    printed = public(snapshot.questions)
    if not printed:
        story.append(Text(escape(tr("handout.questions.none", lang)), st.body))
    for place, question in enumerate(printed, start=1):
        line, under = question_lines(question, place, lang)
        story.append(KeepTogether([Text(escape(line), st.body), Text(escape(under), st.small),
                                   Spacer(1, 2.5 * mm)]))  # fmt: skip
    story.append(PageBreak())
    return story


def _closing(snapshot: SessionSnapshot, lang: str, theme: Theme, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [Entry(tr("handout.closing", lang), st.h1, 0, "closing")]
    story.append(Text(escape(tr("handout.participation", lang)), st.h2))
    if snapshot.vote_times:
        chart, minutes = charts.participation_chart(snapshot.vote_times, BODY_W, theme, lang)
        axis = "handout.participation.axis_one" if minutes == 1 else "handout.participation.axis"
        story.append(Text(escape(tr(axis, lang, minutes=minutes)),
                          st.small))  # fmt: skip
        story.append(chart)
    else:
        story.append(Text(escape(tr("handout.participation.none", lang)), st.body))
    deck = snapshot.deck
    if deck.meta.reactions or snapshot.reactions:
        story += reactions_section(
            snapshot.reactions, deck.meta.reactions,
            lambda index: _slide_title(deck, index, lang) if index < len(deck.slides) else
            tr("handout.slide_untitled", lang, number=index + 1),
            lang, (st.h2, st.body, st.small), st.accent, BODY_W,
        )  # fmt: skip
    story.append(Text(escape(tr("handout.privacy.title", lang)), st.h2))
    story.append(Text(escape(tr("handout.privacy.text", lang)), st.body))
    story.append(Text(escape(tr("handout.digest.title", lang)), st.h2))
    story.append(Text(escape(tr("handout.digest.text", lang)), st.body))
    story.append(Text(snapshot.digest, st.digest))
    return story
