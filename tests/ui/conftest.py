"""Fixtures for the Qt layer: settings on a temporary file, decks, a running session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.support.app import presenting, start_live
from tests.support.decks import poll_talk
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
def poll_deck(tmp_path: Path) -> PreparedDeck:
    """tests/support/decks.py's talk: a poll of every type, a questions block, a pair."""
    return prepare_deck(poll_talk(tmp_path))


@pytest.fixture
def live(
    qtbot: QtBot, poll_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> Iterator[PresentingSession]:
    """The poll talk presented with its real voting server, followed by the app."""
    session = start_live(qtbot, poll_deck, settings, tmp_path / "event.impuls")
    yield session
    session.stop()


@pytest.fixture
def shipped_live(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings, tmp_path: Path
) -> Iterator[PresentingSession]:
    """The shipped talk presented with its real voting server, for the tests that walk
    through that talk (its 24 slides, its notes)."""
    session = start_live(qtbot, default_deck, settings, tmp_path / "event.impuls")
    yield session
    session.stop()
