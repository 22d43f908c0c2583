"""The package version, in a module of its own: every other module imports it from here, so no
import goes through `scraper/__init__.py` (which imports most of the package)."""
__version__ = "0.1.0"
