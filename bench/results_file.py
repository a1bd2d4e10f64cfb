"""Where every benchmark leaves its figures: printed, and in bench/results/NAME.json."""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
# The libraries the figures depend on (the Qt binding, the parsers, the PDF makers,
# the server), as docs/benchmarks.md names them.
KEY_LIBRARIES = ("PySide6-Essentials", "Markdown", "pymdown-extensions", "PyYAML", "reportlab",
                 "rl_accel", "pypdfium2", "aiohttp")  # fmt: skip


def versions() -> dict[str, str]:
    """Python's and the key libraries' versions in this environment."""
    found = {"Python": platform.python_version()}
    for name in KEY_LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def report(name: str, result: dict[str, Any]) -> None:
    width = max(len(key) for key in result) + 2
    for key, value in result.items():
        print(f"{key:{width}} {value}")
    RESULTS.mkdir(exist_ok=True)
    measured = {**result, "versions": versions()}  # what the figures were measured with
    (RESULTS / f"{name}.json").write_text(json.dumps(measured, indent=2) + "\n")


def say_goals(result: dict[str, Any], goals: dict[str, float]) -> None:
    """Print whether each median meets its goal (milliseconds, "under")."""
    for name, goal in goals.items():
        verdict = "meets" if float(str(result[name])) < goal else "MISSES"
        print(f"{name}: {verdict} the goal of a median under {goal:.0f} ms")
