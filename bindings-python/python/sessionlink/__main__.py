"""`python -m sessionlink ...`: the `sessionlink` command line (see `sessionlink --help`)."""

from __future__ import annotations

import sys

from sessionlink.cli import main

if __name__ == "__main__":
    sys.exit(main())
