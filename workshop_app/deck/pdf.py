"""PDF pages as slides: read a PDF once (pages, sizes, text), rasterise a page at any size.

Qt-free, so `check`, the handout's process and the voting server's follow-along
images use the same code as the projector. PDFium (through pypdfium2) renders;
it is not thread-safe, so every call into it holds one lock, and documents stay
open in a small cache keyed by the file's hash.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import io
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # PDFium loads in 30 ms: only decks with a PDF pay for it
    import pypdfium2 as pdfium

# A speaker's PDF with photos is 10–50 MB; the session file keeps a copy of it.
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 1000
# Rasters larger than this (pixels per side) are never made: a 4K projector is 3840.
MAX_RASTER_SIDE = 8192
_OPEN_DOCUMENTS = 4
MAX_TITLE_CHARS = 80
MAX_TITLE_SCAN = 400  # characters looked at for the title
# What a PDF's text may carry that must not reach a phone, the console or paper:
# control characters, bidi overrides, PDFium's marks for hyphens and breaks.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)

# Beamer's "show notes on second screen" (pdfpc's --notes=right, pympress's notes mode):
# every page is the slide and the speaker's notes side by side, twice a slide's width.
# No screen a slide is made for is wider than 21:9 (2.33:1), and two 4:3 halves are
# 2.67:1, two 16:9 ones 3.56:1: pages this wide are taken for such pairs, slide left.
NOTES_PAGE_RATIO = 2.5
NOTES_RIGHT = "right"

_lock = threading.RLock()
_documents: OrderedDict[str, pdfium.PdfDocument] = OrderedDict()
_loaded: dict[tuple[str, int, int, str, bool], PdfFile] = {}
# Whether pages that wide are split (the speaker may say no: a panorama of two screens).
_split_notes: ContextVar[bool] = ContextVar("split_notes", default=True)


class PdfError(Exception):
    """A PDF that cannot be a deck; `code` names why (deck.* messages translate it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class PdfPageInfo:
    width: float  # points (1/72 inch), as shown (rotation applied)
    height: float
    text: str  # the page's text in reading order: one line per line, spaces collapsed
    title: str  # its first run of text in one size: a title wrapped over two lines, whole
    notes: str = ""  # the text of its notes half (a notes PDF's), as `text`


@dataclass(frozen=True, eq=False)
class PdfFile:
    """A PDF's bytes and what a deck needs of it; equal files have equal digests."""

    name: str  # as the deck names it (`pdf: vortrag.pdf`), for messages and the session
    data: bytes
    digest: str  # SHA-256 of `data`
    pages: tuple[PdfPageInfo, ...]  # of a notes PDF: the slide halves' sizes and text
    # NOTES_RIGHT when each page is a slide with the speaker's notes on its right half
    # (a guess from the pages' shape, `looks_like_notes_pages`); "" for plain slides.
    notes_side: str = ""

    def __repr__(self) -> str:  # never print 50 MB
        return f"PdfFile({self.name!r}, {len(self.data)} bytes, {len(self.pages)} pages)"


@dataclass(frozen=True)
class Raster:
    """A rendered page: RGBX rows, 4 bytes a pixel."""

    width: int
    height: int
    stride: int
    pixels: bytes


def load_pdf(path: Path, name: str | None = None) -> PdfFile:
    """Read the PDF at `path` (size-limited); raises PdfError.

    A live reload parses the deck after every save of its Markdown: the PDF is
    read again only when its file changed (its text takes ~1 ms a page).
    """
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size, name or path.name, _split_notes.get())
        with _lock:
            known = _loaded.get(key)
        if known is not None:
            return known
        with path.open("rb") as handle:
            data = handle.read(MAX_PDF_BYTES + 1)
    except (FileNotFoundError, IsADirectoryError):
        raise PdfError("missing") from None
    except OSError as exc:
        raise PdfError("unreadable", exc.strerror or str(exc)) from None
    pdf = read_pdf(data, name or path.name)
    with _lock:
        _loaded[key] = pdf
        while len(_loaded) > _OPEN_DOCUMENTS:
            _loaded.pop(next(iter(_loaded)))
    return pdf


