"""Pages of a PDF as slides of a deck: `pdf:` in the front matter, `![](pdf:3-7)` on a slide.

A PDF opened by itself is the same thing: a deck whose one slide says
`![](pdf:1-)`, so a PDF talk and a Markdown talk with pages in it go through
one parser, one renderer and one handout. The speaker's notes come from
pdfpc's file beside the PDF (`NAME.pdfpc`) and from the slide's own comments.
`pdf:` may name a PowerPoint, Impress or Keynote file too: its PDF and notes
are LibreOffice's conversion (office.py), and the session keeps them under the
deck's names, so the original is not needed again.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from workshop_app.deck.local_files import in_deck_folder
from workshop_app.deck.model import Block, PdfPage, Slide, is_office_file
from workshop_app.deck.report import Reporter

# The PDF reader (deck/pdf.py) and LibreOffice's (deck/office.py) are imported where a
# deck names a PDF or a presentation: every Markdown deck passes through this module,
# and reading one (an export, the console) should not load them (~10 ms).
if TYPE_CHECKING:
    from workshop_app.deck.pdf import PdfFile, SpeakerFile

PAGE_SCHEME = "pdf:"
# Why a PDF cannot be read (PdfError.code) → what the speaker is told.
PDF_MESSAGES = {
    "missing": "pdf.missing", "unreadable": "pdf.unreadable", "too_large": "pdf.too_large",
    "not_pdf": "pdf.not_pdf", "broken": "pdf.broken", "encrypted": "pdf.encrypted",
    "no_pages": "pdf.no_pages", "too_many_pages": "pdf.too_many_pages",
}  # fmt: skip
# Why LibreOffice could not make a PDF of a presentation (OfficeError.code) → message.
OFFICE_MESSAGES = {
    "no_soffice": "office.no_soffice", "failed": "office.failed",
    "timeout": "office.timeout", "too_large": "office.too_large",
    "cancelled": "office.cancelled",
}  # fmt: skip


@dataclass(frozen=True)
class DeckPdf:
    """The PDF a deck names, read, with pdfpc's notes when they are beside it."""

    pdf: PdfFile
    speaker: SpeakerFile | None
    files: dict[str, bytes]  # name → bytes of every file read: what the session keeps


def pdf_deck_source(name: str) -> str:
    """The deck a PDF or presentation is when it is opened by itself: every page a
    slide. `name` is the file beside the deck's path."""
    return f"---\npdf: {json.dumps(name)}\n---\n\n![]({PAGE_SCHEME}1-)\n"


def speaker_file_name(name: str) -> str:
    return str(PurePath(name).with_suffix(".pdfpc"))


def open_deck_pdf(
    name: str,
    line: int,
    base_dir: Path | None,
    stored: Mapping[str, bytes] | None,
    report: Reporter,
    converting: Callable[[Path], None] | None = None,
) -> DeckPdf | None:
    """Read the front matter's PDF from the session's copy or beside the deck; a
    presentation there is LibreOffice's PDF of it, with its notes as pdfpc's
    (`converting` is called before a conversion starts: it takes seconds).

    Every failure is reported on the `pdf:` line; None then.
    """
    from workshop_app.deck.office import OfficeError, converted_pdf
    from workshop_app.deck.pdf import PdfError, load_pdf, read_pdf, read_pdfpc

    notes_name = speaker_file_name(name)
    notes_data: bytes | None = None
    try:
        if stored is not None and name in stored:
            pdf = read_pdf(stored[name], name)
            notes_data = stored.get(notes_name)
        elif base_dir is not None:
            found = in_deck_folder(base_dir, name)
            if found is None:  # a deck someone sent would show the speaker's own files
                report.error(line, "pdf.outside", name=name)
                return None
            path, notes_path = found, base_dir / notes_name
            if is_office_file(path) and not path.is_dir():
                path = converted_pdf(path, converting)
                notes_path = path.with_suffix(".pdfpc")  # written with it, in the cache
            pdf = load_pdf(path, name)
            notes_data = _notes_beside(notes_path, notes_name, line, report)
        else:
            raise PdfError("missing")
    except PdfError as error:
        report.error(line, PDF_MESSAGES[error.code], name=name, detail=error.detail)
        return None
    except FileNotFoundError:  # the presentation (a missing PDF is a PdfError)
        report.error(line, "office.missing", name=name)
        return None
    except OSError as error:
        report.error(line, "office.unreadable", name=name, detail=error.strerror or str(error))
        return None
    except OfficeError as error:
        report.error(line, OFFICE_MESSAGES[error.code], name=name, detail=error.detail)
        return None
    files = {name: pdf.data}
    speaker = None
    if notes_data is not None:
        try:
            speaker = read_pdfpc(notes_data)
            files[notes_name] = notes_data
        except PdfError as error:
            report.warning(line, "pdf.pdfpc_unreadable", name=notes_name, detail=error.detail)
    return DeckPdf(pdf, speaker, files)


