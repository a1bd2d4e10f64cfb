"""The presenter's poll controls: state, counts, show of hands and moderation.

Shown in the console on a poll slide. It only says what the speaker wants; the
presenting session sends it to the voting server, and the new state comes back
through the live client like every other change.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck import OPTION_LETTERS, Poll, PollType
from workshop_app.i18n import tr
from workshop_app.session import countdown
from workshop_app.session.model import AnswerState, PollAction, PollState
from workshop_app.session.tally import PollResults
from workshop_app.ui.live import Room

# The button label of each control action, in PollAction's order.
ACTIONS = {
    PollAction.OPEN: "polls.open",
    PollAction.CLOSE: "polls.close",
    PollAction.REVEAL: "polls.reveal",
    PollAction.HIDE: "polls.hide",
    PollAction.RESET: "polls.reset",
    PollAction.EXTEND: "polls.extend",
    PollAction.HALT: "polls.halt",
}
TIPS = {PollAction.EXTEND: "polls.extend_tip", PollAction.HALT: "polls.halt_tip"}
STATES = {
    PollState.DRAFT: "polls.state.draft",
    PollState.OPEN: "polls.state.open",
    PollState.CLOSED: "polls.state.closed",
}
ANSWER_MARKS = {AnswerState.PENDING: "○", AnswerState.APPROVED: "✓", AnswerState.HIDDEN: "⊘"}
ANSWER_STATES = {
    AnswerState.PENDING: "polls.answer.pending",
    AnswerState.APPROVED: "polls.answer.approved",
    AnswerState.HIDDEN: "polls.answer.hidden",
}
PANEL_STYLE = """
QFrame#polls { background: #1b2029; border-radius: 8px; }
QLabel#poll_state { font-size: 22px; font-weight: bold; }
QLabel#poll_counts { font-size: 20px; }
QListWidget#answers { background: #111419; font-size: 18px; }
QLabel#outcome { font-size: 20px; border-left: 6px solid #f2f4f8; padding-left: 8px; }
"""
# The console's style sheet makes every label light for its dark background, and a
# dialog opened over it inherits that: light words on the system's light grey, which
# the rehearsal could not read. The dialog takes the console's dark look instead.
DIALOG_STYLE = """
QDialog { background: #1b2029; }
QLabel { color: #f2f4f8; font-size: 18px; }
QSpinBox { background: #111419; color: #f2f4f8; font-size: 20px; padding: 4px; min-width: 6em; }
"""


HANDS_TYPES = (
    PollType.SINGLE,
    PollType.MULTIPLE,
    PollType.MOTION,
)  # what a show of hands can count


class HandsDialog(QDialog):
    """Counts per option from a show of hands; added to the phones' votes, shown hatched."""

    def __init__(self, poll: Poll, current: tuple[int, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("polls.hands_title"))
        self.setStyleSheet(DIALOG_STYLE)
        self.poll = poll
        self.spins: list[QSpinBox] = []
        form = QFormLayout()
        for i, option in enumerate(poll.options):
            spin = QSpinBox(minimum=0, maximum=100_000)
            spin.setValue(current[i] if i < len(current) else 0)
            self.spins.append(spin)
            form.addRow(f"{OPTION_LETTERS[i % 26]}  {option}", spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("polls.hands_help"), wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def counts(self) -> list[int]:
        return [spin.value() for spin in self.spins]


class PollPanel(QFrame):
    command = Signal(str, object)  # poll id, PollAction
    hands_entered = Signal(str, object)  # poll id, list of counts
    moderated = Signal(int, bool)  # answer id, approve (else hide)
    join_toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("polls")
        self.setStyleSheet(PANEL_STYLE)
        self.poll: Poll | None = None
        self.results: PollResults | None = None
        self.server = QLabel(tr("polls.server_starting"), wordWrap=True)
        self.state = QLabel(wordWrap=True)
        self.state.setObjectName("poll_state")
        self.counts = QLabel(wordWrap=True)
        self.counts.setObjectName("poll_counts")
        self.refused = QLabel(wordWrap=True)  # the figures do not fit together: say why
        # A closed motion's verdict, as the projector shows it once revealed: the chair
        # reads it out before (or instead of) showing it.
        self.outcome = QLabel(wordWrap=True)
        self.outcome.setObjectName("outcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.refused.setObjectName("alert")
        self.refused.hide()
        self.buttons: dict[str, QPushButton] = {}
        # Three to a row: five in one made the console wider than a laptop's screen (the
        # countdown's "+30 s" and "Stopp" come last).
        row = QGridLayout()
        extra = QHBoxLayout()
        for number, (action, label) in enumerate(ACTIONS.items()):
            button = QPushButton(tr(label))
            if action in TIPS:
                button.setToolTip(tr(TIPS[action]))
            button.clicked.connect(lambda _=False, a=action: self._command(a))
            self.buttons[action] = button
            row.addWidget(button, *divmod(number, 3))
        self.hands_button = QPushButton(tr("polls.hands"))
        self.hands_button.clicked.connect(self.ask_hands)
        self.join_button = QPushButton(tr("polls.join"))
        self.join_button.clicked.connect(self.join_toggled)
        extra.addWidget(self.hands_button)
        extra.addWidget(self.join_button)
        extra.addStretch(1)
        self.answers = QListWidget()
        self.answers.setObjectName("answers")
        # Several answers at once (Ctrl or Shift), as the README says: "select answers,
        # then approve or hide them".
        self.answers.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.answers.itemSelectionChanged.connect(self._selection_changed)
        self.approve_button = QPushButton(tr("polls.approve"))
        self.hide_button = QPushButton(tr("polls.hide_answer"))
        self.approve_button.clicked.connect(lambda: self._moderate(approve=True))
        self.hide_button.clicked.connect(lambda: self._moderate(approve=False))
        # Slido's "Approve all": the new answers the speaker sees, without a question
        # asked first (one answer is hidden again with a click). Not the hidden ones:
        # the filter held those back, and they wait for a look of their own.
        self.approve_all_button = QPushButton(tr("polls.approve_all_none"))
        self.approve_all_button.clicked.connect(self._approve_all)
        moderation = QHBoxLayout()
        moderation.addWidget(self.approve_button)
        moderation.addWidget(self.hide_button)
        moderation.addWidget(self.approve_all_button)
        moderation.addStretch(1)
        self.moderation = QWidget()
        column = QVBoxLayout(self.moderation)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(tr("polls.moderation"), wordWrap=True))
        column.addWidget(self.answers, 1)
        column.addLayout(moderation)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server)
        layout.addWidget(self.state)
        layout.addWidget(self.counts)
        layout.addWidget(self.refused)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        layout.addLayout(extra)
        layout.addWidget(self.moderation, 1)
        for button in self.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the presenter
        self.answers.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.dialog: HandsDialog | None = None
        self.new_answers: list[int] = []  # the ids of the answers shown as new (○)
        self.show_poll(None, None, Room())

    # ------------------------------------------------------------ what it shows

    def set_server(self, text: str) -> None:
        self.server.setText(text)

    def show_poll(self, poll: Poll | None, results: PollResults | None, room: Room) -> None:
        self.poll, self.results = poll, results
        self.setVisible(poll is not None)
        if poll is None:
            return
        status = results.status if results is not None else None
        state = status.state if status is not None else PollState.DRAFT
        revealed = status.revealed if status is not None else False
        connected = results is not None
        said = tr(
            "polls.state",
            question=poll.question,
            state=tr(STATES[state]),
            shown=tr("polls.shown" if revealed else "polls.not_shown"),
        )
        ends = status.ends if status is not None and state is PollState.OPEN else None
        clock = countdown.said(ends, time.time())  # as the projector's line says it
        self.state.setText(f"{said} · {clock}" if clock else said)
        tally = results.tally if results is not None else None
        ballots, devices = (tally.ballots, tally.devices) if tally is not None else (0, 0)
        hands = sum(tally.hands) if tally is not None else 0
        self.counts.setText(
            tr(
                "polls.counts",
                ballots=ballots,
                devices=devices,
                hands=hands,
                participants=room.participants,
                watching=room.watching,
                addresses=room.addresses,
            )
        )
        self.refused.setText(tr("polls.refused", refused=room.refused) if room.refused else "")
        self.refused.setVisible(room.refused > 0)
        shown = results.results_for(poll) if results is not None else None
        outcome = shown.motion if shown is not None and state is PollState.CLOSED else None
        self.outcome.setText(f"{outcome.headline()}\n{outcome.sentence()}" if outcome else "")
        self.outcome.setVisible(outcome is not None)
        self.buttons[PollAction.OPEN].setEnabled(connected and state is not PollState.OPEN)
        self.buttons[PollAction.CLOSE].setEnabled(connected and state is PollState.OPEN)
        self.buttons[PollAction.REVEAL].setEnabled(connected and not revealed)
        self.buttons[PollAction.HIDE].setEnabled(connected and revealed)
        self.buttons[PollAction.RESET].setEnabled(connected and (ballots > 0 or hands > 0))
        self.buttons[PollAction.EXTEND].setEnabled(connected and state is PollState.OPEN)
        self.buttons[PollAction.HALT].setEnabled(ends is not None)
        choices = poll.type in HANDS_TYPES
        self.hands_button.setVisible(choices)
        self.hands_button.setEnabled(connected)
        self.moderation.setVisible(poll.type is PollType.TEXT)
        if poll.type is PollType.TEXT:
            self._fill_answers(results)

    def _fill_answers(self, results: PollResults | None) -> None:
        answers = results.tally.answers if results is not None and results.tally else ()
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in self.answers.selectedItems()}
        self.answers.clear()
        for answer in answers:
            # Plain text in a list item: markup in an answer is shown, never interpreted.
            item = QListWidgetItem(f"{ANSWER_MARKS[answer.state]}  {answer.text}")
            item.setData(Qt.ItemDataRole.UserRole, answer.id)
            item.setToolTip(tr(ANSWER_STATES[answer.state]))
            self.answers.addItem(item)
            item.setSelected(answer.id in chosen)
        self.new_answers = [a.id for a in answers if a.state is AnswerState.PENDING]
        waiting = len(self.new_answers)
        self.approve_all_button.setText(
            tr("polls.approve_all", count=waiting) if waiting else tr("polls.approve_all_none")
        )
        self.approve_all_button.setEnabled(waiting > 0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.answers.selectedItems())
        self.approve_button.setEnabled(chosen)
        self.hide_button.setEnabled(chosen)

    # ------------------------------------------------------------ what the speaker does

    def _command(self, action: PollAction) -> None:
        if self.poll is not None:
            self.command.emit(self.poll.id, action)

    def ask_hands(self) -> None:
        if self.poll is None or self.poll.type not in HANDS_TYPES:
            return  # a scale, a ranking, a text: a show of hands counts answers to choose
        tally = self.results.tally if self.results is not None else None
        current = tally.hands if tally is not None else ()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = HandsDialog(self.poll, current, self)
        self.dialog.accepted.connect(self._hands_accepted)
        self.dialog.open()  # window-modal, not a nested event loop

    def _hands_accepted(self) -> None:
        if self.dialog is not None:
            self.hands_entered.emit(self.dialog.poll.id, self.dialog.counts())

    def _moderate(self, *, approve: bool) -> None:
        for item in self.answers.selectedItems():
            self.moderated.emit(int(item.data(Qt.ItemDataRole.UserRole)), approve)

    def _approve_all(self) -> None:
        for answer_id in self.new_answers:
            self.moderated.emit(answer_id, True)
