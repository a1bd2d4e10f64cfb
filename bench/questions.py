"""Questions from the room: upvote bursts, and an approval reaching every phone and the projector.

Runs the real app offscreen (a presenting session that starts the real `serve`
child process and paints the audience window) with 500 phones following the
room over Server-Sent Events, in a thread of their own (aiohttp). Then:

(a) 500 phones upvote one question at the same moment: seconds until the last
    acknowledgement. Baseline in the same run: 500 phones voting at once.
(b) The speaker approves a question (over HTTP, as the console does): from the
    approval's acknowledgement until the last of the 500 phones has it in its
    event, and until the audience window has painted it on the "Ihre Fragen"
    slide. Baseline in the same run: a poll opening, until the last phone hears
    of it (poll events are not throttled).

    python -m bench.questions [--phones 500] [--rounds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
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
from bench.room import Room
from bench.votes import phones_at_once

POLLS = ("abwarten", "plattformen", "arbeitszeit", "zustaendig", "staerke", "gegenargument")


def call(port: int, method: str, path: str, body: object, *, token: str | None = None) -> float:
    """An HTTP call as a phone or the console makes it; the time of its answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    answer = response.read()
    answered = time.perf_counter()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {answer[:200]!r}")
    return answered


def poll_open_to_phones(room: Room, port: int, token: str, rounds: int) -> list[float]:
    """The baseline of the room's benchmarks: a poll opened by the console until the
    last of the phones heard of it, every poll of the deck `rounds` times (ms each)."""
    times: list[float] = []
    for poll in POLLS * rounds:
        room.heard_poll.pop(poll, None)
        acked = call(port, "POST", f"/api/polls/{poll}/open", None, token=token)
        spin_until(partial(lambda p: room.everyone(room.heard_poll[p]), poll))
        times.append((max(room.heard_poll[poll]) - acked) * 1000)
        spin_for(0.05)
    return times


def upvotes_at_once(room: Room, port: int, question: int, tickets: list[str], tag: str) -> float:
    async def burst() -> float:
        start = asyncio.Event()
        url = f"{room.base}/api/questions/{question}/upvotes"

        async def one(n: int) -> int:
            body = {"code": room.code, "device": tickets[n], "upvote_id": f"{tag}{n}",
                    "up": True}  # fmt: skip
            await start.wait()
            async with room.session.post(url, json=body) as response:
                await response.read()
                return response.status

        tasks = [asyncio.create_task(one(n)) for n in range(len(tickets))]
        await asyncio.sleep(0.2)  # every phone at the start line
        began = time.perf_counter()
        start.set()
        statuses = await asyncio.gather(*tasks)
        if set(statuses) != {200}:
            raise RuntimeError(f"not all acknowledged: {sorted(set(statuses))}")
        return time.perf_counter() - began

    return float(room.run(burst()))  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    args = parser.parse_args()
    _app = QApplication(sys.argv[:1])  # kept alive until os._exit
    result: dict[str, object] = {"cores": os.cpu_count(), "phones": args.phones}
    with tempfile.TemporaryDirectory() as tmp:
        session, live = presenting(Path(tmp))
        port, code, token = live.info.port, live.info.join_code, live.info.presenter_token
        listing = next(s.index for s in session.state.deck.slides if s.questions is not None)
        session.state.go(listing)
        room = Room(port, code, args.phones)
        room.start()
        spare = room.tickets[args.phones :]  # phones that ask, apart from the listeners

        asked: list[int] = []
        for n in range(args.rounds + args.bursts):
            body = {"code": code, "device": spare[n], "ask_id": f"q{n}",
                    "text": f"Frage Nummer {n}: Wie machen wir das im Betrieb?"}  # fmt: skip
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("POST", "/api/questions", json.dumps(body),
                               {"Content-Type": "application/json"})  # fmt: skip
            asked.append(json.loads(connection.getresponse().read())["question"])
            connection.close()

        # (b) approval → every phone and the projector, and its baseline
        view = session.audience.view
        painted: list[tuple[float, frozenset[int]]] = []

        def on_paint(_index: int) -> None:
            shown = frozenset(q.id for q in session.slideshow.questions if q.state == "approved")
            painted.append((time.perf_counter(), shown))

        view.painted.connect(on_paint)
        to_phones: list[float] = []
        to_screen: list[float] = []
        for question in asked[: args.rounds]:
            painted.clear()
            acked = call(port, "POST", f"/api/questions/{question}/approve", None, token=token)
            spin_until(partial(lambda q: any(q in shown for _, shown in painted), question))
            spin_until(partial(lambda q: room.everyone(room.heard_question[q]), question))
            on_screen = min(t for t, shown in painted if question in shown)
            to_screen.append((on_screen - acked) * 1000)
            to_phones.append((max(room.heard_question[question]) - acked) * 1000)
            spin_for(0.3)  # more than the phones' 250 ms throttle: each approval on its own
        view.painted.disconnect(on_paint)
        poll_open = poll_open_to_phones(room, port, token, 5)
        result["approval_to_last_phone_ms"] = describe("approval → last of the phones",
                                                       to_phones)  # fmt: skip
        result["approval_to_projector_ms"] = describe("approval → projector painted", to_screen)
        result["baseline_poll_open_to_last_phone_ms"] = describe(
            "baseline: poll opened → last of the phones", poll_open
        )
        result["approval_to_phones_ratio"] = round(
            statistics.median(to_phones) / statistics.median(poll_open), 2
        )

        # (a) upvote bursts, and 500 votes at once as the baseline
        open_question = asked[-1]
        call(port, "POST", f"/api/questions/{open_question}/approve", None, token=token)
        call(port, "POST", "/api/polls/pflicht-vorher/open", None, token=token)
        upvotes, votes = [], []
        for burst in range(args.bursts):
            voters = room.tickets[: args.phones]
            upvotes.append(upvotes_at_once(room, port, open_question, voters, f"b{burst}-"))
            votes.append(asyncio.run(phones_at_once(port, code, args.phones, f"v{burst}-")))
            spin_for(0.3)
        result["upvotes_at_once_last_ack_median_ms"] = round(statistics.median(upvotes) * 1000, 1)
        result["upvotes_at_once_last_ack_max_ms"] = round(max(upvotes) * 1000, 1)
        result["baseline_votes_at_once_last_ack_median_ms"] = round(
            statistics.median(votes) * 1000, 1
        )
        result["upvotes_to_votes_ratio"] = round(
            statistics.median(upvotes) / statistics.median(votes), 2
        )
        session.stop()
    finish("questions", result)


if __name__ == "__main__":
    sys.exit(main())
