"""The live results' redraw throttle: prompt, at most once per interval, nothing lost."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workshop_app.ui.throttle import Throttle


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_requests_runs_once_now_and_once_after_the_interval(qtbot: QtBot) -> None:
    clock = FakeClock()
    runs: list[float] = []
    throttle = Throttle(100, lambda: runs.append(clock.now), clock=clock)
    throttle.request()
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=10_000)  # the first one at once
    clock.now += 0.03  # 30 ms later: 100 votes arrive
    for _ in range(100):
        throttle.request()
    assert throttle.scheduled and len(runs) == 1  # joined into one run, not yet due
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=10_000)
    qtbot.wait(250)
    assert len(runs) == 2  # one redraw for the whole burst


def test_a_request_long_after_the_last_run_runs_at_once(qtbot: QtBot) -> None:
    clock = FakeClock()
    runs: list[float] = []
    # An interval far longer than the wait below: a run that waited for it could
    # not pass, however busy the machine, and one that runs at once has seconds.
    throttle = Throttle(60_000, lambda: runs.append(clock.now), clock=clock)
    throttle.request()
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=10_000)
    clock.now += 120.0
    throttle.request()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=10_000)  # no interval left to wait
