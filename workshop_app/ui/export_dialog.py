"""File → Export handout…: layout, language, where to; progress and cancel; off the GUI thread.

A talk's handout (with a comparison to earlier sessions beside it) or its minutes; for
an evening's program, its proceedings (Tagungsband) or the evening's minutes. The
session files are read and the PDF written in Qt's thread pool (ui/work_dialog.py);
Cancel sets a flag the builder checks after every block it lays out, so a cancelled
export stops within moments and leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import platformdirs
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from workshop_app.deck import Deck
from workshop_app.handout.document import (
    HandoutInput,
    Layout,
    PrintColors,
    Written,
    build_handout,
)
from workshop_app.handout.fonts import FontError
from workshop_app.handout.minutes import MinutesSource, NothingHeldError, minutes
from workshop_app.handout.minutes_docx import write_minutes_docx
from workshop_app.handout.minutes_pdf import write_minutes_pdf
from workshop_app.handout.proceedings import build_proceedings
from workshop_app.handout.trend_document import build_trends
from workshop_app.i18n import current_language, tr
from workshop_app.session.paths import sessions_dir
from workshop_app.session.program import ProgramError
from workshop_app.session.snapshot import SessionSnapshot, SnapshotError, open_snapshot
from workshop_app.session.trend import compare, editions, held_on
from workshop_app.ui.form_row import form_row
from workshop_app.ui.work_dialog import Job, WorkDialog

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


@dataclass(frozen=True)
class _Made:
    """What one export wrote: the PDF, and what else beside it."""

    written: Written
    said: str = ""  # what the status line adds: the comparison, the minutes' .docx
    compared: Path | None = None  # the comparison's PDF beside the handout
    docx: Path | None = None  # the minutes' .docx beside their PDF


class ExportDialog(WorkDialog):
    """A talk's exports for `deck`, or an evening's for its `program` file."""

    failures = (SnapshotError, ProgramError, NothingHeldError, FontError, OSError)

    def __init__(
        self, deck: Deck | None, parent: QWidget | None = None, *, program: Path | None = None
    ) -> None:
        super().__init__(tr("export.title"), tr("export.start"), parent)
        self.export_button = self.start_button
        self.deck = deck
        self.program = program
        if program is not None:
            named = program
        elif deck is not None:
            named = Path(deck.path) if deck.path else Path(deck.title or "impuls")
        else:
            raise ValueError("an export needs a deck or a program")
        latest = latest_session(named) if program is None else None
        self.session = QLineEdit(str(latest or ""))
        self.session.setPlaceholderText(tr("export.no_session"))
        browse_session = QPushButton(tr("export.browse"))
        browse_session.clicked.connect(self._choose_session)
        # The handout for the room, or the minutes for the secretary (issue 35, item 3);
        # for an evening, its proceedings (item 4) or the evening's minutes.
        self.document = QComboBox()
        if program is None:
            self.document.addItem(tr("export.document.handout"), "handout")
        else:
            self.document.addItem(tr("export.document.proceedings"), "proceedings")
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
        self.out = QLineEdit(str(documents / f"{named.stem}-{_file_word(self.kind)}.pdf"))
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
        form = QFormLayout()
        if program is None:
            form.addRow(tr("export.session"), form_row(self.session, browse_session))
        else:  # the evening's sessions: each talk's, where the evening keeps them
            form.addRow(tr("export.program"), QLabel(program.name))
        form.addRow(tr("export.document"), self.document)
        form.addRow(tr("export.layout"), self.layout_box)
        form.addRow("", self.with_notes)
        form.addRow("", self.checksum_page)
        form.addRow(tr("export.print_colors"), self.print_colors)
        form.addRow(tr("export.language"), self.language)
        form.addRow(tr("export.out"), form_row(self.out, browse_out))
        comparing = form_row(self.earlier_label, add_earlier, clear_earlier)
        form.addRow(tr("export.compare"), comparing)
        if program is not None:  # an evening has no handout: its choices never apply
            for row in (self.layout_box, self.with_notes, self.checksum_page,
                        self.print_colors, comparing):  # fmt: skip
                form.setRowVisible(row, False)
        self.lay_out(form)
        self.written: Path | None = None
        self.compared: Path | None = None
        self.minutes_docx: Path | None = None  # the minutes' .docx beside their PDF
        self._handout_only = [self.layout_box, self.with_notes, self.checksum_page,
                              self.print_colors, add_earlier, clear_earlier]  # fmt: skip
        self._document_chosen(self.document.currentIndex())

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
    def kind(self) -> str:
        """What is exported: "handout", "minutes" or "proceedings"."""
        return str(self.document.currentData())

    @property
    def for_minutes(self) -> bool:
        return self.kind == "minutes"

    def _document_chosen(self, _index: int) -> None:
        """The minutes and the proceedings have no layout, colours or comparison; each
        document its own file name."""
        for widget in self._handout_only:
            widget.setEnabled(self.kind == "handout")
        if self.kind == "handout":
            self._layout_chosen(self.layout_box.currentIndex())
        opens = "export.minutes.open_after" if self.for_minutes else "export.open_after"
        self.open_after.setText(tr(opens))
        out = Path(self.out.text())
        stem = out.stem
        for kind in ("handout", "minutes", "proceedings"):
            stem = stem.removesuffix(f"-{_file_word(kind)}")
        self.out.setText(str(out.with_name(f"{stem}-{_file_word(self.kind)}.pdf")))

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
        out, lang, program = Path(self.out.text()), str(self.language.currentData()), self.program
        self.written, self.compared = None, None
        self.minutes_docx = None
        if self.kind == "proceedings" and program is not None:

            def proceedings(job: Job) -> _Made:
                source = MinutesSource.of_program_file(program)
                return _Made(build_proceedings(source, out, lang=lang, progress=job.progress,
                                               cancelled=job.stopped))  # fmt: skip

            self.run(proceedings, tr("export.proceedings.running"))
            return
        if self.for_minutes:
            if session is None and program is None:
                self.status.setText(tr("export.failed", detail=tr("export.minutes.needs_session")))
                return
            self.run(_minutes_work(program, session, out, lang), tr("export.running"))
            return
        deck, earlier = self.deck, list(self.earlier)
        layout = Layout(self.layout_box.currentData())
        notes, checksum_page = self.with_notes.isChecked(), self.checksum_page.isChecked()
        print_colors = PrintColors(self.print_colors.currentData())

        def handout(job: Job) -> _Made:
            snapshot = open_snapshot(session) if session is not None else None
            shown = snapshot.deck if snapshot is not None else deck
            assert shown is not None  # a dialog for a deck: it has one
            written = build_handout(
                HandoutInput(shown, snapshot), out, layout=layout, lang=lang,
                print_colors=print_colors, notes=notes, checksum_page=checksum_page,
                progress=job.progress, cancelled=job.stopped,
            )  # fmt: skip
            if snapshot is None or not earlier:
                return _Made(written)
            compared, said = _compare(earlier, snapshot, out, lang, job.stopped)
            return _Made(written, said, compared.path if compared is not None else None)

        self.run(handout, tr("export.running"))

    def work_done(self, result: object) -> None:
        made = cast(_Made, result)
        self.written, self.compared = made.written.path, made.compared
        self.minutes_docx = made.docx
        self.progress.setValue(100)
        done = tr("export.done", path=made.written.path,
                  pages=tr("export.pages", count=made.written.pages))  # fmt: skip
        if made.said:
            done += "\n" + made.said
        self.status.setText(done)
        self.open_file(made.docx or made.written.path)  # the minutes: the file to edit


def _file_word(kind: str) -> str:
    """The word a document's file name ends in: `NAME-handout.pdf`, `NAME-protokoll.pdf`."""
    return {"minutes": tr("export.minutes.file"),
            "proceedings": tr("export.proceedings.file")}.get(kind, "handout")  # fmt: skip


