"""How much one phone or one address may ask of the keeper, counted in memory only."""

from __future__ import annotations

from collections import deque
from typing import Protocol

TOO_MANY = "too many requests from this device; wait a moment"
TOO_MANY_HERE = "too many requests from this network; wait a minute"
SWEEP_ABOVE = 50_000  # devices remembered before idle ones are forgotten


class Limit(Protocol):
    def room(self, key: str, now: float) -> bool: ...
    def take(self, key: str, now: float) -> None: ...


class Window:
    """At most `most` events per key within `seconds`; a key's memory goes when it is idle."""

    def __init__(self, most: int, seconds: float) -> None:
        self.most = most
        self.seconds = seconds
        self.recent: dict[str, deque[float]] = {}
        self._sweep_at = 0.0

    def room(self, key: str, now: float) -> bool:
        times = self.recent.get(key)
        if times is None:
            return True
        while times and now - times[0] > self.seconds:
            times.popleft()
        return len(times) < self.most

    def take(self, key: str, now: float) -> None:
        self.recent.setdefault(key, deque()).append(now)
        if len(self.recent) > SWEEP_ABOVE and now >= self._sweep_at:  # at most once a window
            self._sweep_at = now + self.seconds
            for idle in [k for k, times in self.recent.items() if now - times[-1] > self.seconds]:
                del self.recent[idle]
