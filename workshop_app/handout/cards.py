"""Sheets of voting cards: A4, twelve cards a sheet, cut marks, no name anywhere.

Each card carries its number, a QR code of the join address with the card in it,
and the card's code to type where a phone cannot scan (session/cards.py). The QR
code is reportlab's own (reportlab.graphics.barcode.qr), 30 mm, its quiet zone
around it: an older phone's camera reads that at arm's length. Error level
M, like the projector's join card, so a crease or a thumb over a corner still reads.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workshop_app.deck import Deck
from workshop_app.handout.charts import fit
from workshop_app.handout.fonts import MONO, SANS, SANS_BOLD, register_fonts
from workshop_app.i18n import Lang, tr
from workshop_app.session.cards import (
    CardKey,
    checked_issued,
    keep_key,
    key_path,
    load_key,
    new_key,
    pretty,
    read_issued,
    record_text,
)

if TYPE_CHECKING:
    from workshop_app.session.store import SessionStore

log = logging.getLogger("impuls.cards")

COLUMNS, ROWS = 3, 4
PER_SHEET = COLUMNS * ROWS
MARGIN = 12 * mm  # printers leave 4–6 mm white: the cut marks stay on the paper
QR_SIDE = 38 * mm  # with its quiet zone of four modules: the code itself is ≥ 29 mm
MARK = 5 * mm  # cut marks: in the margin, clear of the cards
GREY = (0.55, 0.55, 0.55)
Progress = Callable[[int, int], None]  # (sheets done, sheets in all)


@dataclass(frozen=True)
class CardSheet:
    """What goes on every card of a print run: where phones join, in which language."""

    url: str  # the address phones open, e.g. http://192.168.1.20:8000
    title: str  # the talk's or the evening's title, small at the top
    lang: Lang


def card_url(url: str, code: str) -> str:
    """The address a card's QR code holds: the phone page, with the card in it."""
    return f"{url.rstrip('/')}/?code={code}"


def printed_port(url: str) -> int:
    """The port a card's address names, which the voting server then keeps (0: none
    named, as behind a proxy's https://…: the server's own port does not matter)."""
    try:
        return urlsplit(url).port or 0
    except ValueError:
        return 0


def print_cards(
    out: Path,
    key: CardKey,
    serials: Sequence[int],
    sheet: CardSheet,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    done: Callable[[], None] = lambda: None,
    undo: Callable[[], None] = lambda: None,
) -> int:
    """Write the cards `serials` to `out` as a PDF; returns the sheets written (0: cancelled).

    Written whole to a temporary file beside `out` and on disk, then `done()` writes
    the records of the issue (last: a full disk or a cancel while printing issues
    nothing), then the file is moved into place; where that fails, `undo()` takes the
    records back. So the PDF and the records are there both or neither, and no half
    a PDF is left behind.
    """
    register_fonts(frozenset({SANS, SANS_BOLD, MONO}))
    sheets = (len(serials) + PER_SHEET - 1) // PER_SHEET
    partial = out.with_name(out.name + ".part")
    pdf = Canvas(str(partial), pagesize=A4, pageCompression=1)
    pdf.setTitle(tr("cards.sheet.document", sheet.lang))
    pdf.setCreator("Impuls")
    try:
        for number in range(sheets):
            if cancelled():
                return 0
            _sheet(pdf, key, serials[number * PER_SHEET : (number + 1) * PER_SHEET], sheet)
            pdf.showPage()
            if progress is not None:
                progress(number + 1, sheets)
        pdf.save()
        with partial.open("rb") as written:
            os.fsync(written.fileno())  # the cards on disk before they are recorded
        done()
        try:
            partial.replace(out)
        except BaseException:
            undo()
            raise
    finally:
        partial.unlink(missing_ok=True)
    return sheets


def _sheet(pdf: Canvas, key: CardKey, serials: Sequence[int], sheet: CardSheet) -> None:
    page_w, page_h = A4
    width = (page_w - 2 * MARGIN) / COLUMNS
    height = (page_h - 2 * MARGIN) / ROWS
    _cut_marks(pdf, width, height)
    for place, serial in enumerate(serials):
        row, column = divmod(place, COLUMNS)
        x = MARGIN + column * width
        y = page_h - MARGIN - (row + 1) * height
        _card(pdf, key, serial, sheet, x, y, width, height)


