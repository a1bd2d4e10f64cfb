"""The presenting keys, as clickers and presenter tools (pdfpc, PowerPoint) send them."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

Key = Qt.Key


class Action(StrEnum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    OVERVIEW = "overview"
    BLACK = "black"
    WHITE = "white"
    FREEZE = "freeze"
    HELP = "help"
    LEAVE = "leave"
    SWAP = "swap"
    PAUSE_TIMER = "pause_timer"
    RESET_TIMER = "reset_timer"
    NOTES_BIGGER = "notes_bigger"
    NOTES_SMALLER = "notes_smaller"
    JOIN = "join"
    QUESTION = "question"
    LASER = "laser"
    DRAW = "draw"
    ERASE = "erase"
    ZOOM = "zoom"
    NEXT_TALK = "next_talk"  # an evening's next talk: asks first (ui/program_panel.py)


# Plain keys; clickers send PageDown/PageUp (some Right/Left, B or "." for black).
KEYMAP: dict[Key, Action] = {
    Key.Key_Right: Action.NEXT, Key.Key_Down: Action.NEXT, Key.Key_PageDown: Action.NEXT,
    Key.Key_Space: Action.NEXT, Key.Key_Return: Action.NEXT, Key.Key_Enter: Action.NEXT,
    Key.Key_N: Action.NEXT,
    Key.Key_Left: Action.PREVIOUS, Key.Key_Up: Action.PREVIOUS, Key.Key_PageUp: Action.PREVIOUS,
    Key.Key_Backspace: Action.PREVIOUS, Key.Key_P: Action.PREVIOUS,
    Key.Key_Home: Action.FIRST, Key.Key_End: Action.LAST,
    Key.Key_Tab: Action.OVERVIEW, Key.Key_G: Action.OVERVIEW,
    Key.Key_B: Action.BLACK, Key.Key_Period: Action.BLACK,
    Key.Key_W: Action.WHITE, Key.Key_Comma: Action.WHITE,
    Key.Key_F: Action.FREEZE,
    Key.Key_Question: Action.HELP, Key.Key_F1: Action.HELP,
    Key.Key_Escape: Action.LEAVE,
    Key.Key_S: Action.SWAP,
    Key.Key_T: Action.PAUSE_TIMER, Key.Key_R: Action.RESET_TIMER,
    Key.Key_Plus: Action.NOTES_BIGGER, Key.Key_Equal: Action.NOTES_BIGGER,
    Key.Key_Minus: Action.NOTES_SMALLER,
    Key.Key_J: Action.JOIN,
    Key.Key_Q: Action.QUESTION,
    Key.Key_L: Action.LASER, Key.Key_D: Action.DRAW, Key.Key_E: Action.ERASE,
    Key.Key_Z: Action.ZOOM,
    Key.Key_V: Action.NEXT_TALK,
}  # fmt: skip

# Keys still ours while the overview grid is open (it handles arrows and Enter itself).
LIST_KEYS = frozenset({Key.Key_Escape, Key.Key_Tab, Key.Key_G, Key.Key_F1, Key.Key_Question})

# What the help overlay lists, in this order: (keys, what they do) as message ids.
HELP_ROWS: tuple[tuple[str, str], ...] = (
    ("help.keys.next", "help.does.next"),
    ("help.keys.previous", "help.does.previous"),
    ("help.keys.first_last", "help.does.first_last"),
    ("help.keys.jump", "help.does.jump"),
    ("help.keys.overview", "help.does.overview"),
    ("help.keys.black", "help.does.black"),
    ("help.keys.white", "help.does.white"),
    ("help.keys.freeze", "help.does.freeze"),
    ("help.keys.swap", "help.does.swap"),
    ("help.keys.timer", "help.does.timer"),
    ("help.keys.notes", "help.does.notes"),
    ("help.keys.join", "help.does.join"),
    ("help.keys.question", "help.does.question"),
    ("help.keys.mouse", "help.does.mouse"),
    ("help.keys.laser", "help.does.laser"),
    ("help.keys.zoom", "help.does.zoom"),
    ("help.keys.draw", "help.does.draw"),
    ("help.keys.next_talk", "help.does.next_talk"),
    ("help.keys.help", "help.does.help"),
    ("help.keys.leave", "help.does.leave"),
)


class PresenterKeys(QObject):
    """Turns key presses on the presenting windows into actions; digits + Enter jump."""

    action = Signal(object)  # Action
    jump = Signal(int)  # slide number as typed (1-based)
    typing = Signal(str)  # the digits typed so far ("" when cleared)

    def __init__(
        self,
        windows: Callable[[], tuple[QWidget, ...]],
        list_open: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.digits = ""
        self.windows = windows  # only key presses in these windows are ours
        self.list_open = list_open  # the overview grid takes arrows and Enter itself

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(watched, QWidget) or watched.window() not in self.windows():
            return False
        # Claim our keys before menus' shortcuts see them.
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and self._handles(event):
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.press(event)
        return False

    def _handles(self, event: QKeyEvent) -> bool:
        if self.list_open() and Key(event.key()) not in LIST_KEYS:
            return False
        return event.text().isdigit() or Key(event.key()) in KEYMAP

    def press(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False  # leave Ctrl/Alt shortcuts to the menus
        if self.list_open() and Key(event.key()) not in LIST_KEYS:
            return False
        text = event.text()
        if text.isdigit() and len(text) == 1 and text.isascii():
            self.digits = (self.digits + text)[-4:]
            self.typing.emit(self.digits)
            return True
        key = Key(event.key())
        if key in (Key.Key_Return, Key.Key_Enter) and self.digits:
            number = int(self.digits)
            self._clear()
            self.jump.emit(number)
            return True
        if text == "?":
            key = Key.Key_Question
        found = KEYMAP.get(key)
        if found is None:
            return False
        if self.digits and key is Key.Key_Escape:
            self._clear()  # Esc first cancels a half-typed number
            return True
        self._clear()
        self.action.emit(found)
        return True

    def _clear(self) -> None:
        if self.digits:
            self.digits = ""
            self.typing.emit("")
