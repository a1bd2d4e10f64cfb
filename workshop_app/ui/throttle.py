"""At most one run per interval, however often it is asked for: the live results' redraw."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Runs `action` as soon as allowed after `request()`, at most once per `interval_ms`.

    Requests that arrive while a run is already scheduled join it; none is lost: a
    request after a run schedules the next one for when the interval has passed.
    """

    def __init__(
        self,
        interval_ms: int,
        action: Callable[[], None],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._action = action
        self._clock = clock
        self._last_run = float("-inf")
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._run)

    @property
    def scheduled(self) -> bool:
        return self._timer.isActive()

    def request(self) -> None:
        if self._timer.isActive():
            return  # the scheduled run will cover this request too
        wait = self.interval_ms - (self._clock() - self._last_run) * 1000
        self._timer.start(round(max(0.0, wait)))

    def _run(self) -> None:
        self._last_run = self._clock()
        self._action()
