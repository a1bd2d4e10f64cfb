"""A large meeting on one laptop: 2,000 phones against the real `serve`, 500 as the baseline.

    python -m bench.scale [--phones 2000] [--baseline 500] [--rounds 5] [--portable]

(a) Phones vote at once: each opens a connection and posts one vote at the same
    moment; the time until the last acknowledgement (goal < 1 s for 2,000). The
    baseline's burst alternates with the large one, round by round.
(b) A poll opening: the console opens a poll over HTTP, and the time runs from its
    request until the last phone following `/api/events` has the poll's event (p95
    over the rounds; goal < 300 ms for 2,000). First with the baseline's phones
    listening, then with all of them.
Beside the figures: the CPU the phones (the benchmark's own client) and each of
the server's processes spent in the bursts, so a reader sees that the figure is
the server's, and the server's memory with every phone listening (PSS, pages its
processes share counted once; RSS per process).

The server runs as it ships: a keeper that writes and one HTTP worker per core.
`--portable` runs it as on Windows (one process, the worker in a thread:
IMPULS_NO_FORK=1, as the tests force that path here). Phones are bench/phones.py's.
Medians over rounds; results go to bench/results/scale.json
(scale-portable.json with --portable).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.phones import Listeners, exchange, request_bytes, tickets, votes_at_once
from bench.results_file import report
from tests.support.serving import Server, start_server

POLL = "pflicht-vorher"  # the poll the phones vote in
OPENED = ("abwarten", "plattformen", "arbeitszeit", "zustaendig")  # the polls opened in (b)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def cpu_ms(processes: list[psutil.Process]) -> list[float]:
    return [sum(p.cpu_times()[:2]) * 1000 for p in processes]


@dataclass(frozen=True)
class Measured:
    last_ms: float  # until the last acknowledgement
    client_cpu_ms: float  # the phones' own cost
    server_cpu_ms: list[int]  # per server process: the keeper, then its workers


def burst(server: Server, phones: int, tag: str, processes: list[psutil.Process]) -> Measured:
    """One burst of `phones` fresh phones; last acknowledgement and who spent the CPU."""
    joined = asyncio.run(tickets(server.port, server.join_code, phones))
    before = cpu_ms(processes)
    done = votes_at_once(server.port, server.join_code, POLL, joined, tag)
    spent = [round(b - a) for a, b in zip(before, cpu_ms(processes), strict=True)]
    if done.statuses != {200}:
        raise RuntimeError(f"not all acknowledged: {sorted(done.statuses)}")
    return Measured(done.last_s * 1000, done.client_cpu_s * 1000, spent)


async def poll_openings(server: Server, listeners: Listeners | Room, rounds: int) -> list[float]:
    """Milliseconds from the console's "open" sent until the last phone heard it (phones
    hear of it before the console's answer: the keeper tells the workers first)."""
    times: list[float] = []
    auth = {"Authorization": f"Bearer {server.token}"}
    for n in range(rounds):
        poll = OPENED[n % len(OPENED)]
        for action in ("open", "close"):
            call = request_bytes(server.port, "POST", f"/api/polls/{poll}/{action}", headers=auth)
            began = time.perf_counter()
            status, _ = await exchange(server.port, call)
            if status != 200:
                raise RuntimeError(f"{action} {poll}: {status}")
            heard = await listeners.everyone_heard(poll, action)
            if action == "open":
                times.append((max(heard) - began) * 1000)
            await asyncio.sleep(0.05)
    return times


def memory(processes: list[psutil.Process]) -> dict[str, object]:
    infos = [p.memory_full_info() for p in processes]
    return {"pss_mb": round(sum(i.pss for i in infos) / 2**20, 1),
            "rss_mb": [round(i.rss / 2**20, 1) for i in infos]}  # fmt: skip


async def listening(
    server: Server, processes: list[psutil.Process], counts: tuple[int, int], rounds: int
) -> tuple[list[float], list[float], dict[str, object]]:
    """Poll openings heard by the baseline's phones, then by all; and the server's memory."""
    memories: dict[str, object] = {"memory_idle": memory(processes)}
    small, large = counts
    joined = await tickets(server.port, server.join_code, large)
    first = Listeners(server.port, joined[:small])
    await first.start()
    baseline = await poll_openings(server, first, rounds)
    memories[f"memory_{small}_listening"] = memory(processes)
    rest = Listeners(server.port, joined[small:])
    await rest.start()
    opened = await poll_openings(server, Room(first, rest), rounds)
    memories[f"memory_{large}_listening"] = memory(processes)
    first.close()
    rest.close()
    return opened, baseline, memories


class Room:
    """Groups of listeners heard as one room."""

    def __init__(self, *groups: Listeners) -> None:
        self.groups = groups

    async def everyone_heard(self, poll: str, action: str) -> list[float]:
        heard = await asyncio.gather(*(g.everyone_heard(poll, action) for g in self.groups))
        return [when for group in heard for when in group]


def describe(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--openings", type=int, default=20)
    parser.add_argument("--portable", action="store_true", help="one process, as on Windows")
    args = parser.parse_args()
    if args.portable:
        os.environ["IMPULS_NO_FORK"] = "1"  # the server inherits it
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # the phones' sockets
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))
    folder = Path(tempfile.mkdtemp())
    server = start_server(folder / "scale.impuls")
    keeper = psutil.Process(server.process.pid)
    processes = [keeper, *keeper.children()]
    result: dict[str, object] = {
        "cores": os.cpu_count(),
        "path": "portable (one process)" if args.portable else "fork",
        "server_processes": len(processes),
        "phones": args.phones,
        "baseline_phones": args.baseline,
    }
    try:
        server.control(POLL, "open")
        small: list[Measured] = []
        large: list[Measured] = []
        for r in range(args.rounds):
            small.append(burst(server, args.baseline, f"s{r}-", processes))
            large.append(burst(server, args.phones, f"l{r}-", processes))
            time.sleep(0.3)
        medians = {}
        for name, runs in (("baseline_", small), ("", large)):
            medians[name] = statistics.median(b.last_ms for b in runs)
            result[f"{name}at_once_last_ack_median_ms"] = round(medians[name], 1)
            result[f"{name}at_once_last_ack_max_ms"] = round(max(b.last_ms for b in runs), 1)
            result[f"{name}at_once_client_cpu_median_ms"] = round(
                statistics.median(b.client_cpu_ms for b in runs)
            )
            result[f"{name}at_once_server_cpu_ms"] = [b.server_cpu_ms for b in runs]
        result["at_once_ratio_to_baseline"] = round(medians[""] / medians["baseline_"], 2)
        opened, baseline, memories = asyncio.run(
            listening(server, processes, (args.baseline, args.phones), args.openings)
        )
        result["poll_open_to_last_phone_ms"] = describe(opened)
        result["baseline_poll_open_to_last_phone_ms"] = describe(baseline)
        result["poll_open_p95_ratio_to_baseline"] = round(
            percentile(opened, 0.95) / percentile(baseline, 0.95), 2
        )
        result |= memories
    finally:
        server.stop()
    report("scale-portable" if args.portable else "scale", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
