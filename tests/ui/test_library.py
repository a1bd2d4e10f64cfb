"""The main window: the deck library, thumbnails, problems, drag and drop, F5."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from tests.support.app import loaded, open_window, write_deck
from workshop_app.deck import Deck
from workshop_app.paths import DEFAULT_DECK
from workshop_app.ui.library import THUMB, LibraryWindow
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import AUDIENCE_SCREEN, THEME, Settings


def shown_deck(window: LibraryWindow) -> Deck:
    """The deck the library's own preview and thumbnails draw."""
    assert window.slideshow is not None
    return window.slideshow.deck


def running(window: LibraryWindow) -> PresentingSession:
    assert window.session is not None
    return window.session


def test_opens_the_default_deck_with_thumbnails(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings)
    with qtbot.waitSignal(window.first_paint, timeout=10000):
        pass
    assert window.state is not None
    count = window.state.count
    assert window.thumbnails.count() == count
    qtbot.waitUntil(lambda: not window.thumbnails.item(count - 1).icon().isNull(), timeout=10000)
    assert window.problems.item(0).text() == "Keine Probleme gefunden"
    shipped = [window.decks.item(i).text().strip() for i in range(window.decks.count())]
    assert "clash-of-cultures" in shipped and "hype-oder-entwicklung" in shipped
    assert settings.recent_decks() == [str(DEFAULT_DECK)]


