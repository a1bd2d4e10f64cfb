"""Start Impuls from a checkout: `python main.py --help`."""

import sys

from workshop_app.start import main

if __name__ == "__main__":
    sys.exit(main())
