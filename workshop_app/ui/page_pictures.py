"""PDF pages as pictures at the sizes the views paint them, rendered in a thread of their own.

The slide show asks for the pages next to the speaker's ahead of time
(`request`); PDFium renders them in one worker thread (it is not thread-safe,
deck/pdf.py holds its lock) and `arrived` fires in the GUI thread, which then
blits them. Painting a page that is not there yet at its size draws the same
page at another size, scaled, and asks for the right one; only a page never
rendered at any size is rendered where it is needed (a jump in the overview).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtGui import QImage

from workshop_app.deck.model import PdfPage
from workshop_app.deck.pdf import PdfFile, render_page

Key = tuple[str, int, int, int, bool]  # digest, page, width, height in pixels, notes half
# Pictures kept, in bytes: a 1920×1080 page is 8 MB. The sizes of four views for the
# pages around the speaker's (three each) and the overview's small ones fit.
MAX_BYTES = 160 * 1024 * 1024


def _key(page: PdfPage, width: int, height: int, notes: bool = False) -> Key:
    return page.document, page.page, width, height, notes


def _picture(pdf: PdfFile, page: int, width: int, height: int, notes: bool) -> QImage:
    raster = render_page(pdf, page, width, height, notes=notes)
    image = QImage(
        raster.pixels, raster.width, raster.height, raster.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # owns its pixels; QImage may be made in any thread


class PagePictures:
    """Rendered pages by size for one deck's PDFs; safe to call from any thread."""

    def __init__(self, pdfs: Mapping[str, PdfFile]) -> None:
        self.pdfs = pdfs
        self._lock = threading.Lock()
        self._pictures: OrderedDict[Key, QImage] = OrderedDict()
        self._bytes = 0
        self._pending: set[Key] = set()
        self._worker: ThreadPoolExecutor | None = None
        # Called in the worker thread when a requested page is ready (each slide show
        # of this deck, the library's and the talk's, turns it into a queued Qt signal).
        self._listeners: list[Callable[[PdfPage], None]] = []

    def listen(self, listener: Callable[[PdfPage], None]) -> Callable[[], None]:
        """Tell `listener` of every page rendered ahead; returns what stops that."""
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def has_notes_half(self, page: PdfPage) -> bool:
        """Whether the page is a Beamer slide with its notes beside it (deck/pdf.py)."""
        pdf = self.pdfs.get(page.document)
        return pdf is not None and bool(pdf.notes_side)

    def cached(
        self, page: PdfPage, width: int, height: int, *, notes: bool = False
    ) -> QImage | None:
        """The page (with `notes`, its notes half) at this size, if it is made."""
        key = _key(page, width, height, notes)
        with self._lock:
            picture = self._pictures.get(key)
            if picture is not None:
                self._pictures.move_to_end(key)
            return picture

    def picture(self, page: PdfPage, width: int, height: int) -> QImage:
        """The page at this pixel size: rendered, or another size of it while that is made."""
        found = self.cached(page, width, height)
        if found is not None:
            return found
        other = self._any_size(page)
        if other is not None:
            self.request(page, width, height)
            return other
        return self._render(page, width, height)

    def request(self, page: PdfPage, width: int, height: int, *, notes: bool = False) -> bool:
        """Have the page rendered at this size in the background; True if it is there."""
        key = _key(page, width, height, notes)
        with self._lock:
            if key in self._pictures:
                return True
            if key in self._pending:
                return False
            self._pending.add(key)
            if self._worker is None:
                self._worker = ThreadPoolExecutor(1, thread_name_prefix="impuls-pdf")
            worker = self._worker
        worker.submit(self._render_ahead, page, width, height, notes)
        return False

    def forget(self) -> None:
        """Drop every picture: bench.pdf_deck's key press without rendering ahead."""
        with self._lock:
            self._pictures.clear()
            self._bytes = 0

    def busy(self) -> bool:
        """True while a page asked for is still being rendered, or its listeners told."""
        with self._lock:
            return bool(self._pending)

    def _render_ahead(self, page: PdfPage, width: int, height: int, notes: bool) -> None:
        try:
            self._render(page, width, height, notes)
            with self._lock:
                listeners = list(self._listeners)
            for listener in listeners:
                with contextlib.suppress(RuntimeError):  # a slide show deleted meanwhile
                    listener(page)
        finally:
            # Pending until the listeners are told: once `busy` is False, every arrival
            # is queued for the GUI thread (bench.presenting waits on that).
            with self._lock:
                self._pending.discard(_key(page, width, height, notes))

    def _render(self, page: PdfPage, width: int, height: int, notes: bool = False) -> QImage:
        picture = _picture(self.pdfs[page.document], page.page, width, height, notes)
        key = _key(page, width, height, notes)
        with self._lock:
            if key not in self._pictures:
                self._pictures[key] = picture
                self._bytes += picture.sizeInBytes()
            while self._bytes > MAX_BYTES and len(self._pictures) > 1:
                _, dropped = self._pictures.popitem(last=False)
                self._bytes -= dropped.sizeInBytes()
        return picture

    def _any_size(self, page: PdfPage) -> QImage | None:
        """The largest picture of this page at any size."""
        with self._lock:
            sizes = [
                picture
                for (document, number, _, _, notes), picture in self._pictures.items()
                if document == page.document and number == page.page and not notes
            ]
        return max(sizes, key=lambda p: p.width(), default=None)
