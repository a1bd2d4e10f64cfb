"""An evening's program in the library: opened, edited, saved, and the evening begun."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.app import WAIT_MS, open_window
from tests.support.evenings import evening_program, talk_deck
from workshop_app.session.program import Talk, load_program
from workshop_app.ui.keys import Action
from workshop_app.ui.settings import Settings


def test_a_program_is_edited_in_the_library_and_the_evening_begins(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    program_file = evening_program(tmp_path / "abend")
    window = open_window(qtbot, settings)
    editor = window.program_editor
    window.open_deck(program_file)
    qtbot.waitUntil(lambda: editor.table.rowCount() == 3, timeout=WAIT_MS)
    assert window.modes.currentWidget() is editor
    assert (editor.title.text(), editor.place.text()) == ("Jahresversammlung", "Vereinsheim")
    # The organizer adds a fourth talk, moves it first, names its speaker and a title.
    editor.add_talk(Talk(talk_deck(program_file.parent, 4).name))
    editor.move_talk(-1)
    for column, text in ((2, "Dora Nachtrag"), (1, "Bericht der Kasse")):
        cell = editor.table.item(2, column)
        assert cell is not None
        cell.setText(text)
    editor.place.setText("Saal 2")
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    saved = load_program(program_file)
    assert saved.place == "Saal 2" and saved.date == date(2026, 12, 7)
    assert [(t.deck, t.speaker, t.title) for t in saved.talks] == [
        ("vortrag-1.md", "Anna Muster", ""),
        ("vortrag-2.md", "Bernd Beispiel", ""),
        ("vortrag-4.md", "Dora Nachtrag", "Bericht der Kasse"),
        ("vortrag-3.md", "Clara Probe", ""),
    ]
    assert str(program_file) in settings.recent_decks()  # listed among the recent
    # "Abend beginnen": the first talk, its console showing the program.
    editor.start_button.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
    running = window.session
    assert running is not None and running.evening is not None
    try:
        assert running.state.deck.title == "Vortrag 1"
        panel = running.console.program
        assert panel.isVisibleTo(running.console) and panel.talks.count() == 4
        qtbot.waitUntil(lambda: "Vortrag 2" in panel.next_button.text(), timeout=WAIT_MS)
        running.act(Action.NEXT_TALK)
        running.act(Action.LEAVE)  # Esc withdraws the question; the talk stays on
        assert not panel.confirm.isVisible() and running.console.isVisible()
        running.act(Action.NEXT_TALK)
        running.act(Action.NEXT_TALK)
        qtbot.waitUntil(lambda: running.state.deck.title == "Vortrag 2", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Bericht der Kasse" in panel.next_button.text(), timeout=WAIT_MS)
        assert running.state.index == 0
    finally:
        running.stop()
    assert window.session is None
