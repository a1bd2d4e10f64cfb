"""The talk's clock: elapsed time, pause, and time left from the deck's `duration`."""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum

WARNING_SECONDS = 5 * 60  # time left turns orange in the last five minutes


class TimeState(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    OVER = "over"


class TalkTimer:
    """Starts with the first slide shown; pause and reset like a stopwatch."""

    def __init__(self, duration_minutes: int | None, clock: Callable[[], float] = time.monotonic):
        self.duration = duration_minutes * 60 if duration_minutes else None
        self.clock = clock
        self._started: float | None = None
        self._banked = 0.0
        self.paused = False

    def start(self) -> None:
        if self._started is None and not self.paused:
            self._started = self.clock()

    def toggle_pause(self) -> None:
        if self.paused:
            self.paused = False
            self._started = self.clock()
        else:
            self._banked = self.elapsed()
            self._started = None
            self.paused = True

    def reset(self) -> None:
        self._banked = 0.0
        self._started = None if self.paused else self.clock()

    def elapsed(self) -> float:
        running = self.clock() - self._started if self._started is not None else 0.0
        return self._banked + running

    def remaining(self) -> float | None:
        return None if self.duration is None else self.duration - self.elapsed()

    def state(self) -> TimeState:
        left = self.remaining()
        if left is None or left > WARNING_SECONDS:
            return TimeState.NORMAL
        return TimeState.WARNING if left >= 0 else TimeState.OVER


def clock_text(seconds: float) -> str:
    """`12:05`, `1:02:03`, and `−3:10` when over time."""
    sign = "−" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"
