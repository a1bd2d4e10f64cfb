"""Live results on the shared screen: vote-to-redraw latency and the GUI's frame timer under load.

Runs the real app pieces offscreen: a presenting session that starts the real
`serve` child process, follows it over HTTP and SSE, and paints the audience
window. Then:

(a) Vote to screen: a phone's vote is posted over HTTP (from a thread, like a
    phone would), and we time from its acknowledgement (the commit is before
    it) to the audience window's paint that shows it. 60 rounds.
(b) Frame timer: a 16 ms Qt timer on the GUI thread, first with no load (the
    baseline), then while `wrk` posts votes with 500 connections as fast as the
    server takes them. Lateness = how much later than 16 ms each tick came.
    Also counts the audience window's redraws per second under that load
    (the live client fetches results at most ten times a second).

    python bench/live_screen.py [--seconds 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.results_file import report
from bench.votes import votes_script, wrk_figure, wrk_in_background, wrk_missing
from tests.support.serving import MANY_DEVICES, join
from workshop_app.paths import DEFAULT_DECK
from workshop_app.session.model import PollAction
from workshop_app.ui.live import LiveClient, VotingSetup
from workshop_app.ui.prepared import prepare_deck
from workshop_app.ui.presenting_session import PresentingSession
from workshop_app.ui.settings import Settings

POLL = "pflicht-vorher"
FRAME_MS = 16


def spin_until(condition: Callable[[], bool], seconds: float = 20) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def spin_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def presenting(folder: Path) -> tuple[PresentingSession, LiveClient]:
    """The real app offscreen on the shipped deck, its real `serve` child process started
    and followed: what every benchmark of the live app starts from."""
    settings = Settings(QSettings(str(folder / "impuls.ini"), QSettings.Format.IniFormat))
    session = PresentingSession(
        prepare_deck(DEFAULT_DECK),
        settings,
        voting=VotingSetup(
            folder / "bench.impuls", host="127.0.0.1", port=0, devices_per_address=MANY_DEVICES
        ),
    )
    session.start()
    spin_until(lambda: session.live is not None and session.live.session_loaded)
    assert session.live is not None
    return session, session.live


def finish(name: str, result: dict[str, object]) -> NoReturn:
    """Report and leave at once, skipping Qt's teardown: the figures are out."""
    report(name, result)
    sys.stdout.flush()
    os._exit(0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def post_vote(port: int, code: str, ticket: str, n: int) -> float:
    """Post one vote; return the perf_counter time of its acknowledgement."""
    body = json.dumps({"code": code, "device": ticket, "vote_id": f"bench{n}", "choice": n % 4})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", f"/api/polls/{POLL}/votes", body,
                       {"Content-Type": "application/json"})  # fmt: skip
    response = connection.getresponse()
    response.read()
    acked = time.perf_counter()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"vote refused: {response.status}")
    return acked


def vote_to_screen(session: PresentingSession, rounds: int) -> list[float]:
    live = session.live
    assert live is not None
    view = session.audience.view
    painted: list[tuple[float, int]] = []

    def on_paint(_index: int) -> None:
        results = session.slideshow.live.get(POLL)
        ballots = results.tally.ballots if results is not None and results.tally else 0
        painted.append((time.perf_counter(), ballots))

    view.painted.connect(on_paint)
    delays: list[float] = []
    tickets = [join(live.info.port, live.info.join_code) for _ in range(rounds)]  # not timed
    for n in range(rounds):
        acked: list[float] = []

        def phone(n: int = n, acked: list[float] = acked) -> None:
            acked.append(post_vote(live.info.port, live.info.join_code, tickets[n], n))

        worker = threading.Thread(target=phone)
        worker.start()

        def seen(n: int = n) -> bool:
            return any(b >= n + 1 for _, b in painted)

        spin_until(seen)
        worker.join()
        shown = min(t for t, b in painted if b >= n + 1)
        delays.append((shown - acked[0]) * 1000)
        painted.clear()
        spin_for(0.15)
    view.painted.disconnect(on_paint)
    return delays


def frame_lateness(
    seconds: float, session: PresentingSession | None = None
) -> tuple[list[float], int]:
    """Lateness (ms) of each tick of a 16 ms timer; and the audience redraws meanwhile."""
    ticks: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer(interval=FRAME_MS)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        ticks.append((now - last[0]) / 1e6 - FRAME_MS)
        last[0] = now

    redraws = [0]

    def painted(_index: int) -> None:
        redraws[0] += 1

    if session is not None:
        session.audience.view.painted.connect(painted)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    spin_for(seconds)
    timer.stop()
    if session is not None:
        session.audience.view.painted.disconnect(painted)
    return ticks[1:], redraws[0]


def describe(label: str, values: list[float]) -> dict[str, float]:
    result = {
        "median": round(statistics.median(values), 2),
        "p95": round(percentile(values, 0.95), 2),
        "p99": round(percentile(values, 0.99), 2),
        "max": round(max(values), 2),
    }
    print(f"{label}: " + ", ".join(f"{k} {v}" for k, v in result.items()), file=sys.stderr)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=500)
    args = parser.parse_args()
    if wrk_missing():
        return 1
    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    result: dict[str, object] = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        session, live = presenting(Path(tmp))
        session.state.go(session.state.deck.slide_of_poll(POLL).index)
        live.control(POLL, PollAction.OPEN)
        live.control(POLL, PollAction.REVEAL)

        def shown() -> bool:
            found = live.polls.get(POLL)
            return found is not None and found.status.revealed

        spin_until(shown)

        result["vote_to_screen_ms"] = describe(
            "vote ack → audience repaint (ms)", vote_to_screen(session, args.rounds)
        )
        idle, _ = frame_lateness(args.seconds)
        result["timer_lateness_idle_ms"] = describe("16 ms timer lateness, no load", idle)
        # Load, not a count: 20,000 phones that change their votes are plenty.
        script = votes_script(
            Path(tmp) / "votes.lua", live.info.port, live.info.join_code, phones=20_000
        )
        load = wrk_in_background(live.info.port, script, args.connections, args.seconds + 2)
        spin_for(1.0)  # let wrk reach full speed first
        loaded, redraws = frame_lateness(args.seconds, session)
        output, _ = load.communicate(timeout=60)
        result["timer_lateness_load_ms"] = describe("16 ms timer lateness, under wrk load", loaded)
        result["redraws_per_s_under_load"] = round(redraws / args.seconds, 1)
        rate = result["wrk_votes_per_s_during"] = wrk_figure(output, "Requests/sec")
        if rate is None:
            print(f"wrk said: {output[-2000:]}", file=sys.stderr)
        print(f"audience redraws/s under load: {result['redraws_per_s_under_load']};"
              f" wrk: {rate} requests/s", file=sys.stderr)  # fmt: skip
        session.stop()
    finish("live_screen", result)


if __name__ == "__main__":
    sys.exit(main())
