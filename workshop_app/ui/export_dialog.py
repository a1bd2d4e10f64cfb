"""File → Export handout…: layout, language, where to; progress and cancel; off the GUI thread.

The session file is read and the PDF written in Qt's thread pool; progress
comes back as queued signals, and Cancel sets a flag the builder checks after
every block it lays out, so a cancelled export stops within moments and leaves
no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import Deck
from workshop_app.handout.document import (
    CancelledError,
    HandoutInput,
    Layout,
    PrintColors,
    build_handout,
)
from workshop_app.handout.fonts import FontError
from workshop_app.handout.minutes import MinutesSource, minutes
from workshop_app.handout.minutes_docx import write_minutes_docx
from workshop_app.handout.minutes_pdf import write_minutes_pdf
from workshop_app.handout.trend_document import build_trends
from workshop_app.i18n import current_language, tr
from workshop_app.session.paths import sessions_dir
from workshop_app.session.snapshot import SessionSnapshot, SnapshotError, open_snapshot
from workshop_app.session.trend import compare, editions, held_on

LAYOUTS = {
    Layout.SLIDES: "export.layout.slides",
    Layout.LARGE: "export.layout.large",
    Layout.NOTES: "export.layout.notes",
    Layout.COMPACT: "export.layout.compact",
    Layout.RESULTS: "export.layout.results",
}
PRINT_COLORS = {
    PrintColors.LIGHT: "export.print_colors.light",
    PrintColors.SLIDES: "export.print_colors.slides",
}


def latest_session(deck_path: Path, folder: Path | None = None) -> Path | None:
    """The newest session file of this deck (one per deck and day), if there is one."""
    found = sorted((folder or sessions_dir()).glob(f"{deck_path.stem}-*.impuls"),
                   key=lambda p: p.stat().st_mtime)  # fmt: skip
    return found[-1] if found else None


class _Job(QObject):
    progressed = Signal(float)
    compared = Signal(object, str)  # Written | None (the minutes: the docx), and what it says
    finished = Signal(object)  # Written
    failed = Signal(str)
    cancelled = Signal()


class ExportDialog(QDialog):
    def __init__(self, deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("export.title"))
        self.deck = deck
        deck_path = Path(deck.path) if deck.path else Path(deck.title or "impuls")
        self.session = QLineEdit(str(latest_session(deck_path) or ""))
        self.session.setPlaceholderText(tr("export.no_session"))
        browse_session = QPushButton(tr("export.browse"))
        browse_session.clicked.connect(self._choose_session)
        # The handout for the room, or the minutes for the secretary (issue 35, item 3).
        self.document = QComboBox()
        self.document.addItem(tr("export.document.handout"), "handout")
        self.document.addItem(tr("export.document.minutes"), "minutes")
        self.document.currentIndexChanged.connect(self._document_chosen)
        self.layout_box = QComboBox()
        for kind, label in LAYOUTS.items():
            self.layout_box.addItem(tr(label), kind.value)
        # The speaker's notes are private: off for a members' handout unless asked for.
        self.with_notes = QCheckBox(tr("export.with_notes"))
        # The page that explains the checksum is for those who check: the results have it.
        self.checksum_page = QCheckBox(tr("export.checksum_page"))
        self.layout_box.currentIndexChanged.connect(self._layout_chosen)
        self.print_colors = QComboBox()
        for colors, label in PRINT_COLORS.items():
            self.print_colors.addItem(tr(label), colors.value)
        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if current_language() == "de" else 1)
        # The documents folder: organizers look there, and the deck's folder may be read-only.
        documents = Path(platformdirs.user_documents_dir())
        self.out = QLineEdit(str(documents / f"{deck_path.stem}-handout.pdf"))
        browse_out = QPushButton(tr("export.browse"))
        browse_out.clicked.connect(self._choose_out)
        # This year against last: earlier sessions of the talk, compared with this one
        # in a second PDF beside the handout (issue 35, item 5; `impuls compare`).
        self.earlier: list[Path] = []
        self.earlier_label = QLabel(tr("export.compare.none"))
        self.earlier_label.setWordWrap(True)
        add_earlier = QPushButton(tr("export.compare.add"))
        add_earlier.clicked.connect(self._choose_earlier)
        clear_earlier = QPushButton(tr("export.compare.clear"))
        clear_earlier.clicked.connect(lambda: self.set_earlier([]))
        self.open_after = QCheckBox(tr("export.open_after"))
        self.open_after.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("export.session"), _row(self.session, browse_session))
        form.addRow(tr("export.document"), self.document)
        form.addRow(tr("export.layout"), self.layout_box)
        form.addRow("", self.with_notes)
        form.addRow("", self.checksum_page)
        form.addRow(tr("export.print_colors"), self.print_colors)
        form.addRow(tr("export.language"), self.language)
        form.addRow(tr("export.out"), _row(self.out, browse_out))
        form.addRow(tr("export.compare"), _row(self.earlier_label, add_earlier, clear_earlier))
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            tr("export.start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._stop = threading.Event()
        self._job: _Job | None = None
        self.written: Path | None = None
        self.compared: Path | None = None
        self.comparison_said = ""
        self.minutes_docx: Path | None = None  # the minutes' .docx beside their PDF
        self._handout_only = [self.layout_box, self.with_notes, self.checksum_page,
                              self.print_colors, add_earlier, clear_earlier]  # fmt: skip

    # ------------------------------------------------------------ choosing

    def _choose_session(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("export.session"), str(sessions_dir()), "Impuls (*.impuls)"
        )
        if chosen:
            self.session.setText(chosen)

    def _choose_earlier(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, tr("export.compare"), str(sessions_dir()), "Impuls (*.impuls)"
        )
        if chosen:
            self.set_earlier([*self.earlier, *map(Path, chosen)])

    def set_earlier(self, sessions: list[Path]) -> None:
        """The earlier sessions to compare this one with (none: no comparison)."""
        self.earlier = list(dict.fromkeys(sessions))
        names = ", ".join(p.name for p in self.earlier)
        self.earlier_label.setText(names or tr("export.compare.none"))

    def _choose_out(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("export.out"), self.out.text(), "PDF (*.pdf)"
        )
        if chosen:
            self.out.setText(chosen)

    # ------------------------------------------------------------ running

    @property
    def running(self) -> bool:
        return self._job is not None

    @property
    def for_minutes(self) -> bool:
        return bool(self.document.currentData() == "minutes")

    def _document_chosen(self, _index: int) -> None:
        """The minutes have no layout, colours or comparison; their file another name."""
        for widget in self._handout_only:
            widget.setEnabled(not self.for_minutes)
        if not self.for_minutes:
            self._layout_chosen(self.layout_box.currentIndex())
        opens = "export.minutes.open_after" if self.for_minutes else "export.open_after"
        self.open_after.setText(tr(opens))
        out = Path(self.out.text())
        stem = out.stem.removesuffix("-handout").removesuffix(f"-{tr('export.minutes.file')}")
        name = tr("export.minutes.file") if self.for_minutes else "handout"
        self.out.setText(str(out.with_name(f"{stem}-{name}.pdf")))

    def _layout_chosen(self, _index: int) -> None:
        layout = Layout(self.layout_box.currentData())
        # Notes pages have them by definition; any other choice starts private again.
        self.with_notes.setChecked(layout is Layout.NOTES)
        self.with_notes.setEnabled(layout in (Layout.SLIDES, Layout.LARGE, Layout.COMPACT))
        self.checksum_page.setEnabled(layout is not Layout.RESULTS)
        self.checksum_page.setChecked(layout is Layout.RESULTS)

    def start(self) -> None:
        if self.running:
            return
        session = Path(self.session.text()) if self.session.text().strip() else None
        out = Path(self.out.text())
        layout = Layout(self.layout_box.currentData())
        notes = self.with_notes.isChecked()
        checksum_page = self.checksum_page.isChecked()
        print_colors = PrintColors(self.print_colors.currentData())
        lang = str(self.language.currentData())
        self._stop.clear()
        job = self._job = _Job()
        job.progressed.connect(lambda share: self.progress.setValue(round(share * 100)))
        job.finished.connect(self._finished)
        job.compared.connect(self._compared)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.export_button.setEnabled(False)
        self.status.setText(tr("export.running"))
        deck, stop, earlier = self.deck, self._stop, list(self.earlier)
        self.compared, self.comparison_said = None, ""
        self.minutes_docx = None
        if self.for_minutes:
            self._start_minutes(session, out, lang, job)
            return

        def work() -> None:
            try:
                snapshot = open_snapshot(session) if session is not None else None
                source = HandoutInput(snapshot.deck if snapshot else deck, snapshot)
                written = build_handout(
                    source, out, layout=layout, lang=lang, print_colors=print_colors, notes=notes,
                    checksum_page=checksum_page, progress=job.progressed.emit,
                    cancelled=stop.is_set,
                )  # fmt: skip
                if snapshot is not None and earlier:
                    _compare(earlier, snapshot, out, lang, job, stop.is_set)
            except CancelledError:
                job.cancelled.emit()
            except SnapshotError as error:
                job.failed.emit(error.message())
            except (FontError, OSError) as error:
                job.failed.emit(str(error))
            else:
                job.finished.emit(written)

        QThreadPool.globalInstance().start(work)

    def _start_minutes(self, session: Path | None, out: Path, lang: str, job: _Job) -> None:
        """The minutes: the .docx beside the PDF, both from the one minutes model."""
        stop = self._stop
        docx = out.with_suffix(".docx")

        def work() -> None:
            try:
                if session is None:
                    job.failed.emit(tr("export.minutes.needs_session"))
                    return
                said = minutes(MinutesSource.of_session(open_snapshot(session)), lang)
                write_minutes_docx(said, docx)
                written = write_minutes_pdf(said, out, progress=job.progressed.emit,
                                            cancelled=stop.is_set)  # fmt: skip
            except CancelledError:
                docx.unlink(missing_ok=True)  # both or neither
                job.cancelled.emit()
            except SnapshotError as error:
                job.failed.emit(error.message())
            except (FontError, OSError) as error:
                job.failed.emit(str(error))
            else:
                job.compared.emit(docx, tr("export.minutes.done", docx=docx.name))
                job.finished.emit(written)

        QThreadPool.globalInstance().start(work)

    def cancel(self) -> None:
        if self.running:
            self._stop.set()  # the builder notices after the block it is laying out
        else:
            self.reject()

    def _done(self) -> None:
        self._job = None
        self.export_button.setEnabled(True)

    def _finished(self, written: object) -> None:
        self._done()
        path = getattr(written, "path", None)
        pages = getattr(written, "pages", 0)
        self.written = path if isinstance(path, Path) else None
        self.progress.setValue(100)
        done = tr("export.done", path=path, pages=tr("export.pages", count=pages))
        if self.comparison_said:
            done += "\n" + self.comparison_said
        self.status.setText(done)
        opened = self.minutes_docx or self.written  # the minutes: the file to edit
        if opened is not None and self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened)))

    def _compared(self, written: object, said: str) -> None:
        if isinstance(written, Path):  # the minutes' .docx, written beside their PDF
            self.minutes_docx, self.comparison_said = written, said
            return
        path = getattr(written, "path", None)
        self.compared = path if isinstance(path, Path) else None
        self.comparison_said = said

    def _failed(self, message: str) -> None:
        self._done()
        self.progress.setValue(0)
        self.status.setText(tr("export.failed", detail=message))

    def _cancelled(self) -> None:
        self._done()
        self.progress.setValue(0)
        self.status.setText(tr("export.cancelled"))

    def reject(self) -> None:
        if self.running:  # Esc or the window's close button while exporting: cancel first
            self._stop.set()
            return
        super().reject()


def _compare(
    earlier: list[Path],
    snapshot: SessionSnapshot,
    out: Path,
    lang: str,
    job: _Job,
    cancelled: Callable[[], bool],
) -> None:
    """The comparison beside the handout (`NAME-vergleich.pdf`), the oldest session first
    and this one last; what it compared, or why not, goes to the status line."""
    others = [p for p in earlier if p.resolve() != snapshot.path.resolve()]
    sessions = sorted((open_snapshot(p) for p in others), key=held_on)
    compared = compare(editions([*sessions, snapshot], lang), lang)
    if not compared.trends:
        job.compared.emit(None, tr("compare.nothing_in_common", lang))
        return
    name = tr("export.compare.file", lang)
    target = out.with_name(f"{out.stem}-{name}.pdf")
    written = build_trends(compared, target, lang=lang, cancelled=cancelled)
    labels = " · ".join(e.label for e in compared.editions)
    said = [
        tr(
            "export.compare.done",
            lang,
            path=target.name,
            compared=tr("compare.compared", lang, count=len(compared.trends), labels=labels),
        )
    ]
    said += [tr("compare.not_compared", lang, question=d.question, reason=d.reason)
             for d in compared.differences]  # fmt: skip
    job.compared.emit(written, "\n".join(said))


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row