def _notes_beside(path: Path, name: str, line: int, report: Reporter) -> bytes | None:
    """pdfpc's notes file beside the PDF, if there is one (a warning if unreadable)."""
    from workshop_app.deck.pdf import MAX_PDFPC_BYTES

    try:
        with path.open("rb") as handle:
            return handle.read(MAX_PDFPC_BYTES + 1)  # read_pdfpc refuses what is larger
    except FileNotFoundError:
        return None
    except OSError as error:
        report.warning(line, "pdf.pdfpc_unreadable", name=name, detail=error.strerror or "")
        return None


def page_blocks(src: str, line: int, found: DeckPdf | None, report: Reporter) -> list[Block]:
    """The pages `![](pdf:3-7)` names, each a block of its own slide; [] after an error."""
    if found is None:
        # Without a readable PDF the front matter's line says why; a deck without one says so here.
        return []
    from workshop_app.deck.pdf import parse_page_range

    wanted = parse_page_range(src.removeprefix(PAGE_SCHEME))
    pages = found.pdf.pages
    if wanted is None:
        report.error(line, "pdf.bad_range", src=src)
        return []
    first, last = wanted
    last = len(pages) if last is None else last
    if first > len(pages) or last > len(pages) or first > last:
        report.error(line, "pdf.no_such_page", src=src, name=found.pdf.name, count=len(pages))
        return []
    return [_page_block(found.pdf, at, line) for at in range(first - 1, last)]


def _page_block(pdf: PdfFile, at: int, line: int) -> PdfPage:
    info = pdf.pages[at]
    return PdfPage(pdf.digest, at, line, info.width, info.height, info.text, info.title)


def one_page_a_slide(slides: list[Slide], found: DeckPdf | None) -> list[Slide]:
    """A slide naming a range becomes a slide per page (numbered anew), with the
    slide's own notes on its first page, pdfpc's on each, and, of a Beamer PDF with
    notes on the second screen, the text of each page's notes half (the console
    shows that half as it is; the notes handout prints its words)."""
    if found is None:
        return slides
    notes = dict(found.speaker.notes) if found.speaker is not None else {}
    for at, info in enumerate(found.pdf.pages):
        if info.notes:
            notes[at] = f"{notes[at]}\n\n{info.notes}" if at in notes else info.notes
    result: list[Slide] = []
    for slide in slides:
        pages = [block for block in slide.blocks if isinstance(block, PdfPage)]
        if not pages:
            result.append(dataclasses.replace(slide, index=len(result)))
            continue
        for number, page in enumerate(pages):
            said = [slide.notes] if number == 0 and slide.notes else []
            if page.page in notes:
                said.append(notes[page.page])
            result.append(
                dataclasses.replace(
                    slide, index=len(result), blocks=(page,), notes="\n\n".join(said)
                )
            )
    return result