def read_pdf(data: bytes, name: str) -> PdfFile:
    """Pages, sizes and text of a PDF given as bytes; raises PdfError."""
    if len(data) > MAX_PDF_BYTES:
        raise PdfError("too_large", str(MAX_PDF_BYTES // (1024 * 1024)))
    if not data[:1024].lstrip().startswith(b"%PDF"):  # the header may follow some junk
        raise PdfError("not_pdf")
    digest = hashlib.sha256(data).hexdigest()
    from pypdfium2 import PdfiumError

    with _lock:
        try:
            document = _document(digest, data)
        except PdfiumError as error:
            code = "encrypted" if "password" in str(error).lower() else "broken"
            raise PdfError(code, str(error)) from None
        count = len(document)
        if count == 0:
            raise PdfError("no_pages")
        if count > MAX_PDF_PAGES:
            raise PdfError("too_many_pages", str(MAX_PDF_PAGES))
        split = _split_notes.get() and all(_notes_page(document, i) for i in range(count))
        pages = tuple(_page_info(document, index, split=split) for index in range(count))
    return PdfFile(name, data, digest, pages, NOTES_RIGHT if split else "")


def looks_like_notes_pages(width: float, height: float) -> bool:
    """Whether a page this size is a slide and its notes side by side (see NOTES_PAGE_RATIO)."""
    return width >= NOTES_PAGE_RATIO * max(height, 1e-6)


@contextlib.contextmanager
def notes_pages_split(split: bool) -> Iterator[None]:
    """Within this block (in this thread), PDFs read split notes pages only if `split`:
    the speaker's answer when the guess was wrong."""
    token = _split_notes.set(split)
    try:
        yield
    finally:
        _split_notes.reset(token)


def _notes_page(document: pdfium.PdfDocument, index: int) -> bool:
    """Whether page `index` is a slide and its notes; never a turned page (its halves
    are not left and right in its own coordinates, where text and crop boxes are)."""
    page = document[index]
    try:
        return page.get_rotation() % 360 == 0 and looks_like_notes_pages(*page.get_size())
    finally:
        page.close()


def _page_info(document: pdfium.PdfDocument, index: int, *, split: bool) -> PdfPageInfo:
    page = document[index]
    try:
        width, height = page.get_size()
        left, bottom, right, top = page.get_bbox()
        middle = (left + right) / 2
        text_page = page.get_textpage()
        try:
            if split:  # the slide's text and title from its half, the notes' apart
                text = text_page.get_text_bounded(left, bottom, middle, top)
                notes = text_page.get_text_bounded(middle, bottom, right, top)
                title = _leading_run(text_page, before_x=middle)
                width /= 2
            else:
                text, notes = text_page.get_text_bounded(), ""
                title = _leading_run(text_page)
        finally:
            text_page.close()
    finally:
        page.close()
    return PdfPageInfo(float(width), float(height), _clean(text), title, _clean(notes))


def _clean(text: str) -> str:
    # PDFium ends lines with \r\n; phones and the handout want \n and no control bytes.
    lines = (" ".join(_INVISIBLE.sub("", line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _leading_run(text_page: pdfium.PdfTextPage, before_x: float | None = None) -> str:
    """The page's first characters in the size of its first one: the title, also when
    it wraps (reading order puts it first in PowerPoint's, Keynote's and Beamer's PDFs).
    With `before_x`, only characters left of it count (a notes page's slide half)."""
    import pypdfium2.raw as pdfium_c

    handle = text_page.raw
    size: float | None = None
    chars: list[str] = []
    for index in range(min(pdfium_c.FPDFText_CountChars(handle), MAX_TITLE_SCAN)):
        char = chr(pdfium_c.FPDFText_GetUnicode(handle, index))
        if before_x is not None and text_page.get_charbox(index)[0] >= before_x:
            continue  # the notes half's
        if pdfium_c.FPDFText_IsGenerated(handle, index) == 1 or char in "\r\n":
            chars.append(" ")  # PDFium's own line breaks: the title goes on
            continue
        char_size = pdfium_c.FPDFText_GetFontSize(handle, index)
        if size is None:
            if char.isspace():
                continue
            size = char_size
        elif abs(char_size - size) > 0.5:
            break
        chars.append(char)
    return " ".join(_INVISIBLE.sub("", "".join(chars)).split())[:MAX_TITLE_CHARS]


def _document(digest: str, data: bytes) -> pdfium.PdfDocument:
    """The open document for `digest` (the lock is held)."""
    document = _documents.get(digest)
    if document is not None:
        _documents.move_to_end(digest)
        return document
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    _close_at_exit()
    _documents[digest] = document
    while len(_documents) > _OPEN_DOCUMENTS:
        _documents.popitem(last=False)[1].close()
    return document


def close_all() -> None:
    """Close every open document and forget every PDF read: at exit (pypdfium2 would
    complain on stderr of what is still open), and for bench.pdf_deck's first opening."""
    with _lock:
        _loaded.clear()
        while _documents:
            _documents.popitem()[1].close()


@functools.cache
def _close_at_exit() -> None:
    # Registered after pypdfium2's own hook (made with its first document): exit hooks
    # run last in, first out, so the documents are closed before it looks.
    atexit.register(close_all)


def render_page(
    pdf: PdfFile, index: int, width: int, height: int, *, notes: bool = False
) -> Raster:
    """Page `index` rendered to fit `width`×`height` pixels, its aspect kept, on white.

    Of a notes PDF, the slide half; with `notes`, the notes half."""
    info = pdf.pages[index]
    scale = min(width / info.width, height / info.height)
    scale = min(scale, MAX_RASTER_SIDE / max(info.width, info.height))
    # Points cut off the left and right edges: a notes PDF's other half.
    cut_left, cut_right = (info.width, 0.0) if notes else (0.0, info.width)
    if not pdf.notes_side:
        cut_left = cut_right = 0.0
    with _lock:
        page = _document(pdf.digest, pdf.data)[index]
        try:
            bitmap = page.render(
                scale=max(scale, 0.01),
                crop=(cut_left, 0, cut_right, 0),
                fill_color=(255, 255, 255, 255),
                rev_byteorder=True,
                prefer_bgrx=True,
                draw_annots=True,
            )
            try:
                raster = Raster(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            finally:
                bitmap.close()
        finally:
            page.close()
    return raster


def slide_box(pdf: PdfFile, index: int) -> tuple[float, float, float, float] | None:
    """A notes PDF's slide half of page `index` in the page's own coordinates (left,
    bottom, right, top: a crop box for pypdf), None for a PDF of plain slides."""
    if not pdf.notes_side:
        return None
    with _lock:
        page = _document(pdf.digest, pdf.data)[index]
        try:
            left, bottom, right, top = page.get_bbox()
        finally:
            page.close()
    return left, bottom, (left + right) / 2, top


def without_notes(pdf: PdfFile) -> bytes:
    """The PDF's bytes for the members' handout: a Beamer notes PDF without what lies
    wholly in its notes halves (text, pictures, drawings), so that the notes are neither
    shown nor found by search or copy; any other PDF as it is."""
    if not pdf.notes_side:
        return pdf.data
    import pypdfium2

    with _lock:
        document = pypdfium2.PdfDocument(pdf.data)  # a copy of its own, to be edited
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    left, _, right, _ = page.get_bbox()
                    middle = (left + right) / 2
                    notes = [o for o in page.get_objects(max_depth=1)
                             if o.get_bounds()[0] >= middle]  # fmt: skip
                    for found in notes:
                        page.remove_obj(found)
                        found.close()
                    if notes:
                        page.gen_content()
                finally:
                    page.close()
            written = io.BytesIO()
            document.save(written)
            return written.getvalue()
        finally:
            document.close()


def parse_page_range(text: str) -> tuple[int, int | None] | None:
    """`3`, `3-7` or `3-` (to the last page), 1-based as people count pages: the first
    and last page (None: to the end), or None when the text is no such range."""
    first, dash, last = (part.strip() for part in text.strip().partition("-"))
    if not first.isdigit() or (last and not last.isdigit()) or int(first) < 1:
        return None
    if not dash:
        return int(first), int(first)
    return int(first), int(last) if last else None


@dataclass(frozen=True)
class SpeakerFile:
    """What pdfpc keeps beside a PDF (`NAME.pdfpc`): notes by page, the talk's length
    in minutes and the last page of the talk proper (backup pages follow it)."""

    notes: dict[int, str]  # 0-based page → note
    duration: int | None = None
    end_page: int | None = None  # 1-based, as pdfpc counts


MAX_PDFPC_BYTES = 2 * 1024 * 1024


def read_pdfpc(data: bytes) -> SpeakerFile:
    """pdfpc's JSON notes file (formats 1 and 2, pdfpc ≥ 4.5); raises PdfError."""
    if len(data) > MAX_PDFPC_BYTES:
        raise PdfError("pdfpc_too_large", f"> {MAX_PDFPC_BYTES // (1024 * 1024)} MB")
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PdfError("pdfpc_not_json", str(error)) from None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("pages", []), list):
        raise PdfError("pdfpc_not_json", "no pages")
    notes: dict[int, str] = {}
    for entry in loaded.get("pages", []):
        if not isinstance(entry, dict):
            continue
        index, note = entry.get("idx"), entry.get("note")
        if _whole(index, least=0) is not None and isinstance(note, str) and note.strip():
            assert isinstance(index, int)
            # Several overlays of one page each may carry a note; they add up.
            text = _INVISIBLE.sub("", note.replace("\r\n", "\n")).strip()
            notes[index] = f"{notes[index]}\n\n{text}" if index in notes else text
    return SpeakerFile(notes, _whole(loaded.get("duration")), _whole(loaded.get("endSlide")))


def _whole(value: object, least: int = 1) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= least
    return value if ok else None  # type: ignore[return-value]
