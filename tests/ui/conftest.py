"""Fixtures for the Qt layer: settings on a temporary file, decks, a running session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from workshop_app.paths import DEFAULT_DECK
from workshop_app.ui.prepared import PreparedDeck, prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "impuls.ini"), QSettings.Format.IniFormat))


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


@pytest.fixture
def session(
    qtbot: QtBot, default_deck: PreparedDeck, settings: Settings
) -> Iterator[PresentingSession]:
    with presenting(qtbot, settings, default_deck) as running:
        yield running


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
