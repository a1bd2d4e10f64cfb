"""The evening's program in the presenter console: which talk is on, who is next.

The next talk goes on with one action: the button, which names it (a click on a
button that says what follows is deliberate), or the key V pressed twice: a key can
be hit by mistake, and a clicker's keys never go to the next talk, so the first V
only asks, in the console alone (the room sees nothing), and Esc keeps the talk on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from workshop_app.i18n import tr
from workshop_app.session.program import Program

VISIBLE_ROWS = 4  # the program's list shows this many talks, the one on among them


class ProgramPanel(QFrame):
    next_wanted = Signal()  # the next talk, now
    add_wanted = Signal()  # a talk to add to the program

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("program")
        self.heading = QLabel()
        self.heading.setObjectName("caption")
        self.heading.setWordWrap(True)
        self.talks = QListWidget()
        self.talks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.talks.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.next_button = QPushButton()
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_wanted)
        self.add_button = QPushButton(tr("evening.add_talk"))
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.add_wanted)
        self.confirm = QLabel()
        self.confirm.setObjectName("alert")
        self.confirm.setWordWrap(True)
        self.confirm.hide()
        self.titles: list[str] = []
        self.on = 0
        self.switching = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 6)
        column.addWidget(self.heading)
        column.addWidget(self.talks)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button, 1)
        buttons.addWidget(self.add_button)
        column.addLayout(buttons)
        column.addWidget(self.confirm)

    def show_program(self, program: Program, on: int, titles: list[str]) -> None:
        """`titles`: each talk's title as the room reads it (the program's, or its deck's)."""
        self.titles, self.on = titles, on
        self.heading.setText(
            tr("evening.heading", title=program.title, number=on + 1, count=len(program.talks))
        )
        self.talks.clear()
        for index, (talk, title) in enumerate(zip(program.talks, titles, strict=True)):
            mark = "▶" if index == on else "✓" if index < on else " "
            text = f"{mark} {index + 1}. {title}" + (f" – {talk.speaker}" if talk.speaker else "")
            item = QListWidgetItem(text)
            if index == on:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            elif index < on:
                item.setForeground(Qt.GlobalColor.gray)
            self.talks.addItem(item)
        row_height = max(self.talks.sizeHintForRow(0), 1)
        self.talks.setFixedHeight(row_height * min(VISIBLE_ROWS, len(titles)) + 6)
        self.talks.scrollToItem(self.talks.item(on), QListWidget.ScrollHint.PositionAtCenter)
        coming = program.talks[on + 1] if on + 1 < len(program.talks) else None
        self.next_button.setEnabled(coming is not None and not self.switching)
        self.next_button.setText(
            tr("evening.next_talk", title=titles[on + 1], speaker=coming.speaker or "–")
            if coming is not None
            else tr("evening.last_talk")
        )
        if self.confirm.isVisible() and not self.switching and coming is not None:
            # The list brought up to date (a title read, a talk added): a question the
            # first V asked stays asked, naming the next talk as it is called now.
            self.confirm.setText(tr("evening.confirm", title=titles[on + 1]))
        else:
            self.cancel()

    def set_switching(self, switching: bool) -> None:
        """While the next talk is being put on, nothing more is asked of it."""
        self.switching = switching
        self.next_button.setEnabled(not switching and self.on + 1 < len(self.titles))
        if switching:
            self.confirm.setText(tr("evening.switching", title=self.titles[self.on + 1]))
            self.confirm.show()
        else:
            self.confirm.hide()

    def key(self) -> bool:
        """The key for the next talk: True if it confirms the question the first press
        asked; the first press asks (nothing happens in the room)."""
        if self.switching or self.on + 1 >= len(self.titles):
            return False
        if self.confirm.isVisible():
            self.confirm.hide()
            return True
        self.confirm.setText(tr("evening.confirm", title=self.titles[self.on + 1]))
        self.confirm.show()
        return False

    def cancel(self) -> bool:
        """Esc: the question (if asked) is withdrawn; True if there was one."""
        asked = self.confirm.isVisible() and not self.switching
        if asked:
            self.confirm.hide()
        return asked