def _cut_marks(pdf: Canvas, width: float, height: float) -> None:
    """Marks in the margin on every cutting line, and a dotted guide between cards."""
    page_w, page_h = A4
    pdf.saveState()
    pdf.setStrokeColorRGB(0, 0, 0)
    pdf.setLineWidth(0.3)
    for column in range(COLUMNS + 1):
        x = MARGIN + column * width
        pdf.line(x, page_h - MARGIN + 1 * mm, x, page_h - MARGIN + 1 * mm + MARK)
        pdf.line(x, MARGIN - 1 * mm, x, MARGIN - 1 * mm - MARK)
    for row in range(ROWS + 1):
        y = MARGIN + row * height
        pdf.line(MARGIN - 1 * mm, y, MARGIN - 1 * mm - MARK, y)
        pdf.line(page_w - MARGIN + 1 * mm, y, page_w - MARGIN + 1 * mm + MARK, y)
    pdf.setStrokeColorRGB(*GREY)
    pdf.setDash(1, 3)
    for column in range(COLUMNS + 1):
        x = MARGIN + column * width
        pdf.line(x, MARGIN, x, page_h - MARGIN)
    for row in range(ROWS + 1):
        y = MARGIN + row * height
        pdf.line(MARGIN, y, page_w - MARGIN, y)
    pdf.restoreState()


def _card(
    pdf: Canvas,
    key: CardKey,
    serial: int,
    sheet: CardSheet,
    x: float,
    y: float,
    width: float,
    height: float,
) -> None:
    code = key.code(serial)
    centre = x + width / 2
    top = y + height
    pdf.setFillColorRGB(*GREY)
    pdf.setFont(SANS, 7)
    pdf.drawCentredString(centre, top - 6 * mm, fit(sheet.title, SANS, 7, width - 8 * mm))
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(SANS_BOLD, 13)
    label = tr("cards.sheet.number", sheet.lang, number=serial)
    pdf.drawCentredString(centre, top - 12.5 * mm, label)
    qr = QrCodeWidget(card_url(sheet.url, code), barLevel="M")
    left, bottom, right, upper = qr.getBounds()
    drawing = Drawing(QR_SIDE, QR_SIDE)
    drawing.add(qr)
    drawing.scale(QR_SIDE / (right - left), QR_SIDE / (upper - bottom))
    renderPDF.draw(drawing, pdf, centre - QR_SIDE / 2, top - 13.5 * mm - QR_SIDE)
    pdf.setFont(MONO, 14)
    pdf.drawCentredString(centre, y + 11 * mm, pretty(code))
    pdf.setFont(SANS, 6.5)
    pdf.setFillColorRGB(0.25, 0.25, 0.25)
    address = sheet.url.removeprefix("http://").removeprefix("https://")
    hint = tr("cards.sheet.hint", sheet.lang, address=address)
    pdf.drawCentredString(centre, y + 6 * mm, fit(hint, SANS, 6.5, width - 6 * mm))
    pdf.drawCentredString(centre, y + 3 * mm, tr("cards.sheet.one_vote", sheet.lang))


@dataclass(frozen=True)
class Printed:
    """What one `issue_and_print` did: the cards' serials, the sheets, where the key is."""

    first: int
    count: int
    sheets: int
    key_file: Path


