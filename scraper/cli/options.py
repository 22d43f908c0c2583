"""What every command's options share: value types that say what they expect, dates, defaults.

Option types raise argparse.ArgumentTypeError with a message for the user ("must be 1 or more, not
0"), so argparse reports a bad value as a usage error (exit status 2) naming the option. Help
texts take their defaults from the config dataclasses (`default_of`), never from a copy.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..archive.capturefilter import DateBound, parse_date_bound
from ..errors import UsageError

SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
SIZE_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
DATE_METAVAR = "YYYY[-MM[-DD]]"


def default_of(config: type, name: str) -> Any:
    """The default of one field of a config dataclass, for a help text or an option's default."""
    for field in dataclasses.fields(config):
        if field.name == name:
            if field.default is not dataclasses.MISSING:
                return field.default
            if field.default_factory is not dataclasses.MISSING:
                return field.default_factory()
    raise KeyError(f"{config.__name__} has no field {name!r} with a default")


# The option types say what they expect when a value is not a number at all: argparse would
# otherwise name the function ("invalid _number value: 'abc'").
def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r} (e.g. 10)") from None


def number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a number: {text!r} (e.g. 0.5)")
    return value


def _checked(parse: Callable[[str], Any], allowed: Callable[[Any], bool], requirement: str) -> Callable[[str], Any]:
    """An option type: what `parse` reads, refused unless `allowed` ("must be 1 or more, not 0")."""
    def option_type(text: str) -> Any:
        value = parse(text)
        if not allowed(value):
            shown = value if isinstance(value, int) else f"{value:g}"
            raise argparse.ArgumentTypeError(f"must be {requirement}, not {shown}")
        return value
    return option_type


positive_int = _checked(whole_number, lambda value: value >= 1, "1 or more")
non_negative_int = _checked(whole_number, lambda value: value >= 0, "0 or more")
non_negative_float = _checked(number, lambda value: value >= 0, "0 or more")
positive_float = _checked(number, lambda value: value > 0, "more than 0")


def size(text: str) -> int:
    """A byte count: 1048576, 512K, 20M or 1G."""
    match = SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 500000, 512K, 20M)")
    value = int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return value


def shown_size(value: int) -> str:
    """20971520 as "20M": the form `size` reads."""
    for unit in ("g", "m", "k"):
        if value % SIZE_UNITS[unit] == 0:
            return f"{value // SIZE_UNITS[unit]}{unit.upper()}"
    return str(value)


def date_bound(text: str) -> DateBound:
    """A --from/--to value: YYYY, YYYY-MM or YYYY-MM-DD (or the same without dashes), naming a whole
    year, month or day, for every command."""
    try:
        return parse_date_bound(text)
    except UsageError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def first_day(bound: DateBound | None) -> str | None:
    """The first day of the period, YYYY-MM-DD."""
    return None if bound is None else bound.first.date().isoformat()


def last_day(bound: DateBound | None) -> str | None:
    """The last day of the period, YYYY-MM-DD: `--to 2024` runs to 2024-12-31."""
    return None if bound is None else (bound.after - timedelta(days=1)).date().isoformat()


def count(number: int, noun: str, plural: str | None = None) -> str:
    """"1 file", "2 files": the noun in the plural unless there is exactly one."""
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"
