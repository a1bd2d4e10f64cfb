"""The console's poll panel, as the second rehearsal used it: the show-of-hands dialog
over the dark console, and several open answers moderated at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from workshop_app.deck.parser import parse_deck
from workshop_app.session.model import AnswerState, PollState, PollStatus
from workshop_app.session.tally import Answer, PollResults, Tally
from workshop_app.ui.console import CONSOLE_STYLE
from workshop_app.ui.live import Room
from workshop_app.ui.poll_panel import PollPanel

DECK = parse_deck(
    "# A\n\n```poll\nid: wahl\ntype: single\nquestion: Wer?\noptions: [Ja, Nein]\n```\n\n"
    "---\n\n# B\n\n```poll\nid: text\ntype: text\nquestion: Warum?\n```\n\n"
    "---\n\n# C\n\n```poll\nid: skala\ntype: scale\nquestion: Wie sehr?\nmin: 1\nmax: 5\n```\n",
    None,
)
OPEN = PollState.OPEN


KEPT: list[QWidget] = []  # the consoles of this module's tests, alive until the end


def in_console(qtbot: QtBot) -> PollPanel:
    """The panel inside a widget styled as the console is."""
    console = QWidget()
    KEPT.append(console)
    console.setObjectName("console")
    console.setStyleSheet(CONSOLE_STYLE)
    qtbot.addWidget(console)
    panel = PollPanel(console)
    console.resize(500, 600)
    console.show()
    return panel


def luminance(color: QColor) -> float:
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_the_show_of_hands_dialog_is_readable_over_the_console(qtbot: QtBot) -> None:
    panel = in_console(qtbot)
    poll = DECK.polls[0]
    panel.show_poll(poll, PollResults(PollStatus(poll.id, 1, OPEN, False)), Room())
    panel.ask_hands()
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    picture = dialog.grab().toImage()
    # The light words (the console's) stand on a dark ground: before, on light grey.
    shades = sorted(
        luminance(picture.pixelColor(x, y))
        for x in range(0, picture.width(), 3)
        for y in range(0, picture.height(), 3)
    )
    ground, brightest = shades[len(shades) // 2], shades[-1]
    assert ground < 0.3 and brightest - ground > 0.5, (ground, brightest)
    dialog.reject()


def test_no_show_of_hands_for_a_scale(qtbot: QtBot) -> None:
    panel = in_console(qtbot)
    scale = DECK.polls[2]
    panel.show_poll(scale, PollResults(PollStatus(scale.id, 1, OPEN, False)), Room())
    assert not panel.hands_button.isVisible()
    panel.ask_hands()  # as a key would: nothing opens with nothing to count
    assert panel.dialog is None


def test_several_answers_are_approved_at_once(qtbot: QtBot) -> None:
    panel = in_console(qtbot)
    poll = DECK.polls[1]
    answers = tuple(Answer(n, f"Antwort {n}", AnswerState.PENDING) for n in range(1, 6))
    tally = Tally(poll.id, 1, (), (), 5, 5, answers=answers)
    panel.show_poll(poll, PollResults(PollStatus(poll.id, 1, OPEN, False), tally), Room())
    approved: list[int] = []

    def moderated(answer: int, approve: bool) -> None:
        if approve:
            approved.append(answer)

    panel.moderated.connect(moderated)
    first, last = panel.answers.item(0), panel.answers.item(4)
    qtbot.mouseClick(panel.answers.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.answers.visualItemRect(first).center())  # fmt: skip
    qtbot.mouseClick(panel.answers.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier,
                     panel.answers.visualItemRect(last).center())  # fmt: skip
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    assert approved == [1, 2, 3, 4, 5]  # before: the last one clicked only


def test_all_new_answers_are_approved_with_one_click(qtbot: QtBot) -> None:
    # From the rehearsal (issue 32's leftovers): thirty answers, thirty clicks. As in
    # Slido, one button approves the new ones; what the filter hid stays hidden, and
    # so does what the speaker hid.
    panel = in_console(qtbot)
    poll = DECK.polls[1]
    states = (AnswerState.PENDING, AnswerState.HIDDEN, AnswerState.PENDING,
              AnswerState.APPROVED, AnswerState.PENDING)  # fmt: skip
    answers = tuple(Answer(n, f"Antwort {n}", s) for n, s in enumerate(states, start=1))
    tally = Tally(poll.id, 1, (), (), 5, 5, answers=answers)
    panel.show_poll(poll, PollResults(PollStatus(poll.id, 1, OPEN, False), tally), Room())
    approved: list[int] = []
    hidden: list[int] = []
    panel.moderated.connect(
        lambda answer, approve: (approved if approve else hidden).append(answer)
    )
    button = panel.approve_all_button
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Alle 3 neuen freigeben"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert approved == [1, 3, 5] and hidden == []  # none hidden by approving all
    # The server's answer comes back as a new tally: nothing new, nothing to click.
    done = tuple(Answer(a.id, a.text, AnswerState.APPROVED if a.id in approved else a.state)
                 for a in answers)  # fmt: skip
    tally = Tally(poll.id, 1, (), (), 5, 5, answers=done)
    panel.show_poll(poll, PollResults(PollStatus(poll.id, 1, OPEN, False), tally), Room())
    assert not button.isEnabled() and button.text() == "Alle neuen freigeben"
