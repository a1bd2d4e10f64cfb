"""The minutes as a .docx the secretary edits: the blocks of handout/minutes.py in Word's
own styles (Title, Heading 1/2, List Number), so the secretary's word processor
numbers, restyles and lists them in its navigator as it does a document typed there.

Every block goes into a run, which is text: a question that reads `<b>` or
`{{ field }}` stays those characters. The checksum of each talk's session is in the
last lines, as in the PDF, and in the core properties (keywords and comments) as far
as they hold it: a core property holds 255 characters (Word's limit, which python-docx
enforces), two checksums; `verify` reads an evening's others from the last lines.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from workshop_app.handout.document import Written
from workshop_app.handout.minutes import Block, Kind, Minutes
from workshop_app.i18n import tr

MUTED = RGBColor(0x5B, 0x62, 0x70)
CORE_PROPERTY_CHARS = 255


def _fitting(parts: list[str], separator: str) -> str:
    """`parts` joined, as many as fit a core property's 255 characters (an evening of
    three talks or more has more checksums than that)."""
    kept: list[str] = []
    for part in parts:
        if len(separator.join([*kept, part])) > CORE_PROPERTY_CHARS:
            break
        kept.append(part)
    return separator.join(kept)


def write_minutes_docx(written: Minutes, out: Path) -> Written:
    """Write `written` to `out` (a temporary file beside it, renamed when whole)."""
    started = time.perf_counter()
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.styles["Normal"].font.size = Pt(11)
    lang = written.lang
    core = doc.core_properties
    core.title = f"{tr('minutes.title', lang)} – {written.title}"
    core.subject = tr("minutes.subject", lang)
    core.keywords = _fitting(written.keywords, ", ")  # as the PDF's, as far as they fit
    core.comments = _fitting([b.text for b in written.blocks if b.kind is Kind.DIGEST], "\n")
    core.author = "Impuls"
    core.language = lang
    for block in written.blocks:
        _add(doc, block)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".impuls-", suffix=".docx", dir=out.parent)
    os.close(handle)
    try:
        doc.save(temporary)
        Path(temporary).chmod(0o644)  # as the handout: the secretary passes it on
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Written(out, 0, time.perf_counter() - started)


def _add(doc: Document, block: Block) -> None:
    if block.kind is Kind.TITLE:
        doc.add_paragraph(block.text, style="Title")
    elif block.kind is Kind.SUBTITLE:
        doc.add_paragraph(block.text, style="Subtitle")
    elif block.kind is Kind.HEADING:
        doc.add_heading(block.text, level=1)
    elif block.kind is Kind.SUBHEADING:
        doc.add_heading(block.text, level=2)
    elif block.kind is Kind.NOTE:
        run = doc.add_paragraph().add_run(block.text)
        run.font.size = Pt(9)
        run.font.color.rgb = MUTED
    elif block.kind is Kind.DIGEST:
        run = doc.add_paragraph().add_run(block.text)
        run.font.size = Pt(7)
        run.font.color.rgb = MUTED
    elif block.kind is Kind.SIGNATURES:
        _signatures(doc, block)
    else:  # TEXT, ITEM, RESULT
        doc.add_paragraph().add_run(block.text)


def _signatures(doc: Document, block: Block) -> None:
    """A line for each who signs, side by side, with room above and the words below."""
    table = doc.add_table(rows=2, cols=len(block.parts))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, who in enumerate(block.parts):
        room = table.cell(0, column).paragraphs[0]
        room.paragraph_format.space_before = Mm(14)
        room.add_run("_" * 32)
        run = table.cell(1, column).paragraphs[0].add_run(f"{block.text}, {who}")
        run.font.size = Pt(9)
