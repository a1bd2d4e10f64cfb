"""Reading decks off the GUI thread, and noticing when a deck file changes on disk."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QObject,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
)

from workshop_app.deck import DeckError, Problem, Severity
from workshop_app.ui.prepared import PreparedDeck, prepare_deck

log = logging.getLogger("impuls.ui")

RELOAD_DEBOUNCE_MS = 150  # editors write in bursts (truncate, write, rename)


class DeckLoader(QObject):
    """Loads decks in Qt's thread pool; results arrive as signals on the GUI thread."""

    loaded = Signal(object, object)  # Path, PreparedDeck
    failed = Signal(object, object)  # Path, DeckError
    converting = Signal(object)  # Path: LibreOffice is making a PDF of this presentation

    def load(self, path: Path) -> None:
        QThreadPool.globalInstance().start(lambda: self._work(path))

    def _work(self, path: Path) -> None:
        try:
            prepared = prepare_deck(path, lambda source: self._tell(self.converting, source))
        except DeckError as error:
            self._tell(self.failed, path, error)
        except Exception as error:  # a bug of ours: said as one, never as a broken file
            log.exception("loading %s failed", path)
            problem = Problem(
                Severity.ERROR, "app.internal_error", None, {"detail": repr(error)}, path
            )
            self._tell(self.failed, path, DeckError((problem,)))
        else:
            self._tell(self.loaded, path, prepared)

    @staticmethod
    def _tell(signal: SignalInstance, *args: object) -> None:
        """Emit from the pool's thread; a window closed meanwhile has nobody to tell."""
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            signal.emit(*args)


class DeckWatcher(QObject):
    """Re-reads a deck whenever its file changes; also after an editor's atomic replace."""

    reloaded = Signal(object)  # PreparedDeck
    failed = Signal(object)  # DeckError

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path.resolve()
        self._loader = DeckLoader(self)
        self._loader.loaded.connect(lambda _path, prepared: self._loaded(prepared))
        self._loader.failed.connect(lambda _path, error: self.failed.emit(error))
        self._last_version: tuple[str, tuple[str, ...]] | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.addPath(str(self.path.parent))
        self._watch_file()
        self._debounce = QTimer(self, singleShot=True, interval=RELOAD_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._reload)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)

    def remember(self, prepared: PreparedDeck) -> None:
        """The version already on screen: an identical re-save does not reload."""
        self._last_version = _version(prepared)
        self._watch_file(prepared)

    def _watch_file(self, prepared: PreparedDeck | None = None) -> None:
        # The deck, and the PDF and pdfpc notes it reads (re-exported from PowerPoint).
        wanted = [self.path]
        if prepared is not None:
            wanted += [(self.path.parent / name).resolve() for name in prepared.deck.files]
        for path in wanted:
            if str(path) not in self._watcher.files():
                self._watcher.addPath(str(path))  # fails quietly while the file is missing

    def _changed(self, _path: str) -> None:
        self._debounce.start()

    def _reload(self) -> None:
        self._watch_file()
        self._loader.load(self.path)

    def _loaded(self, prepared: PreparedDeck) -> None:
        if _version(prepared) == self._last_version:
            return
        self._last_version = _version(prepared)
        self._watch_file(prepared)
        self.reloaded.emit(prepared)


def _version(prepared: PreparedDeck) -> tuple[str, tuple[str, ...]]:
    """What makes a deck another version: its source, and its PDFs' contents."""
    return prepared.deck.source, tuple(sorted(prepared.deck.pdfs))
