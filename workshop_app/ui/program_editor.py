"""An evening's program in the library: made, edited, and started from here.

The program is a small file beside the decks (session/program.py); this form edits
its title, date and place and its talks (added from the program's folder, removed,
moved up and down, each with its speaker and, if wanted, a title of its own).
Reading and writing go through Qt's thread pool, as decks do: the GUI thread never
waits on the disk. The form writes the file whole and atomically.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck.model import DECK_SUFFIXES, Problem
from workshop_app.i18n import tr
from workshop_app.session.program import (
    MAX_PLACE,
    MAX_SPEAKER,
    MAX_TALKS,
    MAX_TITLE,
    Program,
    ProgramError,
    Talk,
    check_program,
    relative_deck,
    save_program,
)
from workshop_app.ui.evening_run import EveningPlan

COLUMNS = ("editor.program.deck", "editor.program.talk_title", "editor.program.speaker")


class ProgramFiles(QObject):
    """Reads and writes program files in Qt's thread pool; answers as signals."""

    read = Signal(object, object, object)  # Path, Program | None, list[Problem]
    written = Signal(object)  # Path
    failed = Signal(object, str)  # Path, why
    resumed = Signal(object)  # EveningPlan, or the ProgramError that stops it

    def load(self, path: Path) -> None:
        QThreadPool.globalInstance().start(lambda: self.read.emit(path, *check_program(path)))

    def save(self, path: Path, program: Program) -> None:
        QThreadPool.globalInstance().start(lambda: self._write(path, program))

    def resume(self, path: Path) -> None:
        """The evening in `path` as it begins (or resumes): `resumed` gives its plan."""
        QThreadPool.globalInstance().start(lambda: self._resume(path))

    def _resume(self, path: Path) -> None:
        try:
            self.resumed.emit(EveningPlan.resume(path))
        except ProgramError as error:
            self.resumed.emit(error)

    def _write(self, path: Path, program: Program) -> None:
        try:
            save_program(path, program)
        except OSError as error:
            self.failed.emit(path, str(error))
        else:
            self.written.emit(path)


class ProgramEditor(QWidget):
    """The form of one program file; `start_wanted` once it is saved and has talks."""

    start_wanted = Signal(object)  # Path: the program file
    saved = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.files = ProgramFiles(self)
        self.files.read.connect(self._read)
        self.files.written.connect(self._written)
        self.files.failed.connect(lambda _path, why: self.say(tr("evening.not_saved", detail=why)))
        self._start_after_save = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.title = QLineEdit(maxLength=MAX_TITLE)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.place = QLineEdit(maxLength=MAX_PLACE)
        form = QFormLayout()
        form.addRow(tr("editor.program.title"), self.title)
        form.addRow(tr("editor.program.date"), self.day)
        form.addRow(tr("editor.program.place"), self.place)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(column) for column in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 300)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.add_button = QPushButton(tr("evening.add_talk"))
        self.remove_button = QPushButton(tr("editor.program.remove"))
        self.up_button = QPushButton(tr("editor.program.up"))
        self.down_button = QPushButton(tr("editor.program.down"))
        self.save_button = QPushButton(tr("editor.save"))
        self.start_button = QPushButton(tr("editor.program.start"))
        self.start_button.setDefault(True)
        self.add_button.clicked.connect(self._choose_deck)
        self.remove_button.clicked.connect(self.remove_talk)
        self.up_button.clicked.connect(lambda: self.move_talk(-1))
        self.down_button.clicked.connect(lambda: self.move_talk(1))
        self.save_button.clicked.connect(self.save)
        self.start_button.clicked.connect(self._start)
        rows = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            rows.addWidget(button)
        rows.addStretch(1)
        rows.addWidget(self.save_button)
        rows.addWidget(self.start_button)
        self.problems = QLabel(wordWrap=True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addLayout(form)
        column.addWidget(QLabel(tr("editor.program.talks")))
        column.addWidget(self.table, 1)
        column.addLayout(rows)
        column.addWidget(self.problems)

    # ------------------------------------------------------------ the file

    def open(self, path: Path) -> None:
        """Show the program in `path` once it is read (a new one: an empty form)."""
        self.path = path
        self.heading.setText(tr("editor.program.heading", name=path.name))
        self.problems.clear()
        self.files.load(path)

    def new(self, path: Path, title: str) -> None:
        """A new program in `path`, written at once so that the library lists it."""
        self.path = path
        self.heading.setText(tr("editor.program.heading", name=path.name))
        self.show_program(Program(title, date.today()))
        self.save()

    def _read(self, path: Path, program: Program | None, problems: list[Problem]) -> None:
        if path != self.path:
            return  # another program was opened meanwhile
        if program is not None:
            self.show_program(program)
        self.say("\n".join(problem.format() for problem in problems))

    def show_program(self, program: Program) -> None:
        self.title.setText(program.title)
        day = program.date
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.place.setText(program.place)
        self.table.setRowCount(0)
        for talk in program.talks:
            self._append(talk)

    def program(self) -> Program:
        """The program as the form shows it now."""
        day = self.day.date()
        talks = tuple(
            Talk(self._cell(row, 0), self._cell(row, 2), self._cell(row, 1))
            for row in range(self.table.rowCount())
        )
        return Program(
            self.title.text().strip(),
            date(day.year(), day.month(), day.day()),
            self.place.text().strip(),
            talks,
        )

    def save(self) -> None:
        program = self.program()
        if not program.title:
            self.say(tr("program.no_title"))
            return
        if self.path is not None:
            self.files.save(self.path, program)

    def _written(self, path: Path) -> None:
        self.say("")
        self.saved.emit(path)
        if self._start_after_save:
            self._start_after_save = False
            self.start_wanted.emit(path)

    def _start(self) -> None:
        if self.table.rowCount() == 0:
            self.say(tr("editor.program.no_talks"))
            return
        self._start_after_save = True
        self.save()

    # ------------------------------------------------------------ the talks

    def add_talk(self, talk: Talk) -> None:
        if self.table.rowCount() >= MAX_TALKS:
            self.say(tr("program.too_many_talks", most=MAX_TALKS))
            return
        self._append(talk)
        self.table.selectRow(self.table.rowCount() - 1)

    def remove_talk(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_talk(self, step: int) -> None:
        row = self.table.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.table.rowCount():
            return
        talks = list(self.program().talks)
        talks[row], talks[to] = talks[to], talks[row]
        self.show_program(dataclasses.replace(self.program(), talks=tuple(talks)))
        self.table.selectRow(to)

    def _append(self, talk: Talk) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        deck = QTableWidgetItem(talk.deck)
        deck.setFlags(deck.flags() & ~Qt.ItemFlag.ItemIsEditable)  # chosen, not typed
        self.table.setItem(row, 0, deck)
        self.table.setItem(row, 1, QTableWidgetItem(talk.title))
        speaker = QTableWidgetItem(talk.speaker[:MAX_SPEAKER])
        self.table.setItem(row, 2, speaker)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _choose_deck(self) -> None:
        if self.path is None:
            return
        kinds = " ".join(f"*{suffix}" for suffix in DECK_SUFFIXES)
        chosen, _ = QFileDialog.getOpenFileNames(
            self, tr("evening.add_talk"), str(self.path.parent), tr("evening.decks") + f" ({kinds})"
        )
        for name in chosen:
            named = relative_deck(self.path, Path(name))
            if named is None:
                QMessageBox.warning(self, tr("evening.add_talk"),
                                    tr("evening.deck_outside", deck=name))  # fmt: skip
                continue
            self.add_talk(Talk(named))

    def say(self, text: str) -> None:
        self.problems.setText(text)
