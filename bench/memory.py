"""Benchmark: memory of the presenting app with a 200-slide deck and 500 voters.

    .venv/bin/python -m bench.memory [--slides 200] [--voters 500]

Runs the real presenting session offscreen with its real voting server, lets
500 phones vote on every poll, reveals each poll, goes through every slide
(so every slide is laid out and painted on both screens), and then reads the
resident set size (VmRSS, and the peak VmHWM) of the app and of its server
child. Baseline in the same run: a bare PySide6 program with one window.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results_file import report

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "tests" / "data" / "screens.json"

BARE = """
import os, sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Impuls"); label.resize(1920, 1080); label.show(); app.processEvents()
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(int(status["VmRSS"].split()[0]) // 1024, flush=True)
os._exit(0)
"""


def rss_mb(pid: int) -> tuple[int, int]:
    """(resident now, peak) in MB, from /proc."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(status["VmRSS"].split()[0]) // 1024, int(status["VmHWM"].split()[0]) // 1024


def server_pss_mb(keeper: int) -> tuple[int, int]:
    """(processes, proportional set size in MB) of the keeper and its forked workers.

    PSS splits pages the workers still share with the keeper (copy-on-write)
    between them, so the sum is what the server really costs; RSS would count
    those pages once per process.
    """
    children = Path(f"/proc/{keeper}/task/{keeper}/children").read_text().split()
    pids = [keeper, *map(int, children)]
    total_kb = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total_kb += int(line.split()[1])
    return len(pids), total_kb // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=200)
    parser.add_argument("--voters", type=int, default=500)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"
    bare = int(subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True,
                              check=True, env=os.environ).stdout.strip())  # fmt: skip

    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from bench.handout import make_deck
    from tests.support.serving import MANY_DEVICES, join
    from workshop_app.session.model import PollAction
    from workshop_app.ui.live import VotingSetup
    from workshop_app.ui.prepared import prepare_deck
    from workshop_app.ui.presenting_session import PresentingSession
    from workshop_app.ui.settings import Settings

    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    folder = Path(tempfile.mkdtemp(prefix="impuls-memory-"))
    deck_path = folder / "big.md"
    deck_path.write_text(make_deck(args.slides, args.slides // 10), encoding="utf-8")
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    setup = VotingSetup(folder / "big.impuls", host="127.0.0.1", port=0,
                        devices_per_address=MANY_DEVICES)  # fmt: skip
    session = PresentingSession(prepare_deck(deck_path), settings, voting=setup)
    session.start()
    loop = QEventLoop()

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    while session.live is None or not session.live.session_loaded:
        spin(0.05)
    live = session.live
    deck = session.state.deck
    tickets = [join(live.info.port, live.info.join_code) for _ in range(args.voters)]
    for poll in deck.polls:
        live.control(poll.id, PollAction.OPEN)
        spin(0.1)
        for v in range(args.voters):
            kind = poll.type.value
            choice: object = {"single": v % 4, "multiple": [v % 4], "ranking": [0, 1, 2, 3],
                              "scale": 1 + v % 5}.get(kind, f"Antwort {v % 37}")  # fmt: skip
            body = json.dumps({"code": live.info.join_code, "device": tickets[v],
                               "vote_id": f"{poll.id}-{v}", "choice": choice})  # fmt: skip
            connection = http.client.HTTPConnection("127.0.0.1", live.info.port)
            connection.request("POST", f"/api/polls/{poll.id}/votes", body,
                               {"Content-Type": "application/json"})  # fmt: skip
            connection.getresponse().read()
            connection.close()
        live.control(poll.id, PollAction.CLOSE)
        live.control(poll.id, PollAction.REVEAL)
    spin(1.0)
    for index in range(len(deck.slides)):  # every slide laid out and painted, results shown
        session.state.go(index)
        spin(0.02)
    spin(0.5)
    app_now, app_peak = rss_mb(os.getpid())
    server_pid = session.voting.process.processId() if session.voting else 0
    server_now, server_peak = rss_mb(server_pid) if server_pid else (0, 0)
    processes, server_pss = server_pss_mb(server_pid) if server_pid else (0, 0)
    result = {
        "cores": os.cpu_count(),
        "slides": len(deck.slides),
        "polls": len(deck.polls),
        "voters": args.voters,
        "app_rss_mb": app_now,
        "app_peak_mb": app_peak,
        "server_keeper_rss_mb": server_now,
        "server_keeper_peak_mb": server_peak,
        "server_processes": processes,
        "server_pss_mb": server_pss,
        "bare_pyside6_rss_mb": bare,
    }
    session.stop()
    report("memory", result)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: the figures are written


if __name__ == "__main__":
    sys.exit(main())
