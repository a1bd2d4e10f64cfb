"""The deck being edited: its Draft, one undo stack for every edit, and saving.

Every change, typed, made in a form, a slide moved or the whole-file view
switched, is a command on one QUndoStack, so Ctrl+Z undoes what the speaker
did last, whatever it was. Typing in one slide merges into one step until the
speaker pauses, as text editors do.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workshop_app.deck.draft import Draft
from workshop_app.deck.recovery import digest, write_atomically

TYPING_MERGE_S = 1.5  # keystrokes closer than this in one slide are one undo step
_TYPING = 1  # QUndoCommand.id of typing: commands with the same id may merge


class DraftEdit(QUndoCommand):
    """One change of the Draft; `focus` is the slide to show after it (and after undo)."""

    def __init__(
        self,
        document: DeckDocument,
        label: str,
        after: Draft,
        *,
        focus: tuple[int, int],
        typing_in: int | None = None,
    ) -> None:
        super().__init__(label)
        self.document = document
        self.before = document.draft
        self.after = after
        self.focus_before, self.focus_after = focus
        self.typing_in = typing_in  # the slide typed in (None: not typing; -1: whole file)
        self.at = time.monotonic()

    def id(self) -> int:
        return _TYPING if self.typing_in is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, DraftEdit) or other.typing_in != self.typing_in:
            return False
        if other.at - self.at > TYPING_MERGE_S:
            return False
        self.after = other.after
        self.focus_after = other.focus_after
        self.at = other.at
        return True

    def redo(self) -> None:
        self.document.apply(self.after, self.focus_after)

    def undo(self) -> None:
        self.document.apply(self.before, self.focus_before)


class ModeSwitch(QUndoCommand):
    """The whole file shown, or a slide at a time: a visible switch, undone like an edit."""

    def __init__(self, document: DeckDocument, label: str, whole: bool) -> None:
        super().__init__(label)
        self.document = document
        self.whole = whole

    def redo(self) -> None:
        self.document.set_whole_file(self.whole)

    def undo(self) -> None:
        self.document.set_whole_file(not self.whole)


class DeckDocument(QObject):
    """A deck file open for editing: its text as a Draft, what is on disk, and undo."""

    changed = Signal(object, int)  # Draft, the slide to show
    whole_file_changed = Signal(bool)
    saved = Signal(object)  # Path: the file on disk is this text now
    save_failed = Signal(str)  # why, in the OS's words
    _wrote = Signal(object, str)  # from the pool's thread: Path, the text written

    def __init__(self, path: Path, text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.draft = Draft.read(text)
        self._disk = (text, digest(text))
        self.whole_file = False
        self.undo = QUndoStack(self)
        self._wrote.connect(self._written)  # queued: runs on the GUI thread

    @property
    def disk_text(self) -> str:
        """What the file held when read or last saved."""
        return self._disk[0]

    @disk_text.setter
    def disk_text(self, text: str) -> None:
        if text != self._disk[0]:
            self._disk = (text, digest(text))

    @property
    def disk_digest(self) -> str:
        """The SHA-256 of `disk_text`, worked out once (not on every keystroke)."""
        return self._disk[1]

    # ------------------------------------------------------------ editing

    @property
    def text(self) -> str:
        return self.draft.text

    @property
    def modified(self) -> bool:
        return self.draft.text != self.disk_text

    def edit(
        self,
        after: Draft,
        label: str,
        *,
        focus: tuple[int, int],
        typing_in: int | None = None,
    ) -> None:
        """Make `after` the draft, undoably; nothing happens if it is the same text."""
        if after.text == self.draft.text and after.slides == self.draft.slides:
            return
        self.undo.push(DraftEdit(self, label, after, focus=focus, typing_in=typing_in))

    def apply(self, draft: Draft, focus: int) -> None:
        """Called by the commands only."""
        self.draft = draft
        self.changed.emit(draft, max(0, min(focus, len(draft.slides) - 1)))

    def switch_whole_file(self, whole: bool, label: str) -> None:
        if whole != self.whole_file:
            self.undo.push(ModeSwitch(self, label, whole))

    def set_whole_file(self, whole: bool) -> None:
        self.whole_file = whole
        self.whole_file_changed.emit(whole)

    def replace_from_disk(self, text: str) -> None:
        """The file's new text, read after it changed on disk: a fresh start for undo
        (the old steps undo into a text the file no longer holds)."""
        self.undo.clear()
        self.disk_text = text
        self.draft = Draft.read(text)
        self.changed.emit(self.draft, 0)

    # ------------------------------------------------------------ saving

    def save_now(self) -> None:
        """Write the draft and wait (the window is closing); raises OSError."""
        _write_file(self.path, self.draft.text)
        self.disk_text = self.draft.text

    def save(self) -> None:
        """Write the draft off the GUI thread; `saved` or `save_failed` follows."""
        text = self.draft.text
        path = self.path
        QThreadPool.globalInstance().start(lambda: self._write(path, text))

    def _write(self, path: Path, text: str) -> None:
        try:
            _write_file(path, text)
        except OSError as error:
            with contextlib.suppress(RuntimeError):  # closed meanwhile
                self.save_failed.emit(error.strerror or str(error))
            return
        with contextlib.suppress(RuntimeError):
            self._wrote.emit(path, text)

    def _written(self, path: Path, text: str) -> None:
        self.disk_text = text
        self.saved.emit(path)


def _write_file(path: Path, text: str) -> None:
    """The deck's text to its file, atomically, keeping the file's permissions."""
    write_atomically(path, text.encode("utf-8"), keep_mode=True)
