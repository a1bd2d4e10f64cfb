"""The editor's slide list: a thumbnail per source slide, dragged to reorder.

The list never moves its own items: a drop says which slide goes where
(`moved`), the deck's Draft makes that edit (undoably), and the list is filled
again from the Draft. So the list always shows the file, never a guess of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QDropEvent, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from workshop_app.deck.model import Severity
from workshop_app.i18n import tr
from workshop_app.ui.problem_list import COLORS

THUMB = QSize(176, 99)


class SlideList(QListWidget):
    moved = Signal(int, int)  # from, to (the position after taking it out)
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(THUMB)
        self.setSpacing(4)
        # Not uniform: rows measured on row "1" cut "10" to "…".
        self.setUniformItemSizes(False)
        self.setToolTip(tr("editor.slides_tip"))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumWidth(THUMB.width() + 48)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        blank = QPixmap(THUMB)
        blank.fill(QColor("#e6e9ef"))
        self.blank = QIcon(blank)
        self._labels: list[str] = []  # what the rows say now
        self._colors: dict[int, QColor] = {}  # rows coloured by a problem

    def fill(self, labels: list[str], current: int) -> None:
        """One item per slide, `labels` "number\ntitle" (the title as its tooltip); icons
        already drawn stay until `set_thumbnail` replaces them."""
        self.blockSignals(True)
        while self.count() > len(labels):
            self.takeItem(self.count() - 1)
        shown = self._labels
        self._labels = list(labels)
        for row, label in enumerate(labels):
            if row < len(shown) and row < self.count() and shown[row] == label:
                continue  # typing in one slide of 1,000: one row changes
            number, _, title = label.partition("\n")
            if row >= self.count():
                QListWidgetItem(self.blank, number, self)
            elif self.item(row).text() != number:
                self.item(row).setText(number)
            self.item(row).setToolTip(f"{title}\n{tr('editor.slides_tip')}")
        self.setCurrentRow(current)
        self.blockSignals(False)

    def set_thumbnail(self, row: int, picture: QPixmap) -> None:
        if 0 <= row < self.count():
            self.item(row).setIcon(QIcon(picture))

    def set_severities(self, worst: dict[int, Severity], count: int) -> None:
        """Each row's colour by its worst problem (only rows whose colour changes)."""
        wanted = {row: COLORS[s] for row, s in worst.items() if row < min(count, self.count())}
        for row in self._colors.keys() | wanted.keys():
            if row >= self.count():
                continue
            if row in wanted and self._colors.get(row) != wanted[row]:
                self.item(row).setForeground(wanted[row])
            elif row not in wanted:
                self.item(row).setData(Qt.ItemDataRole.ForegroundRole, None)
        self._colors = wanted

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        source = self.currentRow()
        target = self.indexAt(event.position().toPoint())
        if target.isValid():
            to = target.row()
            rect = self.visualRect(target)
            if event.position().y() > rect.center().y():
                to += 1
        else:
            to = self.count()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if to > source:
            to -= 1  # counted after taking the slide out
        if source >= 0 and to != source:
            self.moved.emit(source, to)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        row = self.currentRow()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() == Qt.Key.Key_Up and row > 0:
            self.moved.emit(row, row - 1)
        elif alt and event.key() == Qt.Key.Key_Down and 0 <= row < self.count() - 1:
            self.moved.emit(row, row + 1)
        elif event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)
