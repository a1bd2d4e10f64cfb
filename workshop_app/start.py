"""What the `impuls` command runs first: Ctrl-C at any moment ends it without a traceback.

Importing the command line and what it needs takes a few tenths of a second, and
a Ctrl-C in that time arrived as a bare KeyboardInterrupt with Python's traceback
(`workshop_app.cli.entry` catches it only once it runs). This module imports
nothing of ours until it is inside the guard.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C


def main() -> int:
    try:
        from workshop_app.cli import entry

        return entry()
    except KeyboardInterrupt:
        from workshop_app.i18n import tr  # small and pure: it has its words at once

        print(tr("cli.cancelled"), file=sys.stderr)
        return EXIT_INTERRUPTED
