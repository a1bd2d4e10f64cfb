"""`python -m workshop_app` behaves like the `impuls` command."""

import sys

from workshop_app.cli import entry

sys.exit(entry())
