"""Follow-along: a slide change until all of 500 phones have the slide, and its size.

Runs the real app offscreen (a presenting session with its real `serve` child
process); 500 phones follow the room over Server-Sent Events in a thread of their
own (bench/room.py). Each round moves to the next slide as the console's key does
and times until the last phone's event holds that slide. Baseline in the same run:
a poll opening, until the last phone hears of it. Also the size of each slide's
event as a phone receives it (the shipped deck's text slides).

    python -m bench.follow [--phones 500] [--rounds 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.live_screen import describe, finish, presenting, spin_for, spin_until
from bench.questions import poll_open_to_phones
from bench.room import Room


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    result: dict[str, object] = {"cores": os.cpu_count(), "phones": args.phones}
    with tempfile.TemporaryDirectory() as tmp:
        session, live = presenting(Path(tmp))
        port, token = live.info.port, live.info.presenter_token
        room = Room(port, live.info.join_code, args.phones)
        room.start()
        state = session.state
        changes: list[float] = []
        for _ in range(args.rounds):
            target = state.index + 1 if state.index + 1 < state.count else 0
            room.heard_slide.pop(target, None)
            began = time.perf_counter()
            state.go(target)
            spin_until(partial(lambda t: room.everyone(room.heard_slide[t]), target))
            changes.append((max(room.heard_slide[target]) - began) * 1000)
            spin_for(0.2)
        poll_open = poll_open_to_phones(room, port, token, 3)
        result["slide_change_to_last_phone_ms"] = describe("slide change → last of the phones",
                                                           changes)  # fmt: skip
        result["baseline_poll_open_to_last_phone_ms"] = describe(
            "baseline: poll opened → last of the phones", poll_open
        )
        result["slide_to_poll_ratio"] = round(
            statistics.median(changes) / statistics.median(poll_open), 2
        )
        result["slide_event_bytes_median"] = round(statistics.median(room.slide_bytes))
        result["slide_event_bytes_max"] = max(room.slide_bytes)
        session.stop()
    finish("follow", result)


if __name__ == "__main__":
    sys.exit(main())
