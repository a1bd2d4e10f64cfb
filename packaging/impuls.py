"""The bundle's program: what `impuls` (the console script) runs, for PyInstaller."""

from workshop_app.cli import entry

raise SystemExit(entry())
