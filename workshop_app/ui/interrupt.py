"""Ctrl-C in the terminal, and the system asking us to stop, end the app at once.

Python runs a signal handler only when the interpreter next gets control, and
while Qt's event loop waits it does not: Ctrl-C did nothing until the mouse
moved. The signal's number is therefore also written to a socket that Qt
watches (`signal.set_wakeup_fd`), which wakes the event loop and brings us back
into Python at once. A socket and not a pipe: on Windows the wake-up must be one.
"""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

if sys.platform == "win32":
    STOP_SIGNALS = (signal.SIGINT, signal.SIGBREAK)  # Ctrl-C, Ctrl-Break in the console
else:
    STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals(QObject):
    """Calls `stop` once, on the event loop, when a stop signal arrives."""

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop: Callable[[], None] | None = stop
        self._wake, self._woken = socket.socketpair()
        for end in (self._wake, self._woken):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._wake.fileno(), warn_on_full_buffer=False)
        # The handler itself does nothing: the wake-up byte is the message. Without a
        # handler of our own, Python's would raise KeyboardInterrupt inside some slot.
        self._previous = {number: signal.signal(number, _noted) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._woken.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._arrived)

    def _arrived(self) -> None:
        try:
            self._woken.recv(64)  # one byte per signal; any of them means "stop"
        except BlockingIOError:
            return
        stop, self._stop = self._stop, None  # a second Ctrl-C while closing changes nothing
        if stop is not None:
            stop()

    def release(self) -> None:
        """Give the signals back as they were (tests start the app more than once)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._wake.close()
        self._woken.close()


def _noted(_number: int, _frame: object) -> None:
    """The signal is read from the wake-up socket; nothing to do here."""
