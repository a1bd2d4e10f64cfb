"""The talk timer's arithmetic and the declared settings' storage."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workshop_app.session.talk_timer import TalkTimer, TimeState, clock_text
from workshop_app.ui.settings import AUDIENCE_SCREEN, NOTES_FONT_PX, SWAPPED, Settings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_timer_counts_pauses_and_resets() -> None:
    clock = FakeClock()
    timer = TalkTimer(30, clock)
    assert timer.elapsed() == 0  # not started before the first slide is shown
    timer.start()
    clock.now += 60
    assert timer.elapsed() == 60 and timer.remaining() == 29 * 60
    timer.toggle_pause()
    clock.now += 600
    assert timer.elapsed() == 60
    timer.toggle_pause()
    clock.now += 30
    assert timer.elapsed() == 90
    timer.reset()
    assert timer.elapsed() == 0
    clock.now += 5
    assert timer.elapsed() == 5


def test_time_states_and_clock_text() -> None:
    clock = FakeClock()
    timer = TalkTimer(10, clock)
    timer.start()
    assert timer.state() is TimeState.NORMAL
    clock.now += 5 * 60
    assert timer.state() is TimeState.WARNING  # exactly five minutes left
    clock.now += 5 * 60 + 1
    assert timer.state() is TimeState.OVER
    assert clock_text(timer.remaining() or 0) == "−0:01"
    assert clock_text(3723) == "1:02:03" and clock_text(65) == "1:05"
    assert TalkTimer(None, clock).remaining() is None
    assert TalkTimer(None, clock).state() is TimeState.NORMAL


def test_settings_round_trip_and_survive_hand_edits(tmp_path: Path) -> None:
    path = tmp_path / "impuls.ini"
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.get(NOTES_FONT_PX) == NOTES_FONT_PX.default
    settings.set(NOTES_FONT_PX, 40)
    settings.set(SWAPPED, True)
    settings.set(AUDIENCE_SCREEN, "HDMI-1")
    settings.set_last_slide("/decks/vortrag.md", 7)
    settings.add_recent("/decks/a.md")
    settings.add_recent("/decks/b.md")
    settings.add_recent("/decks/a.md")
    settings.sync()
    again = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert again.get(NOTES_FONT_PX) == 40 and again.get(SWAPPED) is True
    assert again.get(AUDIENCE_SCREEN) == "HDMI-1"
    assert again.last_slide("/decks/vortrag.md") == 7 and again.last_slide("/x.md") == 0
    assert again.recent_decks() == ["/decks/a.md", "/decks/b.md"]
    text = path.read_text(encoding="utf-8").replace("notes_font_px=40", "notes_font_px=groß")
    path.write_text(text, encoding="utf-8")
    edited = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert edited.get(NOTES_FONT_PX) == NOTES_FONT_PX.default


def test_notes_keep_paragraphs_list_items_and_finished_sentences() -> None:
    from workshop_app.deck.notes import shown_notes

    typed = "Erste Zeile\nläuft weiter.\n\nZweiter Absatz:\n- Punkt eins\n- Punkt zwei\n  geht weiter\n1. Nummer"
    assert shown_notes(typed) == (
        "Erste Zeile läuft weiter.\n\nZweiter Absatz:\n- Punkt eins\n- Punkt zwei geht weiter\n1. Nummer"
    )
    # Screen and paper by one rule (before, the console ran a finished sentence's next
    # line on while the handout began it anew); a PDF deck's notes keep every line.
    assert shown_notes("Erster Satz.\nZweiter Satz") == "Erster Satz.\nZweiter Satz"
    assert shown_notes("aus PowerPoint\nzweite Zeile", as_typed=True) == (
        "aus PowerPoint\nzweite Zeile"
    )
    assert shown_notes("") == ""


def test_the_app_shows_its_name_and_icon(qtbot: object) -> None:
    # Issue 19: the app's name and icon in the window and the task bar.
    from PySide6.QtWidgets import QApplication

    from workshop_app.app import identify

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    identify(app)
    assert app.applicationDisplayName() == "Impuls" and app.desktopFileName() == "impuls"
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(64, 64).isNull()  # the SVG renders
