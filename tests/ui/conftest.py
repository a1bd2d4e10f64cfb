"""Fixtures for the Qt layer: settings on a temporary file, decks, a running session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from workshop_app.paths import DEFAULT_DECK
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "impuls.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's documents folder, here a temporary one."""
    folder = tmp_path / "Dokumente"
    folder.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture(scope="session")
def default_deck() -> PreparedDeck:
    return prepare_deck(DEFAULT_DECK)


@contextmanager
def presenting(
    qtbot: QtBot, settings: Settings, prepared: PreparedDeck
) -> Iterator[PresentingSession]:
    """`prepared` presented without a voting server, its console shown."""
    running = PresentingSession(prepared, settings)
    qtbot.addWidget(running.console)
    qtbot.addWidget(running.audience)
    running.start()
    try:
        qtbot.waitExposed(running.console)
        yield running
    finally:
        running.stop()


@contextmanager
def phone_in_the_room(browser: Browser, running: PresentingSession) -> Iterator[Page]:
    """A participant's 360-px phone, joined by the address the QR code gives."""
    assert running.live is not None
    info = running.live.info
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    try:
        phone = context.new_page()
        phone.goto(f"http://127.0.0.1:{info.port}/?code={info.join_code}")
        yield phone
    finally:
        context.close()


@pytest.fixture
def session(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings
) -> Iterator[PresentingSession]:
    with presenting(qtbot, settings, default_deck) as running:
        yield running


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` key by key (QTest knows ASCII keys only: an umlaut comes as a key
    event that carries its text, as a German keyboard sends it; a line break is Enter)."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def write_deck(path: Path, *slides: str, front: str = "title: Probe") -> Path:
    path.write_text(f"---\n{front}\n---\n\n" + "\n\n---\n\n".join(slides) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def live(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> Iterator[PresentingSession]:
    """The shipped deck presented with its real voting server, followed by the app."""
    from tests.ui.test_live_polls import start_live  # the live tests' own helper

    session = start_live(qtbot, default_deck, settings, tmp_path / "event.impuls")
    yield session
    session.stop()
