"""The `impuls` command as a user runs it: `python main.py …` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workshop_app.paths import ROOT


def impuls(
    *args: object, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
