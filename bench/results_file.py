"""Where every benchmark leaves its figures: printed, and in bench/results/NAME.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def report(name: str, result: dict[str, Any]) -> None:
    width = max(len(key) for key in result) + 2
    for key, value in result.items():
        print(f"{key:{width}} {value}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")


def say_goals(result: dict[str, Any], goals: dict[str, float]) -> None:
    """Print whether each median meets its goal (milliseconds, "under")."""
    for name, goal in goals.items():
        verdict = "meets" if float(str(result[name])) < goal else "MISSES"
        print(f"{name}: {verdict} the goal of a median under {goal:.0f} ms")