def test_problems_have_lines_and_lead_to_their_slide(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    path = write_deck(
        tmp_path / "warnung.md", "# Eins", "## Zwei", "## Drei\n\n<!-- backgroundSize: cover -->"
    )
    window = open_window(qtbot, settings, path)
    qtbot.waitUntil(lambda: loaded(window, path))
    texts = [window.problems.item(i).text() for i in range(window.problems.count())]
    assert len(texts) == 1 and texts[0].startswith("Zeile 15: Warnung:"), texts
    window.problems.itemClicked.emit(window.problems.item(0))
    assert window.state is not None and window.state.index == 2
    assert window.thumbnails.currentRow() == 2


def test_a_missing_image_leaves_the_deck_shown_and_its_problem_leads_there(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    # From the rehearsal: one missing image hid the whole deck's preview, and clicking
    # the problem did nothing.
    path = write_deck(tmp_path / "bild.md", "# Eins", "# Zwei\n\n![Logo](fehlt.png)", "# Drei")
    window = open_window(qtbot, settings, path)
    qtbot.waitUntil(lambda: loaded(window, path))
    assert window.preview_stack.currentWidget() is window.preview  # the deck, not a message
    (problem,) = [window.problems.item(i) for i in range(window.problems.count())]
    assert "fehlt.png" in problem.text()
    window.problems.itemClicked.emit(problem)
    assert window.state is not None and window.state.index == 1


def test_broken_deck_shows_its_errors_then_recovers_on_save(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "kaputt.md"
    path.write_text(
        "---\ntitle: Probe\n---\n# A\n\n```poll\nid: p\ntype: single\nquestion: Was?\n```\n",
        encoding="utf-8",
    )  # a poll without options
    window = open_window(qtbot, settings, path)
    qtbot.waitUntil(
        lambda: window.problems.count() > 0 and "Zeile 6" in window.problems.item(0).text()
    )
    assert "enthält Fehler" in window.message.text()
    assert window.state is None
    write_deck(path, "# Repariert")
    qtbot.waitUntil(lambda: loaded(window, path), timeout=5000)
    assert shown_deck(window).slides[0].title == "Repariert"


def test_dropping_a_deck_opens_it(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    path = write_deck(tmp_path / "gezogen.md", "# Gezogen", "## Zwei")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(100, 100), Qt.DropAction.CopyAction, data,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(drop)  # Qt delivers drops only inside a real drag; this is its handler
    qtbot.waitUntil(lambda: loaded(window, path))
    assert window.thumbnails.count() == 2
    assert settings.recent_decks()[0] == str(path.resolve())
    window.fill_decks()
    entries = [window.decks.item(i).text() for i in range(window.decks.count())]
    assert "Zuletzt geöffnet" in entries and "  gezogen" in entries


def test_f5_presents_and_esc_returns_to_the_library(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    window.thumbnails.setCurrentRow(4)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    session = window.session
    assert session is not None and session.state.index == 0  # F5: from the start
    qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert window.state is session.state  # one state per open deck: the library follows
    qtbot.keyClick(session.console, Qt.Key.Key_Escape)
    assert window.session is None
    assert window.thumbnails.currentRow() == 1
    assert window.preview.shown_index() == 1
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    again = running(window)
    assert again.state.index == 1
    again.stop()


def test_theme_choice_is_a_setting_and_rerenders(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    assert window.state is not None
    window.theme_box.setCurrentIndex(window.theme_box.findData("dark"))
    assert settings.get(THEME) == "dark"
    assert window.slideshow is not None and window.slideshow.renderer.theme.name == "dark"
    again = open_window(qtbot, settings)
    assert again.theme_box.currentData() == "dark"


def test_the_chosen_screen_gets_the_audience(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    names = [window.screen_box.itemData(i) for i in range(window.screen_box.count())]
    assert names[0] == "" and sorted(names[1:]) == ["Beamer", "Laptop"]
    for name in ("Laptop", "Beamer"):
        window.screen_box.setCurrentIndex(window.screen_box.findData(name))
        assert settings.get(AUDIENCE_SCREEN) == name
        window.present(from_start=True)
        session = running(window)
        assert session.audience.screen().name() == name
        assert session.console.screen().name() != name
        session.stop()


def test_delete_session_asks_then_removes_the_file_and_its_companions(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from workshop_app.session.store import SessionStore

    session = tmp_path / "abend.impuls"
    SessionStore(session, deck_source="---\ntitle: x\n---\n# x\n").close()
    window = open_window(qtbot, settings)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(session), ""))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    window.delete_session_action.trigger()  # "No": nothing happens
    assert session.exists()
    window.delete_session_action.trigger()  # "Yes"
    assert not session.exists()
    assert not list(tmp_path.glob("abend.impuls*"))
    assert "abend.impuls" in window.statusBar().currentMessage()


def test_a_save_while_presenting_is_read_once_and_the_library_waits(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two watchers read every save twice, and the library rebuilt its view and every
    # thumbnail on the GUI thread in the middle of the talk.
    path = write_deck(tmp_path / "vortrag.md", "# Eins", "# Zwei")
    window = open_window(qtbot, settings, path)
    qtbot.waitUntil(lambda: loaded(window, path))
    reads: list[Path] = []

    def counted(deck_path: Path, converting: Any = None) -> PreparedDeck:
        reads.append(deck_path)  # a probe: the real parse still runs
        return prepare_deck(deck_path, converting)

    monkeypatch.setattr("workshop_app.ui.loading.prepare_deck", counted)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    session = running(window)
    library_view = window.slideshow
    assert library_view is not None
    library_paints: list[int] = []  # a probe: the library's renderer, while the talk runs
    real_paint = library_view.renderer.paint

    def paint(*args: Any, **kwargs: Any) -> None:
        library_paints.append(1)
        real_paint(*args, **kwargs)

    monkeypatch.setattr(library_view.renderer, "paint", paint)
    write_deck(path, "# Eins", "# Zwei", "# Drei")
    qtbot.waitUntil(lambda: session.state.count == 3, timeout=5000)
    qtbot.keyClick(session.console, Qt.Key.Key_Right)  # the talk goes on
    qtbot.wait(300)  # time for a second reader, if there were one
    assert len(reads) == 1
    assert library_paints == []  # the GUI thread renders for the room only
    assert window.slideshow is library_view and shown_deck(window).slides[-1].title == "Zwei"
    session.stop()
    qtbot.waitUntil(lambda: window.session is None)
    assert shown_deck(window).slides[-1].title == "Drei"  # the library catches up after
    assert window.thumbnails.count() == 3


def test_thumbnails_are_whole_from_the_start(qtbot: QtBot, settings: Settings) -> None:
    # Before: the strip showed slivers until the window was resized (3 of 3 starts):
    # its cells took their uniform size from a first item without an icon.
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    first = window.thumbnails.item(0)
    assert first is not None
    assert window.thumbnails.visualItemRect(first).height() >= THUMB.height()
    last = window.thumbnails.item(window.thumbnails.count() - 1)
    qtbot.waitUntil(lambda: last.icon().cacheKey() != first.icon().cacheKey(), timeout=10_000)
    assert window.thumbnails.visualItemRect(last).height() >= THUMB.height()


def test_recent_decks_of_one_name_are_told_apart_and_listed_once(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    # From the rehearsal: "clash-of-cultures" three times in "Zuletzt geöffnet", with
    # nothing to tell the copies apart.
    for folder in ("vortrag", "alt"):
        (tmp_path / folder).mkdir()
    mine = write_deck(tmp_path / "vortrag" / "clash-of-cultures.md", "# Meine Fassung")
    other = write_deck(tmp_path / "alt" / "clash-of-cultures.md", "# Alte Fassung")
    for spelt in (
        str(DEFAULT_DECK),
        str(other),
        f"{mine.parent}/../vortrag/{mine.name}",
        str(mine),
    ):
        settings.add_recent(spelt)
    window = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK))
    window.fill_decks()
    entries = [window.decks.item(i).text() for i in range(window.decks.count())]
    named = [entry for entry in entries if "clash-of-cultures" in entry]
    assert named == [
        "  clash-of-cultures  (Mitgeliefert)",
        f"  clash-of-cultures  ({mine.parent})",
        f"  clash-of-cultures  ({other.parent})",
    ], entries
    assert "  hype-oder-entwicklung" in entries  # a name listed once stays as it was


def test_a_bug_while_loading_is_said_as_ours_not_as_a_broken_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 31: a programming error while reading a deck printed as "cannot read the
    # file", sending the speaker to look for a fault in a file that had none.
    from workshop_app.ui import loading

    def broken(*_args: object) -> None:
        raise ZeroDivisionError("ein Fehler in Impuls")

    monkeypatch.setattr(loading, "prepare_deck", broken)  # the fault injected: a bug of ours
    loader = loading.DeckLoader()
    path = write_deck(tmp_path / "gut.md", "# Gut")
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.load(path)
    (problem,) = failed.args[1].problems
    assert problem.message().startswith("Interner Fehler in Impuls (nicht in Ihrer Datei)")
    assert "ZeroDivisionError" in caplog.text  # the trace is in the log, for a report


def title_bar(window: LibraryWindow) -> str:
    """The window's title as Linux and Windows show it: Qt's QPlatformWindow::
    formatWindowTitle puts " — " and the application's display name after every
    title but the name itself, and "[*]" stands for the unsaved-edits star."""
    from PySide6.QtWidgets import QApplication

    title = window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")
    name = QApplication.applicationDisplayName()
    return title if title == name else f"{title} \N{EM DASH} {name}"


def test_the_title_bar_names_the_deck_and_the_app_once(qtbot: QtBot, settings: Settings) -> None:
    from PySide6.QtWidgets import QApplication

    from workshop_app.app import identify

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    identify(app)
    window = open_window(qtbot, settings)
    assert title_bar(window) == "Impuls"  # before a deck is read
    qtbot.waitUntil(lambda: loaded(window, DEFAULT_DECK), timeout=10000)
    assert title_bar(window) == f"{shown_deck(window).title} \N{EM DASH} Impuls"
