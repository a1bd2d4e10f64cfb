"""Preparing a talk: the editor panel with its document, saving, and what keeps the
speaker's text safe (undo, the question before closing unsaved work, changes on
disk). The library window shows it in place of its slide overview."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from workshop_app.deck import DeckError
from workshop_app.deck.loader import read_deck_text
from workshop_app.deck.themes import Theme
from workshop_app.i18n import tr
from workshop_app.ui.deck_document import DeckDocument, write_atomically
from workshop_app.ui.editor_panel import EditorPanel

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


class TalkEditor(QWidget):
    """One Markdown deck file being edited; its panel appears once the text is read."""

    ready = Signal()  # the text is read and shown
    saved = Signal(object)  # Path
    message = Signal(str)  # for the status bar
    failed = Signal(str)  # the file could not be read: why

    def __init__(
        self,
        path: Path,
        theme: Callable[[], Theme | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.theme = theme
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
        self.document = DeckDocument(self.path, text, self)
        self.document.saved.connect(self._saved)
        self.document.save_failed.connect(self._save_failed)
        self.panel = EditorPanel(self.document, self.theme, self)
        self.panel.editor.undo_stack = self.document.undo
        self.waiting.hide()
        self.layout_.addWidget(self.panel)
        self.ready.emit()

    # ------------------------------------------------------------ saving

    def save(self) -> None:
        if self.document is not None:
            self.document.save()

    def _saved(self, path: Path) -> None:
        self.message.emit(tr("editor.saved", name=path.name))
        self.saved.emit(path)

    def _save_failed(self, detail: str) -> None:
        QMessageBox.warning(
            self, tr("editor.save"), tr("editor.save_failed", name=self.path.name, detail=detail)
        )

    def file_read(self, source: str) -> None:
        """The library read the deck file again (it changed on disk)."""
        document = self.document
        if document is None or source in (document.disk_text, document.text):
            if document is not None:
                document.disk_text = source  # our own save, read back
            return
        if not document.modified:
            document.replace_from_disk(source)  # nothing of ours to lose
            self.message.emit(tr("editor.reloaded", name=self.path.name))
            return
        self.disk_changed(source)

    def disk_changed(self, source: str) -> None:
        """The file changed on disk while the speaker has unsaved text: they choose."""
        assert self.document is not None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("editor.disk_changed_title"),
            tr("editor.disk_changed", name=self.path.name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        keep_mine = box.addButton(tr("editor.keep_mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("editor.take_disk"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep_mine)
        box.exec()
        if box.clickedButton() is keep_mine:
            self.document.disk_text = source  # saving now overwrites what they saw
        else:
            self.document.replace_from_disk(source)

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
                write_atomically(self.path, document.text)  # waits: the window closes
            except OSError as error:
                self._save_failed(error.strerror or str(error))
                return False
            document.disk_text = document.text
            return True
        return answer == QMessageBox.StandardButton.Discard
