"""File → Print voting cards…: how many, for which day's session, the address; off the GUI thread.

The same work as `impuls cards` (handout/cards.py): issue the cards in the session
and print them. It runs in Qt's thread pool; each finished sheet comes back as a
queued signal for the progress bar, and Cancel stops after the sheet being drawn:
then nothing is issued and no file is left behind.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QDate, QObject, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import Deck
from workshop_app.handout.fonts import FontError
from workshop_app.i18n import Lang, current_language, tr
from workshop_app.session.cards import MOST_CARDS
from workshop_app.session.model import StoreError
from workshop_app.session.paths import default_session_path
from workshop_app.voting.listening import DEFAULT_PORT
from workshop_app.voting.network import likely_url

if TYPE_CHECKING:  # reportlab's barcodes load when a sheet is printed, not with the library
    from workshop_app.handout.cards import Printed


class _Job(QObject):
    progressed = Signal(int, int)  # sheets done, sheets in all
    finished = Signal(object)  # Printed
    failed = Signal(str)


class CardsDialog(QDialog):
    def __init__(self, deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("cards.dialog.title"))
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
        self.url = QLineEdit(likely_url(DEFAULT_PORT))
        self.language = QComboBox()
        self.language.addItem("Deutsch", Lang.DE.value)
        self.language.addItem("English", Lang.EN.value)
        self.language.setCurrentIndex(0 if current_language() == Lang.DE else 1)
        documents = Path(platformdirs.user_documents_dir())
        self.out = QLineEdit(str(documents / f"{self.deck_path.stem}-cards.pdf"))
        self.open_after = QCheckBox(tr("export.open_after"))
        self.open_after.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel(tr("cards.dialog.key_note"))
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("cards.dialog.count"), self.count)
        form.addRow(tr("cards.dialog.day"), self.day)
        form.addRow("", self.session_label)
        form.addRow(tr("cards.dialog.url"), self.url)
        form.addRow(tr("export.language"), self.language)
        form.addRow(tr("export.out"), self.out)
        self.buttons = QDialogButtonBox()
        self.print_button = self.buttons.addButton(
            tr("cards.dialog.print"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.print_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._stop = threading.Event()
        self._job: _Job | None = None
        self.printed: Printed | None = None
        self._show_session()

    def session(self) -> Path:
        chosen = self.day.date()
        return default_session_path(
            self.deck_path, date(chosen.year(), chosen.month(), chosen.day())
        )

    def _show_session(self) -> None:
        self.session_label.setText(tr("cards.dialog.session", path=self.session().name))

    @property
    def running(self) -> bool:
        return self._job is not None

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
        self._stop.clear()
        job = self._job = _Job()
        job.progressed.connect(lambda done, whole: self.progress.setValue(100 * done // whole))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.print_button.setEnabled(False)
        self.status.setText(tr("cards.dialog.running"))
        deck, stop = self.deck, self._stop

        def work() -> None:
            try:
                printed = issue_and_print(deck, session, count, out, sheet,
                                          progress=job.progressed.emit,
                                          cancelled=stop.is_set)  # fmt: skip
            except (StoreError, FontError, OSError) as error:
                job.failed.emit(str(error))
            else:
                job.finished.emit(printed)

        QThreadPool.globalInstance().start(work)

    def cancel(self) -> None:
        if self.running:
            self._stop.set()  # noticed after the sheet being drawn
        else:
            self.reject()

    def reject(self) -> None:
        if self.running:
            self._stop.set()
            return
        super().reject()

    def _finished(self, printed: Printed) -> None:
        self._job = None
        self.print_button.setEnabled(True)
        if not printed.sheets:
            self.progress.setValue(0)
            self.status.setText(tr("cards.dialog.cancelled"))
            return
        self.printed = printed
        self.progress.setValue(100)
        self.status.setText(tr("cards.dialog.done", first=printed.first,
                               last=printed.first + printed.count - 1, path=self.out.text(),
                               key=printed.key_file))  # fmt: skip
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.out.text()))

    def _failed(self, message: str) -> None:
        self._job = None
        self.print_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(tr("export.failed", detail=message))