def issue_and_print(
    deck: Deck | None,
    session: Path,
    count: int,
    out: Path,
    sheet: CardSheet,
    *,
    anchor: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Printed:
    """Issue `count` more cards in `session` and print them to `out`.

    With a `deck`, the session is that deck's (made if new); without, a session file
    that exists.

    The key is kept beside `anchor` (the session file unless an evening's program is
    given). Raises CardsAlteredError for a session whose record was altered, and
    StoreError("locked") while a voting server holds the session.
    """
    from workshop_app.session.store import SessionStore

    anchor = anchor or session
    store = (  # a session of that deck, made if new; or a session file as it is
        SessionStore(session)
        if deck is None
        else SessionStore(
            session,
            deck_source=deck.source,
            poll_ids=[p.id for p in deck.polls],
            deck_path=deck.path,
            deck_files=deck.files,
        )
    )
    try:
        kept = load_key(anchor)
        key = store.checked_key(kept)  # an altered record is refused before printing
        issuing = _Issuing([store], anchor, kept, key, count, printed_port(sheet.url))
        sheets = print_cards(out, issuing.grown, range(issuing.first, issuing.first + count),
                             sheet, progress, cancelled, issuing.commit, issuing.undo)  # fmt: skip
    finally:
        store.close()
    return Printed(issuing.first, count if sheets else 0, sheets, key_path(anchor))


def issue_and_print_evening(
    talks: Sequence[tuple[Deck, Path]],
    anchor: Path,
    count: int,
    out: Path,
    sheet: CardSheet,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Printed:
    """Issue `count` more cards for an evening (each talk's deck and session file, in
    program order) and print them to `out`.

    One key, kept beside the evening's `anchor` (session/program.py `evening_anchor`),
    signs cards that count in every talk. Every talk's session (made if new) records
    the cards issued, so each file alone gives a motion's quorum, its handout and its
    minutes; a session without the record yet (a talk added after an earlier print run)
    takes it from a talk that has it. CardsAlteredError for a session whose record was
    altered, StoreError("locked") while the evening's server holds a session.
    """
    from workshop_app.session.store import SessionStore

    stores = []
    try:
        for deck, session in talks:
            stores.append(SessionStore(session, deck_source=deck.source,
                                       poll_ids=[p.id for p in deck.polls],
                                       deck_path=deck.path, deck_files=deck.files))  # fmt: skip
        kept = load_key(anchor)
        recorded = None  # a record checked under the kept key, for sessions without one
        for store in stores:
            if read_issued(store.reader()) is not None:
                recorded = checked_issued(store.reader(), store.path, kept)
        for store in stores:  # every record checked before a card is printed
            store.submit(store.adopt_cards_work(kept, recorded)).result()
        issuing = _Issuing(stores, anchor, kept, kept or new_key(), count, printed_port(sheet.url))
        sheets = print_cards(out, issuing.grown, range(issuing.first, issuing.first + count),
                             sheet, progress, cancelled, issuing.commit, issuing.undo)  # fmt: skip
    finally:
        for store in stores:
            store.close()
    return Printed(issuing.first, count if sheets else 0, sheets, key_path(anchor))


class _Issuing:
    """The records of one print run: every session's, then the key's beside `anchor`
    (what the next start checks the sessions against), written together or taken back
    together. `kept`: the key as it was kept before (None: there was none)."""

    def __init__(
        self,
        stores: Sequence[SessionStore],
        anchor: Path,
        kept: CardKey | None,
        key: CardKey,
        count: int,
        port: int,
    ) -> None:
        self.stores, self.anchor, self.kept, self.key, self.count = stores, anchor, kept, key, count
        self.first = key.issued + 1
        # The latest print run's port: the server keeps it (earlier cards named another?
        # Then they were printed for another setting, and the latest is what is handed out).
        self.grown = CardKey(key.secret, key.issued + count, port or key.port)
        self._written: list[tuple[SessionStore, str | None]] = []
        self._key_kept = False

    def commit(self) -> None:
        """Record the cards everywhere; where one record fails, the others are taken back."""
        try:
            for store in self.stores:
                earlier = record_text(store.reader())
                store.submit(store.issue_work(self.key, self.count)).result()
                self._written.append((store, earlier))
            self._key_kept = True  # written whole or not at all: put back either way
            keep_key(self.anchor, self.grown)
        except BaseException:
            self.undo()
            raise

    def undo(self) -> None:
        """The key and every session's record as they were before this print run."""
        try:
            if self._key_kept and self.kept is not None:
                keep_key(self.anchor, self.kept)
            elif self._key_kept:
                key_path(self.anchor).unlink(missing_ok=True)
        except OSError as error:  # the sessions are put back all the same
            log.error("the card key beside %s could not be put back: %s", self.anchor, error)
        for store, earlier in reversed(self._written):
            try:
                store.submit(store.put_back_cards_work(earlier)).result()
            except Exception as error:  # the next, and the error the caller reports
                log.error("the cards of %s could not be put back: %s", store.path, error)
        self._written.clear()
