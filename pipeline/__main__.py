"""Run the command-line interface with `python -m pipeline`."""

import sys

from pipeline.cli import main

sys.exit(main())
