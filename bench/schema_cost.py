"""Benchmark: what checking every body against the OpenAPI document costs the vote path.

    .venv/bin/python -m bench.schema_cost --before /tmp/before [--rounds 3] [--seconds 5]

`--before` is a checkout of the code without the check (`git worktree add /tmp/before
<commit>`). Its `serve` and this checkout's take turns, round by round on the same
machine, each with a fresh session: bench/votes.py's 500 phones voting at once
(median time to the last acknowledgement) and its sustained durable votes/s with
`wrk`. Medians over the rounds, and after / before. The issue's bound: at most 10 %.
Results go to bench/results/schema_cost.json.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

from bench.results_file import report
from bench.votes import POLL, phones_at_once, stored_votes, votes_script, wrk
from tests.support.serving import start_server

ROOT = Path(__file__).resolve().parent.parent


def one_round(
    checkout: Path, folder: Path, args: argparse.Namespace, tag: str
) -> tuple[float, float]:
    """(seconds to the last of the phones' acknowledgements, durable votes/s)."""
    server = start_server(
        folder / f"{tag}.impuls", impuls=(sys.executable, str(checkout / "main.py"))
    )
    try:
        server.control(POLL, "open")
        burst = asyncio.run(phones_at_once(server.port, server.join_code, args.phones, tag))
        script = votes_script(
            folder / f"{tag}.lua", server.port, server.join_code, args.seconds * 12_000
        )
        before = stored_votes(server)
        votes = wrk(server.port, script, args.seconds, args.connections)
        if stored_votes(server) - before < votes["requests"] - votes["non_2xx"]:
            raise RuntimeError("acknowledged votes are missing from the store")
        return burst, votes["per_second"]
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--connections", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    runs: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    for r in range(args.rounds):  # in turns: a busy moment of the machine hits both
        for name, checkout in (("before", args.before), ("after", ROOT)):
            runs[name].append(one_round(checkout, folder, args, f"{name}{r}"))
    result: dict[str, object] = {"rounds": args.rounds, "wrk_seconds": args.seconds}
    for name, measured in runs.items():
        result[f"{name}_all_acked_median_ms"] = round(
            statistics.median(b for b, _ in measured) * 1000, 1
        )
        result[f"{name}_durable_votes_per_s"] = round(statistics.median(v for _, v in measured))
    result["votes_per_s_after_to_before"] = round(
        float(str(result["after_durable_votes_per_s"]))
        / float(str(result["before_durable_votes_per_s"])),
        3,
    )
    result["all_acked_after_to_before"] = round(
        float(str(result["after_all_acked_median_ms"]))
        / float(str(result["before_all_acked_median_ms"])),
        3,
    )
    report("schema_cost", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
