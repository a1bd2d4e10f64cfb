"""Benchmark: the minutes (Protokoll) of the handout benchmark's session, against its handout.

    .venv/bin/python -m bench.minutes [--runs 5]

The deck and session of bench/handout.py (40 slides, 10 polls, 500 voters). Times
the whole `impuls minutes SESSION --docx` and `--pdf` processes (start-up and
imports included, as a secretary runs them) and, in the same run and interleaved,
`impuls export SESSION --pdf`, the handout: the figure the minutes stand against.
Medians of the runs; results go to bench/results/minutes.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.handout import make_deck, make_session, timed
from bench.results_file import report

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--voters", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="impuls-bench-"))
    deck = folder / "benchmark.md"
    deck.write_text(make_deck(40, 10), encoding="utf-8")
    session = folder / "benchmark.impuls"
    make_session(deck, session, args.voters)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "workshop_app")],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    impuls = [sys.executable, str(ROOT / "main.py")]
    commands = {
        "minutes_docx": [*impuls, "minutes", str(session), "--docx", str(folder / "p.docx")],
        "minutes_pdf": [*impuls, "minutes", str(session), "--pdf", str(folder / "p.pdf")],
        "handout_export": [*impuls, "export", str(session), "--pdf", str(folder / "h.pdf")],
    }
    for command in commands.values():
        timed(command)  # once each to warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved: a slow minute slows all three alike
        for name, command in commands.items():
            times[name].append(timed(command))
    result: dict[str, object] = {"cores": os.cpu_count(), "runs": args.runs,
                                 "voters": args.voters}  # fmt: skip
    for name, seconds in times.items():
        result[f"{name}_median_s"] = round(statistics.median(seconds), 3)
    handout = statistics.median(times["handout_export"])
    for name in ("minutes_docx", "minutes_pdf"):
        result[f"{name}_to_handout_ratio"] = round(statistics.median(times[name]) / handout, 2)
    report("minutes", result)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
