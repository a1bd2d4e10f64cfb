"""File → Print voting cards…: how many, for which day's session, the address; off the GUI thread.

The same work as `impuls cards` (handout/cards.py): issue the cards in the session
and print them, off the GUI thread with progress and Cancel (ui/work_dialog.py). Each
finished sheet moves the progress bar, and Cancel stops after the sheet being drawn:
then nothing is issued and no file is left behind.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import platformdirs
from PySide6.QtCore import QDate, QObject, QThreadPool, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from workshop_app.deck import Deck
from workshop_app.handout.fonts import FontError
from workshop_app.i18n import Lang, current_language, tr
from workshop_app.session.cards import MOST_CARDS
from workshop_app.session.model import StoreError
from workshop_app.session.paths import default_session_path
from workshop_app.ui.work_dialog import Job, WorkDialog
from workshop_app.voting.listening import DEFAULT_PORT
from workshop_app.voting.network import cards_url, likely_url

if TYPE_CHECKING:  # reportlab's barcodes load when a sheet is printed, not with the library
    from workshop_app.handout.cards import Printed


class CardsDialog(WorkDialog):
    failures = (StoreError, FontError, OSError)

    def __init__(self, deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(tr("cards.dialog.title"), tr("cards.dialog.print"), parent)
        self.print_button = self.start_button
        self.deck = deck
        self.deck_path = Path(deck.path) if deck.path else Path(deck.title or "impuls")
        self.count = QSpinBox()
        self.count.setRange(1, MOST_CARDS)
        self.count.setValue(100)
        # The day of the meeting: its session is the one the app opens that day.
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(self._show_session)
        self.session_label = QLabel()
        self.session_label.setWordWrap(True)
        # The address: this computer's at the port that day's cards printed before named
        # (voting/network.py's cards_url, as `impuls cards`), read off the GUI thread; the
        # default port until then. An address the organizer typed stays.
        self._url_given = likely_url(DEFAULT_PORT)
        self.url = QLineEdit(self._url_given)
        self.language = QComboBox()
        self.language.addItem("Deutsch", Lang.DE.value)
        self.language.addItem("English", Lang.EN.value)
        self.language.setCurrentIndex(0 if current_language() == Lang.DE else 1)
        documents = Path(platformdirs.user_documents_dir())
        self.out = QLineEdit(str(documents / f"{self.deck_path.stem}-cards.pdf"))
        self.status.setText(tr("cards.dialog.key_note"))
        form = QFormLayout()
        form.addRow(tr("cards.dialog.count"), self.count)
        form.addRow(tr("cards.dialog.day"), self.day)
        form.addRow("", self.session_label)
        form.addRow(tr("cards.dialog.url"), self.url)
        form.addRow(tr("export.language"), self.language)
        form.addRow(tr("export.out"), self.out)
        self.lay_out(form)
        self.printed: Printed | None = None
        self._show_session()

    def session(self) -> Path:
        chosen = self.day.date()
        return default_session_path(
            self.deck_path, date(chosen.year(), chosen.month(), chosen.day())
        )

    def _show_session(self) -> None:
        session = self.session()
        self.session_label.setText(tr("cards.dialog.session", path=session.name))
        # A courier of its own for each lookup: made and connected here, emitted by one
        # pool thread only (PySide6 garbles a signal that several threads emit at once,
        # as a day picked quickly after another would have them).
        courier = AddressFound(self)
        courier.found.connect(self._found)
        courier.found.connect(courier.deleteLater)
        found = courier.found
        QThreadPool.globalInstance().start(lambda: _look_up(found, session))

    def _found(self, session: str, url: str) -> None:
        if session == str(self.session()) and self.url.text() == self._url_given:
            self._url_given = url  # the day shown, and no address typed over ours
            self.url.setText(url)

    def start(self) -> None:
        if self.running:
            return
        url = self.url.text().strip()
        if not url.startswith(("http://", "https://")):
            self.status.setText(tr("cli.bad_public_url", url=url))
            return
        from workshop_app.handout.cards import CardSheet, issue_and_print

        count, session, out = self.count.value(), self.session(), Path(self.out.text())
        sheet = CardSheet(url, self.deck.title, Lang(self.language.currentData()))
        deck = self.deck

        def work(job: Job) -> Printed:
            return issue_and_print(deck, session, count, out, sheet,
                                   progress=lambda done, whole: job.progress(done / whole),
                                   cancelled=job.stopped)  # fmt: skip

        self.run(work, tr("cards.dialog.running"))

    def work_done(self, result: object) -> None:
        printed = cast("Printed", result)  # what work() returned
        if not printed.sheets:
            self.progress.setValue(0)
            self.status.setText(tr("cards.dialog.cancelled"))
            return
        self.printed = printed
        self.progress.setValue(100)
        self.status.setText(tr("cards.dialog.done", first=printed.first,
                               last=printed.first + printed.count - 1, path=self.out.text(),
                               key=printed.key_file))  # fmt: skip
        self.open_file(Path(self.out.text()))


class AddressFound(QObject):
    """Brings one lookup's answer to the GUI thread: (the session, the address its cards
    should open)."""

    found = Signal(str, str)


def _look_up(found: SignalInstance, session: Path) -> None:
    """In the pool: the address for `session`'s cards, told to the dialog if it is open."""
    url = cards_url(session)
    with contextlib.suppress(RuntimeError):  # the dialog was closed (and deleted) meanwhile
        found.emit(str(session), url)
