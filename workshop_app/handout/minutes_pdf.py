"""The minutes as a PDF: the blocks of handout/minutes.py on the handout's pages.

The handout's page template, running header, page numbers, fonts and styles
(handout/document.py): the minutes read like the handout they are filed with. Every
block's text is escaped for reportlab's paragraph markup: what a participant typed
prints as typed. The checksum of each talk's session is in the document information
(where `impuls verify` reads it) and in the last lines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import NextPageTemplate

from workshop_app.deck.themes import load_theme
from workshop_app.handout.document import (
    BODY_W,
    Entry,
    PdfInfo,
    Progress,
    Styles,
    Written,
    write_pdf,
)
from workshop_app.handout.fonts import register_fonts
from workshop_app.handout.minutes import Block, Kind, Minutes
from workshop_app.handout.slides import Text, escape
from workshop_app.i18n import tr

SIGNATURE_ROOM = 16 * mm  # above each line, for a hand's signature


def write_minutes_pdf(
    written: Minutes,
    out: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Written:
    """Write `written` to `out` (a temporary file beside it, renamed when whole);
    `progress` hears the share of the blocks laid out; raise CancelledError if
    `cancelled()` turns true (the export dialog's Cancel)."""
    started = time.perf_counter()
    register_fonts()
    st = Styles(load_theme("light"))
    story = _story(written, st)
    lang = written.lang
    info = PdfInfo(header=(written.title, tr("minutes.title", lang), ""),
                   title=f"{tr('minutes.title', lang)} – {written.title}", author="Impuls",
                   subject=tr("minutes.subject", lang),
                   keywords=tuple(written.keywords))  # fmt: skip
    return write_pdf(story, out, info, lang=lang, started=started, progress=progress,
                     cancelled=cancelled)  # fmt: skip


def _story(written: Minutes, st: Styles) -> list[Flowable]:
    """The blocks as flowables: a heading kept on the page of what follows it, a
    result with its note; the first page without the running header, as a cover."""
    story: list[Flowable] = [NextPageTemplate("page")]
    headings: list[Flowable] = []  # waiting for what follows them
    result: list[Flowable] = []  # a result and its note stay together

    def add(*together: Flowable) -> None:
        """Flowables kept on one page, with the headings before them. (One KeepTogether,
        never one inside another: reportlab's says it is too tall, to be split, and
        the outer one would start a new page for it.)"""
        kept = [*headings, *together]
        headings.clear()
        story.append(KeepTogether(kept) if len(kept) > 1 else kept[0])

    for n, block in enumerate(written.blocks):
        if result and block.kind is not Kind.NOTE:
            add(*result)
            result = []
        if block.kind is Kind.TITLE:
            add(Text(escape(block.text), st.title))
        elif block.kind is Kind.SUBTITLE:
            add(Text(escape(block.text), st.subtitle))
        elif block.kind in (Kind.HEADING, Kind.SUBHEADING):
            level = 0 if block.kind is Kind.HEADING else 1
            style = st.h1 if level == 0 else st.h2
            headings.append(Entry(block.text, style, level, f"minutes-{n}"))
        elif block.kind is Kind.RESULT:
            result = [Text(escape(block.text), st.body)]
        elif block.kind is Kind.NOTE and result:
            result += [Text(escape(block.text), st.small), Spacer(1, 2 * mm)]
        elif block.kind is Kind.NOTE:
            add(Text(escape(block.text), st.small))
        elif block.kind is Kind.SIGNATURES:
            add(*_signatures(block, st))
        elif block.kind is Kind.DIGEST:
            add(Text(escape(block.text), st.digest_line))
        else:  # TEXT, ITEM
            add(Text(escape(block.text), st.body))
    if result:
        add(*result)
    story += headings
    return story


def _signatures(block: Block, st: Styles) -> list[Flowable]:
    """A line for each who signs, side by side with a gap between, room above each,
    and below it the place and date and who signs."""
    gap = 12 * mm
    count = len(block.parts)
    width = (BODY_W - gap * (count - 1)) / count
    room: list[Flowable | str] = []
    said: list[Flowable | str] = []
    widths: list[float] = []
    for column, who in enumerate(block.parts):
        if column:
            room.append("")
            said.append("")
            widths.append(gap)
        room.append(Spacer(1, SIGNATURE_ROOM))
        said.append(Text(escape(f"{block.text}, {who}"), st.small))
        widths.append(width)
    table = Table([room, said], colWidths=widths)
    table.setStyle(TableStyle([
        *(("LINEABOVE", (c, 1), (c, 1), 0.6, st.text) for c in range(0, len(widths), 2)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return [Spacer(1, 6 * mm), table, Spacer(1, 8 * mm)]
