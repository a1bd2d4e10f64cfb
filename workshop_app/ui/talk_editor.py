"""Preparing a talk: the editor panel with its document, saving, and what keeps the
speaker's text safe (undo, the question before closing unsaved work, changes on
disk). The library window shows it in place of its slide overview."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from workshop_app.deck import DeckError, Severity
from workshop_app.deck.draft import Draft
from workshop_app.deck.loader import read_deck_text
from workshop_app.deck.recovery import RecoveryStore
from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr
from workshop_app.ui.deck_document import DeckDocument
from workshop_app.ui.editor_panel import EditorPanel, Reading
from workshop_app.ui.recovery import Autosaver, DiskChoice, ask_disk_changed, offer_recovery

log = logging.getLogger("impuls.ui")

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


class _TextReader(QObject):
    """Reads a deck's text in Qt's thread pool: a deck on a slow share never freezes."""

    read = Signal(str)
    failed = Signal(str)

    def start(self, path: Path) -> None:
        QThreadPool.globalInstance().start(lambda: self._work(path))

    def _work(self, path: Path) -> None:
        try:
            text = read_deck_text(path)
        except DeckError as error:
            with contextlib.suppress(RuntimeError):
                self.failed.emit(error.errors[0].format())
            return
        with contextlib.suppress(RuntimeError):  # the editor closed meanwhile
            self.read.emit(text)


class UnsavedText(QObject):
    """Looks for text left unsaved by a crash, off the GUI thread, once at start."""

    found = Signal(list)  # list[Recovered], oldest first

    def look(self) -> None:
        QThreadPool.globalInstance().start(self._work)

    def _work(self) -> None:
        try:
            found = RecoveryStore().all_pending()
        except OSError as error:
            log.warning("the recovery folder cannot be read: %s", error)
            found = []  # an unreadable data folder: nothing to offer
        with contextlib.suppress(RuntimeError):
            self.found.emit(found)


class TalkEditor(QWidget):
    """One Markdown deck file being edited; its panel appears once the text is read."""

    ready = Signal()  # the text is read and shown
    modified_changed = Signal(bool)  # the text differs from the file, or no longer
    saved = Signal(object)  # Path
    message = Signal(str)  # for the status bar
    failed = Signal(str)  # the file could not be read: why

    def __init__(
        self,
        path: Path,
        theme: Callable[[], Theme | None],
        parent: QWidget | None = None,
        *,
        store: RecoveryStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.theme = theme
        self.store = store if store is not None else RecoveryStore()
        self.autosaver = Autosaver(self.store, self)
        self.autosaver.failed.connect(lambda _deck, why: self.message.emit(why))
        self.document: DeckDocument | None = None
        self.panel: EditorPanel | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.waiting = QLabel(tr("library.loading", path=path))
        self.layout_.addWidget(self.waiting)
        self._reader = _TextReader(self)
        self._reader.read.connect(self._open)
        self._reader.failed.connect(self.failed)
        self._reader.start(path)

    def _open(self, text: str) -> None:
        self.document = document = DeckDocument(self.path, text, self)
        document.saved.connect(self._saved)
        document.save_failed.connect(self._save_failed)
        self.panel = EditorPanel(document, self.theme, self)
        self.panel.editor.undo_stack = document.undo
        self.waiting.hide()
        self.layout_.addWidget(self.panel)
        recovered = self.store.pending(self.path)
        if recovered is not None:
            kept = offer_recovery(self, recovered, self.store)
            if kept is not None:  # undoable: Ctrl+Z shows the file's text again
                document.edit(Draft.read(kept), tr("editor.undo.recovered"), focus=(0, 0))
                self.message.emit(tr("editor.recovered", name=self.path.name))
        document.changed.connect(self._keep_safe)
        # What lives now (modules, widgets, the deck just read) lives while the speaker
        # types: Python's full collections, set off by each reading's garbage, need
        # not walk it again (they cost 70-90 ms a time on a 1,000-slide deck).
        gc.freeze()
        self.destroyed.connect(lambda *_: gc.unfreeze())  # collected again once closed
        document.changed.connect(lambda *_: self.modified_changed.emit(document.modified))
        self.panel.checked.connect(self._checked)
        self.ready.emit()
        self.modified_changed.emit(document.modified)

    def _checked(self, reading: Reading) -> None:
        """The status bar says what the check found, as it does for a deck opened."""
        if reading.prepared is None:
            errors = sum(1 for p in reading.problems if p.severity is Severity.ERROR)
            self.message.emit(tr("editor.has_errors", count=errors))
            return
        deck = reading.prepared.deck
        self.message.emit(tr("library.loaded", slides=len(deck.slides), polls=len(deck.polls),
                             problems=len(reading.problems)))  # fmt: skip

    def _keep_safe(self, _draft: Draft, _focus: int) -> None:
        """Every change goes to the recovery file a moment later (off the GUI thread)."""
        document = self.document
        assert document is not None
        if document.modified:
            self.autosaver.schedule(self.path, document.text, document.disk_digest)
        else:
            self.autosaver.discard(self.path)  # undone back to what is on disk

    # ------------------------------------------------------------ saving

    def save(self) -> None:
        if self.document is not None:
            self.document.save()

    def _saved(self, path: Path) -> None:
        if self.document is not None:
            if not self.document.modified:
                self.autosaver.discard(path)
            self.modified_changed.emit(self.document.modified)
        self.message.emit(tr("editor.saved", name=path.name))
        self.saved.emit(path)

    def _save_failed(self, detail: str) -> None:
        QMessageBox.warning(
            self, tr("editor.save"), tr("editor.save_failed", name=self.path.name, detail=detail)
        )

    def file_read(self, source: str) -> None:
        """The library read the deck file again (it changed on disk)."""
        document = self.document
        if document is None:
            return
        if source in (document.disk_text, document.text):
            document.disk_text = source  # our own save, read back
            return
        if not document.modified:
            document.replace_from_disk(source)  # nothing of ours to lose
            self.message.emit(tr("editor.reloaded", name=self.path.name))
            return
        self.disk_changed(source)

    def disk_changed(self, source: str) -> None:
        """The file changed on disk while the speaker has unsaved text: they choose;
        nothing is overwritten without asking."""
        document = self.document
        assert document is not None
        try:
            choice = ask_disk_changed(self, self.path, document.text)
        except OSError as error:  # "keep both" could not write mine beside: keep it here
            self._save_failed(error.strerror or str(error))
            return
        if choice is DiskChoice.SAVE_MINE:
            document.disk_text = source
            document.save()
        else:  # LOAD_DISK, or KEEP_BOTH (mine was written beside the file)
            document.replace_from_disk(source)
            self.autosaver.discard(self.path)

    def keep_unsaved(self) -> Path | None:
        """Put unsaved text in the recovery store now and wait until it is there; the
        deck's path if there was any (the app is about to stop without asking)."""
        document = self.document
        if document is None or not document.modified:
            return None
        self.autosaver.schedule(self.path, document.text, document.disk_digest)
        self.autosaver.flush()
        return self.path

    def may_close(self) -> bool:
        """Unsaved work: save it, leave it, or stay (the default)."""
        document = self.document
        if document is None or not document.modified:
            return True
        answer = QMessageBox.question(
            self,
            tr("editor.unsaved_title"),
            tr("editor.unsaved", name=self.path.name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            try:
                document.save_now()
            except OSError as error:
                self._save_failed(error.strerror or str(error))
                return False
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        self.autosaver.discard(self.path)
        self.autosaver.flush()
        return True
