"""Where the bundled things live: inside the package, found the same way in a checkout
and in an installed wheel, whatever the working directory."""

from __future__ import annotations

import sys
from pathlib import Path

# The package's own data: themes, the phone page, the decks we ship. Every install
# Impuls supports (a wheel, editable, a PyInstaller folder) keeps the package on disk,
# its data beside its modules: so a Path from this file, which also spares every
# command importlib.resources (~5 ms, before `export` can fork its renderer).
PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
SLIDES_DIR = RESOURCES_DIR / "slides"
DEFAULT_DECK = SLIDES_DIR / "clash-of-cultures.md"
ICON = RESOURCES_DIR / "icons" / "impuls.svg"  # window, task bar, desktop entry
# The checkout (tests, benchmarks, tools); in an installed wheel it is site-packages.
ROOT = PACKAGE_DIR.parent


def impuls_command() -> list[str]:
    """How to start Impuls itself again (the voting server, the desktop entry).

    A frozen bundle (PyInstaller sets `sys.frozen`) is its own program; its
    interpreter does not take `-m`.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "workshop_app"]
