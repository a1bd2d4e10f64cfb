"""Start Impuls from a checkout: `python main.py --help`."""

import sys

from workshop_app.cli import entry

if __name__ == "__main__":
    sys.exit(entry())
