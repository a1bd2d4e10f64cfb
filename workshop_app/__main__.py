"""`python -m workshop_app` behaves like the `impuls` command."""

import sys

from workshop_app.start import main

sys.exit(main())
