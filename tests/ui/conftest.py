"""Fixtures for the Qt layer: settings on a temporary file, decks, a running session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.support.app import presenting, start_live
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


@pytest.fixture
def session(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings
) -> Iterator[PresentingSession]:
    with presenting(qtbot, settings, default_deck) as running:
        yield running


@pytest.fixture
def live(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> Iterator[PresentingSession]:
    """The shipped deck presented with its real voting server, followed by the app."""
    session = start_live(qtbot, default_deck, settings, tmp_path / "event.impuls")
    yield session
    session.stop()
