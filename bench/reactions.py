"""Reactions from a room of 500 phones: tap to projector, and the GUI's frame timer meanwhile.

Runs the real app pieces offscreen (bench/live_screen.py's presenting session with
its real `serve` child process) on a text slide. `wrk` is the room: 500
connections, one phone each in turn, each tapping 👏, ❤️ or 😂 every 500 ms, so
about 1,000 taps a second for the whole run. Meanwhile:

(a) Frame timer: a 16 ms Qt timer on the GUI thread while the taps come in and the
    projector's lane animates them; lateness as bench/live_screen.py measures it.
    Also counts the reactions events the app hears per second (the server
    gathers: at most ten a second, never one per tap).
(b) Tap to projector: a probe phone taps 🤔 (which the room does not use) and we
    time from its acknowledgement to the audience window's lane painting it.

    python bench/reactions.py [--seconds 8] [--rounds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.live_screen import describe, finish, frame_lateness, presenting, spin_for, spin_until
from bench.votes import join_all, wrk_figure, wrk_in_background, wrk_missing
from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.session.reactions import Burst
from workshop_app.ui.presenting_session import PresentingSession

PHONES = 500
TAP_EVERY_MS = 500  # twice a second
PROBE = DEFAULT_REACTIONS[3]  # 🤔: the room taps the other three
# The room's taps: each wrk thread walks its half of the tickets, so each phone taps
# about every TAP_EVERY_MS; JSON escapes keep the Lua source ASCII.
WRK_TAPS = r"""
local counter = 0
local thread_id = 0
local EMOJI = {"\\ud83d\\udc4f", "\\u2764\\ufe0f", "\\ud83d\\ude02"}
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
delay = function() return DELAY end
request = function()
  counter = counter + 1
  local share = math.floor(#TICKETS / THREADS)
  local device = TICKETS[tid * share + counter % share + 1]
  local body = string.format('{"code":"%s","device":"%s","emoji":"%s"}',
    CODE, device, EMOJI[counter % 3 + 1])
  return wrk.format("POST", "/api/reactions", {["Content-Type"] = "application/json"}, body)
end
"""


def taps_script(path: Path, tickets: list[str], code: str) -> Path:
    listed = path.with_suffix(".tickets")
    listed.write_text("\n".join(tickets) + "\n")
    path.write_text(
        f'CODE = "{code}"\nTHREADS = 2\nDELAY = {TAP_EVERY_MS}\nTICKETS = {{}}\n'
        f'for line in io.lines("{listed}") do TICKETS[#TICKETS + 1] = line end\n' + WRK_TAPS
    )
    return path


def tap(port: int, code: str, ticket: str, emoji: str) -> float:
    """One tap; the perf_counter time of its acknowledgement."""
    body = json.dumps({"code": code, "device": ticket, "emoji": emoji})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/api/reactions", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    acked = time.perf_counter()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"tap refused: {response.status}")
    return acked


def tap_to_projector(
    session: PresentingSession, tickets: list[str], rounds: int
) -> tuple[list[float], list[float]]:
    """Each probe's acknowledgement → the lane painted with it; and → the app heard it."""
    live = session.live
    assert live is not None
    lane = session.audience.reactions
    seen: list[tuple[float, int]] = []
    arrived: list[float] = []

    def on_paint() -> None:
        seen.append((time.perf_counter(), lane.shown.get(PROBE, 0)))

    def on_burst(burst: Burst) -> None:
        if PROBE in burst.taps:
            arrived.append(time.perf_counter())

    lane.painted.connect(on_paint)
    live.reactions_arrived.connect(on_burst)
    delays: list[float] = []
    heard: list[float] = []
    for n in range(rounds):
        before = lane.shown.get(PROBE, 0)
        acked: list[float] = []

        def probe(ticket: str = tickets[n], acked: list[float] = acked) -> None:
            acked.append(tap(live.info.port, live.info.join_code, ticket, PROBE))

        phone = threading.Thread(target=probe)
        phone.start()

        def painted(before: int = before) -> bool:
            return any(count > before for _, count in seen)

        spin_until(painted)
        phone.join()
        shown = min(t for t, count in seen if count > before)
        delays.append((shown - acked[0]) * 1000)
        heard.append((arrived[0] - acked[0]) * 1000)
        seen.clear()
        arrived.clear()
        spin_for(0.2)
    lane.painted.disconnect(on_paint)
    live.reactions_arrived.disconnect(on_burst)
    return delays, heard


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    if wrk_missing():
        return 1
    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    result: dict[str, object] = {"cores": os.cpu_count(), "phones": PHONES,
                                 "taps_per_phone_per_s": 1000 / TAP_EVERY_MS}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        session, live = presenting(Path(tmp))
        text_slide = next(s.index for s in session.state.deck.slides if not s.polls)
        session.state.go(text_slide)
        session.audience.resize(1920, 1080)
        spin_until(lambda: session.audience.reactions.lane() is not None)
        port, code = live.info.port, live.info.join_code
        room = asyncio.run(join_all(port, code, PHONES))  # not on the clock
        probes = asyncio.run(join_all(port, code, args.rounds))
        events: list[float] = []

        def heard(_burst: Burst) -> None:
            events.append(time.monotonic())

        live.reactions_arrived.connect(heard)
        idle, _ = frame_lateness(args.seconds)
        result["timer_lateness_idle_ms"] = describe("16 ms timer lateness, no load", idle)
        script = taps_script(Path(tmp) / "taps.lua", room, code)
        probing = args.rounds * 0.35 + 10  # the probes' time under load, generously
        load = wrk_in_background(port, script, PHONES, args.seconds + probing + 2)
        spin_for(1.5)  # every connection open and tapping
        began, events[:] = time.monotonic(), []
        loaded, redraws = frame_lateness(args.seconds, session)
        result["events_per_s"] = round(len(events) / (time.monotonic() - began), 1)
        result["timer_lateness_load_ms"] = describe("16 ms timer lateness, 500 phones tap", loaded)
        result["audience_paints_per_s"] = round(redraws / args.seconds, 1)
        painted, server_part = tap_to_projector(session, probes, args.rounds)
        result["tap_to_projector_ms"] = describe(
            "probe tap ack → lane painted, under the room's taps (ms)", painted
        )
        # Where the time goes: the server's part (gathering, the event stream) …
        result["tap_to_app_heard_ms"] = describe(
            "probe tap ack → the app heard it (ms)", server_part
        )
        load.send_signal(signal.SIGINT)  # wrk stops and prints its figures
        output, _ = load.communicate(timeout=60)
        rate = result["wrk_taps_per_s"] = wrk_figure(output, "Requests/sec")
        refused = result["wrk_refused"] = int(wrk_figure(output, "Non-2xx") or 0)
        print(f"reactions events/s heard by the app: {result['events_per_s']};"
              f" wrk: {rate} requests/s, {refused} refused", file=sys.stderr)  # fmt: skip
        session.stop()
    finish("reactions", result)


if __name__ == "__main__":
    sys.exit(main())
