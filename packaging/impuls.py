"""The bundle's program: what `impuls` (the console script) runs, for PyInstaller."""

from workshop_app.start import main

raise SystemExit(main())
