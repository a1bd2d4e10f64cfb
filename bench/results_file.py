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
