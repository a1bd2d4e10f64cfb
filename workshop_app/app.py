"""The composition root: builds the Qt application, the settings and the main window."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QMessageLogContext,
    QThreadPool,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from workshop_app.deck.office import stop_conversions
from workshop_app.desktop_entry import APP_ID
from workshop_app.i18n import current_language, set_language, tr
from workshop_app.paths import ICON, SLIDES_DIR
from workshop_app.ui.interrupt import StopSignals
from workshop_app.ui.library import LibraryWindow
from workshop_app.ui.live import VotingSetup
from workshop_app.ui.settings import LANGUAGE, Settings

SMOKE_TIMEOUT_MS = 30_000
EXIT_WAIT_MS = 5_000  # a deck being read or a handout being written, at quitting time
# What Qt's offscreen platform says about things it cannot do (raise, size hints,
# flushing a window closed mid-paint): noise in a smoke run, not a problem.
OFFSCREEN_NOISE = ("does not support", "QBackingStore::flush()")


def _quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if not any(noise in message for noise in OFFSCREEN_NOISE):
        print(message, file=sys.stderr)


def finish_background_work(wait_ms: int = EXIT_WAIT_MS) -> None:
    """Join Qt's pool threads (decks being read, handouts being written) while Python
    still runs: left to Qt's own exit handlers, a thread that ran Python code ends
    after the interpreter has gone. A LibreOffice conversion is stopped first: it
    would hold the exit for minutes."""
    stop_conversions()
    QThreadPool.globalInstance().waitForDone(wait_ms)


def identify(app: QApplication) -> None:
    """The app's name and icon in every window's title bar and in the task bar; the
    desktop file name ties the windows to the menu entry (`impuls desktop`)."""
    app.setApplicationDisplayName("Impuls")
    app.setWindowIcon(QIcon(str(ICON)))
    app.setDesktopFileName(APP_ID)


def install_qt_translations(app: QApplication, lang: str) -> QTranslator | None:
    """Qt's own words (Cancel, the file dialog) in the app's language, from the
    translations PySide6 ships; English needs none. Returns the installed translator."""
    if lang == "en":
        return None
    translator = QTranslator(app)  # parented: it lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        return None  # a Qt without translations: its own words stay English
    app.installTranslator(translator)
    return translator


def run(
    deck_path: Path,
    *,
    smoke: bool = False,
    keep_language: bool = False,
    started: float | None = None,
    voting: VotingSetup | None = None,
) -> int:
    """Start Impuls on `deck_path`; with `smoke`, exit once the first slide is painted."""
    started = started if started is not None else time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Impuls")
    app.setOrganizationName("Impuls")
    identify(app)
    settings = Settings()
    if not keep_language and settings.get(LANGUAGE) in ("de", "en"):
        set_language(settings.get(LANGUAGE))  # chosen in the menu last time
    install_qt_translations(app, current_language().value)
    window = LibraryWindow(settings, deck_path, sorted(SLIDES_DIR.glob("*.md")), voting=voting)

    def stop() -> None:
        told = window.close_without_questions()
        print(tr("cli.ended"), *told, sep="\n", file=sys.stderr, flush=True)
        app.quit()

    signals = StopSignals(stop)
    try:
        return _run_window(app, window, smoke=smoke, started=started)
    finally:
        signals.release()


def _run_window(app: QApplication, window: LibraryWindow, *, smoke: bool, started: float) -> int:
    if smoke:
        qInstallMessageHandler(_quiet_offscreen)
        outcome = {"code": 1}

        def painted() -> None:
            elapsed = (time.perf_counter() - started) * 1000
            assert window.state is not None
            deck = window.state.deck
            slides = tr("count.slides", count=len(deck.slides))
            print(tr("app.smoke", title=deck.title, slides=slides, ms=round(elapsed)))
            outcome["code"] = 0
            window.close()
            app.quit()

        window.first_paint.connect(painted)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
        window.show()
        app.exec()
        finish_background_work()
        return outcome["code"]
    window.show()
    code = app.exec()
    finish_background_work()
    return code
