"""A dialog that runs one piece of work off the GUI thread, with progress and cancel.

The handout export (ui/export_dialog.py) and the voting cards (ui/cards_dialog.py) are
both such a dialog: a form, "open afterwards", a progress bar, a status line, a start
button and Cancel. The work (reading session files, writing PDFs) runs in Qt's thread
pool; its progress, its result or its failure come back as queued signals. Cancel (and
Esc, or closing the window, while it runs) sets a flag the work checks between the
pieces it lays out; it then raises CancelledError, or returns what it made so far (the
cards: nothing), and leaves no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from workshop_app.handout.document import CancelledError
from workshop_app.handout.fonts import FontError
from workshop_app.i18n import tr


class Job(QObject):
    """One run of the work: its way back to the GUI thread, and the flag Cancel sets."""

    progressed = Signal(float)  # the share done, 0 to 1
    finished = Signal(object)  # what the work returned
    failed = Signal(str)  # what to tell the user
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def progress(self, share: float) -> None:
        """The work's progress callback (any thread)."""
        self.progressed.emit(share)

    def stopped(self) -> bool:
        """Whether Cancel was pressed: the work's `cancelled` callback (any thread)."""
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()


Work = Callable[[Job], object]


class WorkDialog(QDialog):
    """The shared part: build the form in the subclass, call `lay_out(form)`, call
    `run(work, said)` from the start button, and receive the work's result in
    `work_done`. `failures` are the errors a run reports in the status line."""

    failures: tuple[type[Exception], ...] = (FontError, OSError)

    def __init__(self, title: str, start: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.open_after = QCheckBox(tr("export.open_after"))
        self.open_after.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(start, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self._job: Job | None = None

    def lay_out(self, form: QLayout) -> None:
        """The form above, then "open afterwards", the progress, the status, the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.open_after, self.progress, self.status, self.buttons):
            layout.addWidget(widget)

    def start(self) -> None:
        raise NotImplementedError

    def work_done(self, result: object) -> None:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._job is not None

    def run(self, work: Work, said: str) -> None:
        """`work(job)` in Qt's thread pool, while the status line says `said`."""
        if self.running:
            return
        job = self._job = Job()
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.start_button.setEnabled(False)
        self.cancel_button.setText(tr("work.cancel"))  # Cancel again while it runs
        self.progress.setValue(0)
        self.status.setText(said)
        failures = self.failures

        def body() -> None:
            try:
                result = work(job)
            except CancelledError:
                job.cancelled.emit()
            except failures as error:
                message = getattr(error, "message", None)  # the app's own errors say it well
                job.failed.emit(message() if callable(message) else str(error))
            else:
                job.finished.emit(result)

        QThreadPool.globalInstance().start(body)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.stop()  # the work notices after the piece it is laying out
        else:
            self.reject()

    def reject(self) -> None:
        if self._job is not None:  # Esc or the window's close button while it runs: cancel
            self._job.stop()
            return
        super().reject()

    def open_file(self, path: Path) -> None:
        """What the work wrote, in the program the system opens it with, if asked."""
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _end(self) -> None:
        self._job = None
        self.start_button.setEnabled(True)

    def _progressed(self, share: float) -> None:
        self.progress.setValue(round(share * 100))

    def _finished(self, result: object) -> None:
        self._end()
        # Done: nothing is left to cancel, so the button says what it does now
        # (as Qt's own progress dialogs and the platforms' export sheets do).
        self.cancel_button.setText(tr("work.close"))
        self.work_done(result)

    def _failed(self, message: str) -> None:
        self._end()
        self.progress.setValue(0)
        self.status.setText(tr("export.failed", detail=message))

    def _cancelled(self) -> None:
        self._end()
        self.progress.setValue(0)
        self.status.setText(tr("export.cancelled"))
