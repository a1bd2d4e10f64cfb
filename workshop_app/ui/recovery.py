"""Unsaved deck text kept safe while typing, and the questions after a crash or a
change on disk. The files themselves: workshop_app.deck.recovery.

`Autosaver` writes an editor's text to the recovery store in Qt's thread pool,
debounced, one write per deck at a time. `offer_recovery` asks what to do with
text found after a crash; `ask_disk_changed` what to do when the deck changed
on disk while it was edited. Each question is built by a function that returns
the box (`recovery_box`, `disk_changed_box`), so tests can open and click it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from workshop_app.deck.recovery import Recovered, RecoveryStore, beside, keep_beside
from workshop_app.i18n import day, tr

QUIET_MS = 1500  # written this long after the last keystroke …
LONGEST_MS = 10_000  # … but at the latest this long after the first unsaved one


@dataclass(frozen=True)
class _Save:
    text: str
    base: str | None


class _Discard:
    pass


_Operation = _Save | _Discard


class Autosaver(QObject):
    """Keeps an editor's unsaved text in the recovery store, off the GUI thread.

    `schedule` after every change; the text is written `quiet_ms` after the last
    change, and at least every `longest_ms` while changes keep coming. Writes of
    one deck never overlap: a text scheduled while one is being written is written
    next (only the newest). `discard` after the deck was saved: it also runs after
    any write still under way. Call `flush` before closing.
    """

    saved = Signal(object, str)  # deck Path, the text now safe in the recovery file
    failed = Signal(object, str)  # deck Path, why its text could not be kept
    discarded = Signal(object)  # deck Path: its recovery file is gone

    def __init__(
        self,
        store: RecoveryStore | None = None,
        parent: QObject | None = None,
        *,
        quiet_ms: int = QUIET_MS,
        longest_ms: int = LONGEST_MS,
    ) -> None:
        super().__init__(parent)
        self.store = store if store is not None else RecoveryStore()
        self.quiet_ms = quiet_ms
        self.longest_ms = longest_ms
        # GUI thread: text waiting for a pause in the typing.
        self._typed: dict[Path, _Save] = {}
        self._since: dict[Path, float] = {}
        self._timers: dict[Path, QTimer] = {}
        # Shared with the pool: the next operation per deck, and decks being written.
        self._condition = threading.Condition()
        self._queued: dict[Path, _Operation] = {}
        self._running: set[Path] = set()

    def schedule(self, deck: Path, text: str, base: str | None) -> None:
        """`text` is the editor's state of `deck`; `base` the digest of the file the
        edit started from (`DiskVersion.digest`; None: not on disk yet)."""
        self._typed[deck] = _Save(text, base)
        now = time.monotonic()
        since = self._since.setdefault(deck, now)
        waited_ms = int((now - since) * 1000)
        delay = max(0, min(self.quiet_ms, self.longest_ms - waited_ms))
        timer = self._timers.get(deck)
        if timer is None:
            timer = QTimer(self, singleShot=True)
            timer.timeout.connect(lambda: self._due(deck))
            self._timers[deck] = timer
        timer.start(delay)

    def discard(self, deck: Path) -> None:
        """Forget `deck`'s unsaved text: it was saved, or the user declined it."""
        self._typed.pop(deck, None)
        self._since.pop(deck, None)
        if (timer := self._timers.get(deck)) is not None:
            timer.stop()
        self._enqueue(deck, _Discard())

    def flush(self, timeout_ms: int = 30_000) -> bool:
        """Write everything scheduled now and wait until every write is done (the
        signals arrive later, with the event loop). False if that took too long."""
        for deck in list(self._typed):
            self._timers[deck].stop()
            self._due(deck)
        deadline = time.monotonic() + timeout_ms / 1000
        with self._condition:
            while self._queued or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(left)
        return True

    def busy(self) -> bool:
        """Whether some text is waiting to be written or being written."""
        with self._condition:
            return bool(self._typed or self._queued or self._running)

    def _due(self, deck: Path) -> None:
        self._since.pop(deck, None)
        typed = self._typed.pop(deck, None)
        if typed is not None:
            self._enqueue(deck, typed)

    def _enqueue(self, deck: Path, operation: _Operation) -> None:
        with self._condition:
            self._queued[deck] = operation  # a newer text replaces one not yet written
            if deck in self._running:
                return  # the running writer takes it next
            self._running.add(deck)
        QThreadPool.globalInstance().start(lambda: self._drain(deck))

    def _drain(self, deck: Path) -> None:
        """In the pool: the deck's operations, one after the other, until none is left."""
        while True:
            with self._condition:
                operation = self._queued.pop(deck, None)
                if operation is None:
                    self._running.discard(deck)
                    self._condition.notify_all()
                    return
            try:
                if isinstance(operation, _Save):
                    self.store.save(deck, operation.text, operation.base)
                else:
                    self.store.discard(deck)
            except Exception as error:  # a full disk must not end the writer
                self._tell(self.failed, deck, str(error) or repr(error))
            else:
                if isinstance(operation, _Save):
                    self._tell(self.saved, deck, operation.text)
                else:
                    self._tell(self.discarded, deck)

    @staticmethod
    def _tell(signal: SignalInstance, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            signal.emit(*args)


# ------------------------------------------------------------ after a crash


class RecoveryChoice(Enum):
    RESTORE = "restore"  # the recovered text into the editor
    DISCARD = "discard"  # forget it, edit the file as it is
    KEEP_BOTH = "keep_both"  # recovered text beside the deck, edit the file as it is


def _button_choice(box: QMessageBox, buttons: dict[QAbstractButton, Enum]) -> Enum | None:
    clicked = box.clickedButton()
    return next((choice for button, choice in buttons.items() if button is clicked), None)


class RecoveryBox(QMessageBox):
    """„Für „vortrag.md“ gibt es ungespeicherten Text vom …. Wiederherstellen?“"""

    def __init__(self, parent: QWidget | None, recovered: Recovered) -> None:
        super().__init__(parent)
        self.recovered = recovered
        saved = recovered.saved.astimezone()
        name = recovered.deck.name
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(tr("recovery.offer_title"))
        self.setText(tr("recovery.offer", name=name, day=day(saved.date()), time=f"{saved:%H:%M}"))
        details = [tr("recovery.offer_detail", beside=_beside_name(recovered.deck, "recovered"))]
        if recovered.disk_changed():
            details.insert(0, tr("recovery.offer_changed"))
        self.setInformativeText("\n".join(details))
        role = QMessageBox.ButtonRole
        self.restore_button = self.addButton(tr("recovery.restore"), role.AcceptRole)
        self.discard_button = self.addButton(tr("recovery.discard"), role.DestructiveRole)
        self.keep_both_button = self.addButton(tr("recovery.keep_both"), role.ActionRole)
        self.setDefaultButton(self.restore_button)
        self.setEscapeButton(self.keep_both_button)  # closed unanswered: nothing lost
        self._choices: dict[QAbstractButton, Enum] = {
            self.restore_button: RecoveryChoice.RESTORE,
            self.discard_button: RecoveryChoice.DISCARD,
            self.keep_both_button: RecoveryChoice.KEEP_BOTH,
        }

    def choice(self) -> RecoveryChoice | None:
        """The button clicked; None while none was."""
        chosen = _button_choice(self, self._choices)
        return chosen if isinstance(chosen, RecoveryChoice) else None


def _beside_name(deck: Path, which: str) -> str:
    tag = tr("recovery.tag_recovered") if which == "recovered" else tr("recovery.tag_mine")
    try:
        return beside(deck, tag).name
    except OSError:
        return f"{deck.stem}.{tag}{deck.suffix}"


def recovery_box(parent: QWidget | None, recovered: Recovered) -> RecoveryBox:
    return RecoveryBox(parent, recovered)


def settle_recovery(
    choice: RecoveryChoice | None, recovered: Recovered, store: RecoveryStore
) -> str | None:
    """Do what the speaker chose; returns the text the editor should show instead of
    the file's, or None (the file's). No choice (closed) counts as "keep both".

    RESTORE keeps the recovery file until the editor saves (then `discard`); if
    "keep both" cannot write beside the deck, the text is restored instead.
    """
    if choice is RecoveryChoice.RESTORE:
        return recovered.text
    if choice is RecoveryChoice.DISCARD:
        with contextlib.suppress(OSError):
            store.discard(recovered.deck)
        return None
    try:
        keep_beside(recovered.deck, recovered.text, tr("recovery.tag_recovered"))
    except OSError:
        return recovered.text  # nowhere to put it but the editor
    with contextlib.suppress(OSError):
        store.discard(recovered.deck)
    return None


def offer_recovery(
    parent: QWidget | None, recovered: Recovered, store: RecoveryStore | None = None
) -> str | None:
    """Ask about unsaved text found after a crash (modal); see `settle_recovery`."""
    box = recovery_box(parent, recovered)
    box.exec()
    return settle_recovery(box.choice(), recovered, store or RecoveryStore())


# ------------------------------------------------------------ changed on disk


class DiskChoice(Enum):
    LOAD_DISK = "load_disk"  # drop my version, show the file's
    SAVE_MINE = "save_mine"  # overwrite the file with my version
    KEEP_BOTH = "keep_both"  # my version beside the file, then show the file's


class DiskChangedBox(QMessageBox):
    """„„vortrag.md“ wurde außerhalb von Impuls geändert.“ – never a silent overwrite."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.path = path
        deleted = not path.exists()
        role = QMessageBox.ButtonRole
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(tr("recovery.changed_title"))
        self._choices: dict[QAbstractButton, Enum] = {}
        self.load_disk_button: QPushButton | None = None
        self.keep_both_button: QPushButton | None = None
        if deleted:  # nothing to load, nothing to keep beside: only saving mine again
            self.setText(tr("recovery.deleted", name=path.name))
        else:
            self.setText(tr("recovery.changed", name=path.name))
            self.setInformativeText(
                tr("recovery.changed_detail", beside=_beside_name(path, "mine"))
            )
            self.load_disk_button = self.addButton(tr("recovery.load_disk"), role.DestructiveRole)
            self._choices[self.load_disk_button] = DiskChoice.LOAD_DISK
        self.save_mine_button = self.addButton(tr("recovery.save_mine"), role.AcceptRole)
        self._choices[self.save_mine_button] = DiskChoice.SAVE_MINE
        if not deleted:
            self.keep_both_button = self.addButton(tr("recovery.keep_both"), role.ActionRole)
            self._choices[self.keep_both_button] = DiskChoice.KEEP_BOTH
        safest = self.keep_both_button or self.save_mine_button
        self.setDefaultButton(safest)
        self.setEscapeButton(safest)
        self.safest = DiskChoice.SAVE_MINE if deleted else DiskChoice.KEEP_BOTH

    def choice(self) -> DiskChoice | None:
        """The button clicked; None while none was."""
        chosen = _button_choice(self, self._choices)
        return chosen if isinstance(chosen, DiskChoice) else None


def disk_changed_box(parent: QWidget | None, path: Path) -> DiskChangedBox:
    return DiskChangedBox(parent, path)


def settle_disk_changed(choice: DiskChoice, path: Path, mine: str | None) -> Path | None:
    """For KEEP_BOTH with the editor's text `mine`: write it beside `path` (never over
    anything) and return where; otherwise None. Raises OSError (nothing changed)."""
    if choice is DiskChoice.KEEP_BOTH and mine is not None:
        return keep_beside(path, mine, tr("recovery.tag_mine"))
    return None


def ask_disk_changed(parent: QWidget | None, path: Path, mine: str | None = None) -> DiskChoice:
    """Ask what to do now that `path` changed on disk while being edited (modal).

    Closed unanswered counts as the safest choice (KEEP_BOTH; SAVE_MINE for a
    deleted file). With `mine`, KEEP_BOTH also writes it as `<stem>.meine-fassung<suffix>`
    (raises OSError if it cannot); then the caller loads the disk version. SAVE_MINE:
    the caller writes its text over the file. LOAD_DISK: the caller drops its text.
    """
    box = disk_changed_box(parent, path)
    box.exec()
    choice = box.choice() or box.safest
    settle_disk_changed(choice, path, mine)
    return choice


__all__ = [
    "Autosaver",
    "DiskChangedBox",
    "DiskChoice",
    "RecoveryBox",
    "RecoveryChoice",
    "ask_disk_changed",
    "disk_changed_box",
    "offer_recovery",
    "recovery_box",
    "settle_disk_changed",
    "settle_recovery",
]
