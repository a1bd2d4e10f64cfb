"""The poll form, driven by keyboard as a speaker would, checked by the real deck parser."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.support.app import type_text
from workshop_app.deck.model import Deck, PollType
from workshop_app.deck.parser import parse_deck
from workshop_app.deck.poll_form import poll_block_text
from workshop_app.ui.poll_form import PollFormDialog, QuestionsFormDialog


def _shown(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _deck(*slides: str) -> Deck:
    return parse_deck(
        "---\ntitle: Probe\n---\n\n" + "\n\n---\n\n".join(["# Start", *slides]) + "\n"
    )


def _type_lines(qtbot: QtBot, widget: QWidget, *lines: str) -> None:
    """Type `lines` into a list field, one per line, replacing what was there."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        type_text(qtbot, widget, line)


def test_a_new_poll_typed_and_confirmed_with_enter(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids={"wie-waehlen-sie"})
    _shown(qtbot, dialog)
    assert dialog.type_box.currentText() == "Einzelauswahl"
    assert not dialog.ok_button.isEnabled()  # no question yet
    assert not dialog.fields["question"].error.isVisible()  # but no scolding before typing
    type_text(qtbot, dialog.question, "W")
    qtbot.keyClick(dialog.question, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: dialog.fields["question"].error.isVisible())
    type_text(qtbot, dialog.question, "Wie wählen Sie?")
    qtbot.waitUntil(lambda: not dialog.fields["question"].error.isVisible())
    assert dialog.poll_id.text() == "wie-waehlen-sie-2"  # free in the deck
    qtbot.keyClick(dialog.question, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.options
    _type_lines(qtbot, dialog.options, "Ja, regelmäßig", "Nein", "true")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    dialog.question.setFocus()
    qtbot.keyClick(dialog.question, Qt.Key.Key_Return)  # Enter is OK
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    [slide] = dialog.slide_texts()
    [poll] = _deck(slide).slides[1].polls
    assert (poll.id, poll.type, poll.question) == ("wie-waehlen-sie-2", PollType.SINGLE,
                                                   "Wie wählen Sie?")  # fmt: skip
    assert poll.options == ("Ja, regelmäßig", "Nein", "true")
    assert dialog.blocks() == [slide.removeprefix("```poll\n").removesuffix("\n```")]


def test_errors_stand_at_their_field_and_ok_waits(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids=())
    _shown(qtbot, dialog)
    type_text(qtbot, dialog.question, "Was nutzen Sie?")
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("multiple"))
    assert dialog.max_choices.isVisible() and not dialog.max_length.isVisible()
    _type_lines(qtbot, dialog.options, "LinkedIn", "Xing", "linkedin")
    options_error = dialog.fields["options"].error
    qtbot.waitUntil(options_error.isVisible)
    assert "„linkedin“ kommt doppelt vor" in options_error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.max_choices.setFocus()
    dialog.max_choices.selectAll()  # "alle", replaced by what is typed
    type_text(qtbot, dialog.max_choices, "5")
    qtbot.waitUntil(lambda: dialog.fields["max_choices"].error.isVisible())
    dialog.question.setFocus()
    qtbot.keyClick(dialog.question, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted  # refused
    _type_lines(qtbot, dialog.options, "LinkedIn", "Xing", "Keines")
    qtbot.waitUntil(lambda: not options_error.isVisible())
    assert "zwischen 1 und 3" in dialog.fields["max_choices"].error.text()
    dialog.max_choices.setValue(2)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    [poll] = _deck(*dialog.slide_texts()).slides[1].polls
    assert (poll.type, poll.max_choices, poll.exclusive) == (PollType.MULTIPLE, 2, 2)


def test_a_scale_out_of_bounds_is_shown_at_the_scale(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids=())
    _shown(qtbot, dialog)
    type_text(qtbot, dialog.question, "Wie sicher sind Sie?")
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("scale"))
    assert (dialog.scale_min.value(), dialog.scale_max.value()) == (1, 5)
    assert not dialog.options.isVisible()
    dialog.scale_max.setValue(20)
    qtbot.waitUntil(lambda: dialog.fields["scale_max"].error.isVisible())
    assert "höchstens 11 Stufen" in dialog.fields["scale_max"].error.text()
    dialog.scale_max.setValue(10)
    _type_lines(qtbot, dialog.labels, "gar nicht", "sehr", "ganz")
    qtbot.waitUntil(lambda: "2 Einträge" in dialog.fields["labels"].error.text())
    _type_lines(qtbot, dialog.labels, "gar nicht", "sehr")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    [poll] = _deck(*dialog.slide_texts()).slides[1].polls
    assert (poll.scale_min, poll.scale_max, poll.labels) == (1, 10, ("gar nicht", "sehr"))


