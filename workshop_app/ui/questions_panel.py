"""The speaker's questions from the room: new, approved, answered, hidden; moderate, project.

Like the poll panel it only says what the speaker wants; the presenting session
sends it to the voting server, and the new state comes back through the live
client. A participant's text is shown as plain text in list items, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from workshop_app.i18n import tr
from workshop_app.session.questions import (
    PUBLIC,
    Moderation,
    Question,
    QuestionAction,
    QuestionState,
)

SECTIONS = (QuestionState.PENDING, QuestionState.APPROVED, QuestionState.ANSWERED,
            QuestionState.HIDDEN)  # fmt: skip
SECTION_NAMES = {
    QuestionState.PENDING: "questions.section.pending",
    QuestionState.APPROVED: "questions.section.approved",
    QuestionState.ANSWERED: "questions.section.answered",
    QuestionState.HIDDEN: "questions.section.hidden",
}
PANEL_STYLE = """
QFrame#questions { background: #1b2029; border-radius: 8px; }
QListWidget#question_list { background: #111419; font-size: 20px; }
QListWidget#question_list::item { padding: 8px 4px; border-bottom: 1px solid #2a313d; }
QTabBar::tab { font-size: 17px; padding: 6px 12px; color: #f2f4f8; background: #111419; }
QCheckBox { color: #f2f4f8; font-size: 17px; }
QLabel { font-size: 17px; }
QTabBar::tab:selected { background: #2f6fd6; }
"""


class QuestionsPanel(QFrame):
    acted = Signal(int, object)  # question id, QuestionAction
    spotlight_wanted = Signal(object)  # a question id, or None: off the screen
    moderation_wanted = Signal(object)  # Moderation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questions")
        self.setStyleSheet(PANEL_STYLE)
        self.questions: tuple[Question, ...] = ()
        self.on_screen: int | None = None
        self.status = QLabel(tr("questions.not_running"), wordWrap=True)
        self.pre = QCheckBox(tr("questions.pre_moderation"))
        self.pre.setChecked(True)
        self.pre.toggled.connect(
            lambda pre: self.moderation_wanted.emit(Moderation.PRE if pre else Moderation.POST)
        )
        self.sections = QTabBar()
        for state in SECTIONS:
            self.sections.addTab(tr(SECTION_NAMES[state], count=0))
        self.sections.currentChanged.connect(lambda _: self._fill())
        self.list = QListWidget()
        self.list.setObjectName("question_list")
        self.list.setWordWrap(True)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.buttons = {
            QuestionAction.APPROVE: QPushButton(tr("questions.approve")),
            QuestionAction.ANSWER: QPushButton(tr("questions.answer")),
            QuestionAction.HIDE: QPushButton(tr("questions.hide")),
            QuestionAction.REOPEN: QPushButton(tr("questions.reopen")),
        }
        for action, button in self.buttons.items():
            button.clicked.connect(lambda _=False, a=action: self._act(a))
        self.screen_button = QPushButton(tr("questions.to_screen"))
        self.screen_button.clicked.connect(self._to_screen)
        row = QGridLayout()  # two to a row, so the console fits a laptop's screen
        for number, button in enumerate(self.buttons.values()):
            row.addWidget(button, *divmod(number, 2))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.pre)
        layout.addWidget(self.sections)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.screen_button)
        layout.addLayout(row)
        for widget in (*self.findChildren(QPushButton), self.pre, self.sections):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the presenter
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._fill()

    # ------------------------------------------------------------ what it shows

    def show_questions(
        self, questions: Sequence[Question], moderation: Moderation, on_screen: int | None
    ) -> None:
        self.questions = tuple(questions)
        self.on_screen = on_screen
        self.status.setText(tr("questions.running"))
        self.pre.blockSignals(True)  # the server's mode, not a wish of the speaker's
        self.pre.setChecked(moderation is Moderation.PRE)
        self.pre.blockSignals(False)
        for index, state in enumerate(SECTIONS):
            count = sum(q.state is state for q in self.questions)
            self.sections.setTabText(index, tr(SECTION_NAMES[state], count=count))
        self._fill()

    @property
    def new_count(self) -> int:
        return sum(q.state is QuestionState.PENDING for q in self.questions)

    def selected(self) -> Question | None:
        items = self.list.selectedItems()
        wanted = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return next((q for q in self.questions if q.id == wanted), None)

    def _fill(self) -> None:
        state = SECTIONS[max(self.sections.currentIndex(), 0)]
        chosen = self.selected()
        self.list.clear()
        for question in (q for q in self.questions if q.state is state):  # in the one order
            marks = []
            if question.id == self.on_screen:
                marks.append(tr("questions.on_screen"))
            if question.flagged:
                marks.append(tr("questions.flagged"))
            who = question.name or tr("questions.anonymous")
            text = f"▲ {question.upvotes}   {question.text}\n— {who}"
            if marks:
                text += "  ·  " + " · ".join(marks)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            if question.flagged:
                item.setForeground(QColor("#ffb4a8"))
            self.list.addItem(item)
            item.setSelected(chosen is not None and chosen.id == question.id)
        if not self.list.count():
            empty = QListWidgetItem(tr("questions.none"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self._selection_changed()

    def _selection_changed(self) -> None:
        question = self.selected()
        state = question.state if question is not None else None
        allowed = {
            QuestionAction.APPROVE: state in (QuestionState.PENDING, QuestionState.HIDDEN),
            QuestionAction.ANSWER: state in (QuestionState.PENDING, QuestionState.APPROVED),
            QuestionAction.HIDE: state is not None and state is not QuestionState.HIDDEN,
            QuestionAction.REOPEN: state is QuestionState.ANSWERED,
        }
        for action, button in self.buttons.items():
            button.setEnabled(allowed[action])
        # Only what the room may see goes on the screen (pre-moderation holds there too).
        showing = question is not None and question.id == self.on_screen
        self.screen_button.setText(tr("questions.off_screen" if showing else "questions.to_screen"))
        self.screen_button.setEnabled(showing or (state is not None and state in PUBLIC))

    # ------------------------------------------------------------ what the speaker does

    def _act(self, action: QuestionAction) -> None:
        question = self.selected()
        if question is not None:
            self.acted.emit(question.id, action)

    def _to_screen(self) -> None:
        question = self.selected()
        if question is not None:
            self.spotlight_wanted.emit(None if question.id == self.on_screen else question.id)

    def next_for_screen(self) -> int | None:
        """What key Q puts on the screen: the selected question if the room may see it,
        else the most upvoted open one."""
        chosen = self.selected()
        if chosen is not None and chosen.state in PUBLIC:
            return chosen.id
        top = next((q for q in self.questions if q.state is QuestionState.APPROVED), None)
        return top.id if top is not None else None