def _minutes_work(
    program: Path | None, session: Path | None, out: Path, lang: str
) -> Callable[[Job], _Made]:
    """The minutes of the evening (`program`) or of one talk (`session`): the .docx beside
    the PDF, both from the one minutes model; both files or neither."""
    docx = out.with_suffix(".docx")

    def work(job: Job) -> _Made:
        if program is not None:
            source = MinutesSource.of_program_file(program)
        else:
            assert session is not None  # start() said so otherwise
            source = MinutesSource.of_session(open_snapshot(session))
        said = minutes(source, lang)
        write_minutes_docx(said, docx)
        try:
            written = write_minutes_pdf(said, out, progress=job.progress, cancelled=job.stopped)
        except BaseException:
            docx.unlink(missing_ok=True)
            raise
        return _Made(written, tr("export.minutes.done", docx=docx.name), docx=docx)

    return work


def _compare(
    earlier: list[Path],
    snapshot: SessionSnapshot,
    out: Path,
    lang: str,
    cancelled: Callable[[], bool],
) -> tuple[Written | None, str]:
    """The comparison beside the handout (`NAME-vergleich.pdf`), the oldest session first
    and this one last, and what it compared, or why not, for the status line."""
    others = [p for p in earlier if p.resolve() != snapshot.path.resolve()]
    sessions = sorted((open_snapshot(p) for p in others), key=held_on)
    compared = compare(editions([*sessions, snapshot], lang), lang)
    if not compared.trends:
        return None, tr("compare.nothing_in_common", lang)
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
    return written, "\n".join(said)