def test_a_taken_id_opens_the_advanced_part(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids={"frei", "dabei"})
    _shown(qtbot, dialog)
    type_text(qtbot, dialog.question, "Frei?")
    assert dialog.poll_id.text() == "frei-2" and not dialog.advanced.isVisible()
    dialog.advanced_button.click()
    dialog.poll_id.clear()
    type_text(qtbot, dialog.poll_id, "dabei")
    qtbot.waitUntil(lambda: dialog.fields["id"].error.isVisible())
    assert "„dabei“ gibt es im Deck schon" in dialog.fields["id"].error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.advanced_button.click()  # closed again, but the error must be seen
    qtbot.keyClick(dialog.question, Qt.Key.Key_End)
    type_text(qtbot, dialog.question, " Ja")  # an edited id no longer follows the question
    qtbot.waitUntil(lambda: dialog.fields["id"].error.isVisible())
    assert dialog.poll_id.text() == "dabei"


def test_a_before_after_pair_makes_two_slides_that_name_each_other(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids=())
    _shown(qtbot, dialog)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("pair"))
    qtbot.waitUntil(dialog.pair_type.isVisible)
    type_text(qtbot, dialog.question, "Pflicht oder Kür?")
    _type_lines(qtbot, dialog.options, "Pflicht", "Kür")
    type_text(qtbot, dialog.heading, "Ihre Einschätzung")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert len(dialog.blocks()) == 2
    deck = _deck(*dialog.slide_texts())
    assert [s.title for s in deck.slides[1:]] == ["Ihre Einschätzung"] * 2
    polls = [poll for slide in deck.slides for poll in slide.polls]
    assert [(p.id, p.compare_with) for p in polls] == [
        ("pflicht-oder-kuer-vorher", "pflicht-oder-kuer-nachher"),
        ("pflicht-oder-kuer-nachher", "pflicht-oder-kuer-vorher"),
    ]


def test_editing_keeps_what_the_form_does_not_know(qtbot: QtBot) -> None:
    block = "# vom Team\nid: alt\ntype: text\nquestion: Was?\nmax_length: 140\nzeige: ja"
    dialog = PollFormDialog(None, block=block, other_ids={"andere"})
    _shown(qtbot, dialog)
    assert dialog.type_box.currentText() == "Freitext"
    assert dialog.max_length.value() == 140
    assert dialog.advanced.isVisible() and dialog.extra.toPlainText() == "zeige: ja"
    qtbot.waitUntil(lambda: "„zeige“" in dialog.fields["extra"].error.text())
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.question, Qt.Key.Key_End)
    type_text(qtbot, dialog.question, " nun")
    assert dialog.poll_id.text() == "alt"  # an existing poll keeps its id
    _type_lines(qtbot, dialog.extra, "# zeige: ja")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert dialog.blocks() == [
        "# vom Team\nid: alt\ntype: text\nquestion: Was? nun\nmax_length: 140\n# zeige: ja"
    ]


