"""`python -m scraper`: the `scraper` command line."""
import sys

from .cli import main

sys.exit(main())
