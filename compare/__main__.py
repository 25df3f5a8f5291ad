"""`python -m compare` runs the storydiff command line."""

import sys

from .cli import main

sys.exit(main())
