"""Shared test set-up: headless Qt, no access to the user's real settings or data."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.decks import countdown_talk, poll_talk
from tests.support.serving import Server, start_server

ROOT = Path(__file__).resolve().parent.parent
# Before anything imports Qt: no real screen, but two virtual ones (a laptop and
# a projector), so the presenting tests place real windows on real QScreens.
SCREENS = ROOT / "tests" / "data" / "screens.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"

# A shell without job control starts a background job with SIGINT ignored, and an
# ignored signal stays ignored in every program started from it: the Ctrl-C tests'
# commands would then never hear their Ctrl-C. A handler (reset to the default in
# the programs we start) gives them the terminal's Ctrl-C wherever the suite runs.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Chromium fixtures, here so the phone tests and the app-to-phone tests share one browser.
from tests.support.chromium import browser, chromium_missing, playwright  # noqa: E402, F401
from tests.support.office import soffice_missing  # noqa: E402


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `chromium` every test on the browser fixture, and skip the tests marked
    `chromium` or `libreoffice` where that program is missing, saying how to install it."""
    missing = {"chromium": chromium_missing(), "libreoffice": soffice_missing()}
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.chromium)
        for marker, reason in missing.items():
            if reason is not None and item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings and session data go to a temporary home, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(variable, str(home / sub))


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    from workshop_app.i18n import DEFAULT_LANG, set_language

    set_language(DEFAULT_LANG)
    yield
    set_language(DEFAULT_LANG)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A real `python main.py serve` process on a free port with a fresh session, serving
    tests/support/decks.py's talk: a poll of every type, a questions block, a pair."""
    running = start_server(tmp_path / "abend.impuls", poll_talk(tmp_path))
    yield running
    assert running.stop() == 0, running.stderr


@pytest.fixture
def countdown_server(tmp_path: Path) -> Iterator[Server]:
    """A real server for tests/support/decks.py's talk with a countdown."""
    running = start_server(tmp_path / "uhr.impuls", countdown_talk(tmp_path))
    yield running
    assert running.stop() == 0, running.stderr


def pytest_sessionfinish() -> None:
    """End the Qt tests as the app ends (workshop_app.app): every window closed and
    deleted, then Qt's pool threads joined, while the interpreter still runs."""
    import gc
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from workshop_app.app import finish_background_work

    app = QApplication.instance()
    if app is None:
        return
    for window in QApplication.topLevelWidgets():
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finish_background_work(30_000)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
