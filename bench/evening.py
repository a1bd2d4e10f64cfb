"""Benchmark: an evening's talk switch, until every phone shows the next talk.

    .venv/bin/python -m bench.evening [--phones 500 2000] [--rounds 5]

The real `serve` with an evening's program (tests/support/evenings.py: three talks),
and phones as bench/phones.py makes them (a socket each, so the figure is the
server's): they join, follow the room's events, and show the next talk as phone.js
does: from the `talk` event itself, which carries the talk's title and state (no
phone asks for it; the room's questions follow as an event of their own).
Each round the presenter's POST /api/talk puts the next talk on; measured from
that request to each phone showing it: p95 and the last phone, medians over rounds,
and the presenter's answer (the talk on: the next session open). The same run's
500-phone figure is the baseline of the larger rooms.
Results go to bench/results/evening.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.phones import Listeners, tickets
from bench.results_file import report
from tests.support.evenings import evening_program
from tests.support.serving import start_server
from workshop_app.voting.messages import Event

TALKS = 3


class Room(Listeners):
    """Phones following the room; each shows the next talk as its `talk` event arrives."""

    def __init__(self, port: int, held: list[str]) -> None:
        super().__init__(port, held)
        self.shown: list[float] = []
        self.all_shown: asyncio.Future[None] | None = None
        self.title = ""  # the next talk's, as the phones must show it

    def _heard(self, name: str, data: bytes, when: float) -> None:
        if name != Event.TALK:
            return
        if json.loads(data)["title"] != self.title:
            raise RuntimeError(f"a phone was told another talk: {data[:200]!r}")
        self.shown.append(when)
        if len(self.shown) >= len(self.tickets) and self.all_shown and not self.all_shown.done():
            self.all_shown.set_result(None)

    async def switch(self, base: str, token: str, index: int) -> tuple[float, list[float]]:
        """The presenter puts talk `index` on: its answer, and each phone showing it,
        in seconds from the request."""
        self.shown = []
        self.all_shown = asyncio.get_running_loop().create_future()
        self.title = f"Vortrag {index + 1}"  # tests/support/evenings.py's decks
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession() as presenter:
            began = time.perf_counter()
            async with presenter.post(f"{base}/api/talk", json={"talk": index},
                                      headers=headers) as answer:  # fmt: skip
                if answer.status != 200:
                    raise RuntimeError(f"the switch was refused: {await answer.text()}")
                answered = time.perf_counter() - began
        await asyncio.wait_for(self.all_shown, 120)
        return answered, [at - began for at in self.shown]


async def evening(port: int, code: str, token: str, phones: int, rounds: int) -> dict[str, float]:
    room = Room(port, await tickets(port, code, phones))
    await room.start()
    base = f"http://127.0.0.1:{port}"
    answers, p95s, lasts = [], [], []
    try:
        for n in range(rounds):
            answered, shown = await room.switch(base, token, (n + 1) % TALKS)
            answers.append(answered)
            p95s.append(statistics.quantiles(shown, n=20)[-1])
            lasts.append(max(shown))
            await asyncio.sleep(1.0)  # a quiet room between two talks
    finally:
        room.close()
    return {
        f"switch_{phones}_p95_ms": round(statistics.median(p95s) * 1000, 1),
        f"switch_{phones}_last_ms": round(statistics.median(lasts) * 1000, 1),
        f"switch_{phones}_answered_ms": round(statistics.median(answers) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a stream and requests per phone
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))
    result: dict[str, object] = {"cores": os.cpu_count(), "rounds": args.rounds}
    with tempfile.TemporaryDirectory() as tmp:
        program = evening_program(Path(tmp) / "abend", talks=TALKS)
        for phones in args.phones:
            server = start_server(Path(tmp) / f"daten-{phones}", program)
            try:
                result |= asyncio.run(
                    evening(server.port, server.join_code, server.token, phones, args.rounds)
                )
            finally:
                server.stop()
    base = result.get("switch_500_p95_ms")
    for phones in args.phones:
        figure = result[f"switch_{phones}_p95_ms"]
        if phones != 500 and isinstance(base, float) and base and isinstance(figure, float):
            result[f"switch_{phones}_to_500_ratio"] = round(figure / base, 2)
    report("evening", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