def test_the_questions_form(qtbot: QtBot) -> None:
    dialog = QuestionsFormDialog(None, block=None)
    _shown(qtbot, dialog)
    assert dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.title, "Was Sie wissen wollen")
    dialog.count.setValue(3)
    [slide] = dialog.slide_texts()
    questions = _deck(slide).slides[1].questions
    assert questions is not None
    assert (questions.title, questions.count) == ("Was Sie wissen wollen", 3)
    edit = QuestionsFormDialog(None, block="count: 4\nfarbe: rot")
    _shown(qtbot, edit)
    assert edit.count.value() == 4
    qtbot.waitUntil(lambda: edit.fields["extra"].error.isVisible())
    assert not edit.ok_button.isEnabled()
    edit.extra.clear()
    qtbot.waitUntil(edit.ok_button.isEnabled)
    assert edit.blocks() == ["count: 4"]


def test_a_quiz_questions_right_answer_in_the_form(qtbot: QtBot) -> None:
    block = (
        "id: farben\ntype: multiple\nquestion: Welche?\noptions: [Rot, Grün, Blau]\ncorrect: [A, C]"
    )
    dialog = PollFormDialog(None, block=block, other_ids=())
    _shown(qtbot, dialog)
    assert dialog.correct.isVisible() and dialog.correct.text() == "A, C"
    dialog.correct.setFocus()
    dialog.correct.selectAll()
    type_text(qtbot, dialog.correct, "A, 7")
    error = dialog.fields["correct"].error
    qtbot.waitUntil(error.isVisible)
    assert "„7“ ist keine der Antworten" in error.text() and not dialog.ok_button.isEnabled()
    dialog.correct.selectAll()
    type_text(qtbot, dialog.correct, "rot, Blau")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert dialog.blocks() == [block.replace("[A, C]", "[rot, Blau]")]
    [poll] = _deck("```poll\n" + dialog.blocks()[0] + "\n```").slides[1].polls
    assert poll.correct == (0, 2)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("scale"))
    assert not dialog.correct.isVisible()  # a scale has no right answer
    assert "correct" not in poll_block_text(dialog.form())


def test_a_motion_with_its_rule_and_quorum_in_the_form(qtbot: QtBot) -> None:
    dialog = PollFormDialog(None, block=None, other_ids=())
    _shown(qtbot, dialog)
    type_text(qtbot, dialog.question, "Soll die Satzung geändert werden?")
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("motion"))
    assert dialog.type_box.currentText() == "Antrag (Ja/Nein/Enthaltung)"
    assert dialog.majority.isVisible() and dialog.quorum.isVisible()
    assert not dialog.options.isVisible()  # Ja, Nein, Enthaltung are fixed
    assert dialog.pair_type.findData("motion") == -1  # a motion is not asked twice
    dialog.majority.setCurrentIndex(dialog.majority.findData("two-thirds"))
    type_text(qtbot, dialog.quorum, "50%")
    quorum_error = dialog.fields["quorum"].error
    qtbot.waitUntil(quorum_error.isVisible)  # a quorum counts cards: who may vote says so
    assert "eligible: cards" in quorum_error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.eligible.setCurrentIndex(dialog.eligible.findData("cards"))
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert not quorum_error.isVisible()
    dialog.accept()
    [slide] = dialog.slide_texts()
    [poll] = _deck(slide).slides[1].polls
    assert (poll.type, poll.options) == (PollType.MOTION, ("Ja", "Nein", "Enthaltung"))
    assert (str(poll.majority), str(poll.quorum), str(poll.eligible)) == (
        "two-thirds", "50%", "cards")  # fmt: skip
    again = PollFormDialog(None, block=dialog.blocks()[0], other_ids=())  # edited later
    _shown(qtbot, again)
    assert again.type_box.currentText() == "Antrag (Ja/Nein/Enthaltung)"
    assert (again.quorum.text(), again.eligible.currentData()) == ("50%", "cards")
    assert again.form() == dataclasses.replace(again.original, heading="")
