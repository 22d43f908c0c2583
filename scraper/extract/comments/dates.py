"""When a comment was written, from what the page shows: ISO stamps, written-out dates in several
languages, numeric dates, and relative ages ("2 days ago", "vor 3 Stunden").

Comment dates come in a few dozen shapes, and a page repeats one shape for every comment, so fast
patterns come first; dateparser (tens of milliseconds a call, seconds for the first) is only the
fallback, and a page gets a small budget of fallback calls: when a shape defeats the patterns
once it usually defeats them for every comment of the page.

The result is ISO 8601 in the page's own time: an offset only where the page gives one. A
relative age is resolved against the capture time when it is known, and is otherwise unknown.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..months import month_number

# A date string longer than this is prose, not a date line.
MAX_DATE_TEXT = 80
# dateparser calls allowed per page (see the module docstring).
FALLBACK_BUDGET = 2
# Two-digit years: "02.02.24" is 2024, "02.02.98" is 1998.
CENTURY_PIVOT = 69

MONTH_NAME = "(?P<month>[^\\W\\d_]{3,10})\\.?"

# Units of a relative age, by the words of several languages (plural and inflected forms too).
UNITS = {
    "second": "seconds", "sec": "seconds", "sekunde": "seconds", "seconde": "seconds", "segundo": "seconds",
    "minute": "minutes", "min": "minutes", "minuto": "minutes",
    "hour": "hours", "hr": "hours", "stunde": "hours", "heure": "hours", "hora": "hours", "std": "hours",
    "day": "days", "tag": "days", "jour": "days", "día": "days", "dia": "days", "giorno": "days",
    "week": "weeks", "woche": "weeks", "semaine": "weeks", "semana": "weeks", "settimana": "weeks",
    "month": "months", "monat": "months", "mois": "months", "mes": "months",
    "year": "years", "jahr": "years", "an": "years", "año": "years", "anno": "years",
}
UNIT_WORD = "(?P<unit>[^\\W\\d_]+)"
AMOUNT = "\\b(?P<amount>\\d+|an?|one|einem|einer|un|une)"

TIME = (r"(?:\D{0,12}?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
        r"\s*(?P<ampm>[ap]\.?\s?m\.?)?)?")
ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?")
PATTERNS = (
    # February 2, 2024 2:40 PM / Feb 2nd, 2024 at 2:40 pm
    re.compile(MONTH_NAME + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + TIME, re.I),
    # 2. Februar 2024 um 14:40 / 2 February 2024 at 14:40 / 2 de febrero de 2024
    re.compile(r"(?P<day>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:de\s+)?" + MONTH_NAME
               + r",?\s+(?:de\s+)?(?P<year>\d{4})" + TIME, re.I),
    # 02.02.2024 14:40 / 2/2/2024 (day first, the European order; a 13+ first field is a month swap)
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})[./] ?(?P<month>\d{1,2})[./] ?"
               r"(?P<year>\d{4}(?![\d:])|\d{2})(?![\d.]\d)" + TIME),
    # 2024/02/02 14:40
    re.compile(r"(?P<year>\d{4})[./](?P<month>\d{1,2})[./](?P<day>\d{1,2})" + TIME),
)
RELATIVE = (
    re.compile(AMOUNT + r"\s+" + UNIT_WORD + r"\s+ago\b", re.I),
    re.compile(r"\b(?:vor|il y a|hace|fa)\s+" + AMOUNT + r"\s+" + UNIT_WORD, re.I),
    re.compile(AMOUNT + r"\s+" + UNIT_WORD + r"\s+fa\b", re.I),
)
# A day and month with a clock time after them, no year: the current year's dates on many blogs.
YEARLESS = (
    re.compile(r"(?<!\d)\d{1,2}\.?\s*" + MONTH_NAME + r",?\s+(?:\D{0,6}\s)?\d{1,2}[:.]\d{2}(?![\d.:])", re.I),
    re.compile(MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\D{0,6}\s)?\d{1,2}[:.]\d{2}(?![\d.:])", re.I),
)
YESTERDAY = re.compile(r"^\s*(?:yesterday|gestern|hier|ayer|ieri)\b", re.I)
TODAY = re.compile(r"^\s*(?:today|heute|aujourd'hui|hoy|oggi)\b", re.I)
CLOCK = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?\s?m\.?)?", re.I)
HAS_YEAR = re.compile(r"\b\d{4}\b|\d[./]\d{1,2}[./]\d{2}\b")


@dataclass
class DateReader:
    """Reads the comment dates of one page; `fetched_at` resolves relative ages."""

    fetched_at: str | None = None
    month_first: bool = False  # 03/04/2013 is March 4 (a page in American English), else 3 April
    fallback_budget: int = FALLBACK_BUDGET
    _base: datetime | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.fetched_at:
            try:
                self._base = datetime.fromisoformat(self.fetched_at.replace("Z", "+00:00"))
            except ValueError:
                self._base = None

    def read(self, text: str | None, fallback: bool = True) -> str | None:
        """The ISO 8601 date in `text`, or None; by the fast patterns alone without `fallback`."""
        text = " ".join((text or "").split())
        if not text or len(text) > MAX_DATE_TEXT:
            return None
        if not any(c.isdigit() for c in text):  # "a day ago", "yesterday": only an age can be here
            return self.examine_relative(text)  # word amounts only: cannot overflow
        if CLOCK.fullmatch(text):
            return None  # a bare clock time: the day is elsewhere on the page, or unknown
        try:
            return (examine_iso(text) or examine_written(text, self.month_first) or self.examine_relative(text)
                    or (self.examine_with_dateparser(text) if fallback else None))
        except (ValueError, OverflowError):  # "99999 years ago", "yesterday at 99:99": no date
            return None

    def examine_relative(self, text: str) -> str | None:
        """An age ("2 days ago", "vor 3 Stunden", "yesterday at 14:40") against the capture time."""
        if self._base is None:
            return None
        for pattern in RELATIVE:
            match = pattern.search(text)
            if match:
                unit = unit_of(match["unit"])
                if unit is None:
                    continue
                amount = int(match["amount"]) if match["amount"].isdigit() else 1
                return before(self._base, amount, unit).isoformat()
        day = self._base - timedelta(days=1) if YESTERDAY.match(text) else self._base if TODAY.match(text) else None
        if day is None:
            return None
        clock = CLOCK.search(text)
        if clock:
            day = day.replace(hour=hour_of(clock["hour"], clock["ampm"]), minute=int(clock["minute"]),
                              second=0, microsecond=0)
        return day.isoformat()

    def shows_date(self, text: str | None) -> bool:
        """Whether `text` shows when a comment was written, by the fast patterns alone: a date, an
        age, or a day and month without the year ("12. Okt, 18:20"), which dates a comment though
        it resolves to no date. The cheap test for the many lines of a region searched for
        comment dates (no dateparser, no budget spent)."""
        text = " ".join((text or "").split())
        if not text or len(text) > MAX_DATE_TEXT or CLOCK.fullmatch(text):
            return False
        if self.shows_age(text):
            return True
        try:
            return bool(examine_iso(text) or examine_written(text, self.month_first) or shows_day_and_month(text))
        except (ValueError, OverflowError):
            return False

    def shows_age(self, text: str | None) -> bool:
        """Whether `text` is an age ("6 years ago", "gestern"), which dates a comment even where
        no capture time resolves it."""
        text = " ".join((text or "").split())
        if not text or len(text) > MAX_DATE_TEXT:
            return False
        if YESTERDAY.match(text) or TODAY.match(text):
            return True
        return any(unit_of(match["unit"]) for pattern in RELATIVE for match in [pattern.search(text)] if match)

    def examine_with_dateparser(self, text: str) -> str | None:
        """The slow fallback, within the page's budget; a bare age needs the capture time."""
        if self.fallback_budget <= 0 or (self._base is None and not HAS_YEAR.search(text)):
            return None
        self.fallback_budget -= 1
        import dateparser  # imported here: loading it costs a second that most pages never need

        settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
        if self._base is not None:
            settings["RELATIVE_BASE"] = self._base.replace(tzinfo=None)
        try:
            found = dateparser.parse(text, settings=settings)
        except (ValueError, OverflowError, TypeError):
            return None
        if found is None:
            return None
        self.fallback_budget += 1  # a shape it reads is worth reading on every comment
        return found.isoformat() if CLOCK.search(text) else found.date().isoformat()


def shows_day_and_month(text: str) -> bool:
    """A day and a month name with a clock time, the year left out: "12. Okt, 18:20", "Oct 12 at 6:20 pm"."""
    return any(month_number(match["month"]) is not None for pattern in YEARLESS for match in pattern.finditer(text))


def examine_iso(text: str) -> str | None:
    match = ISO.search(text)
    if not match:
        return None
    zone = match["zone"]
    if zone and zone != "Z" and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    return stamp(match, zone="+00:00" if zone == "Z" else zone)


def examine_written(text: str, month_first: bool = False) -> str | None:
    """A date with a month name or in numeric order, and its clock time if one follows."""
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            result = stamp(match, month_first=month_first and "/" in match.group())
            if result:
                return result
    return None


def stamp(match: re.Match, zone: str | None = None, month_first: bool = False) -> str | None:
    """The ISO text of a matched date, or None when the fields make no date."""
    parts = match.groupdict()
    month_text = parts["month"]
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    if month is None:
        return None
    day, year = int(parts["day"]), int(parts["year"])
    if year < 100:
        year += 1900 if year > CENTURY_PIVOT else 2000
    if month_text.isdigit() and (month_first and day <= 12 or month > 12 >= day):
        day, month = month, day  # 12/31/2024: the American order
    try:
        when = datetime(year, month, day)
        if parts.get("hour") is not None:
            when = when.replace(hour=hour_of(parts["hour"], parts.get("ampm")), minute=int(parts["minute"]),
                                second=int(parts["second"] or 0))
    except ValueError:
        return None
    if parts.get("hour") is None:
        return when.date().isoformat()
    return when.isoformat() + (zone or "")


def hour_of(hour: str, ampm: str | None) -> int:
    value = int(hour)
    if ampm:
        pm = ampm.lower().startswith("p")
        value = value % 12 + (12 if pm else 0)
    return value


def unit_of(word: str) -> str | None:
    """The timedelta unit a word names ("Tagen" -> days, "hrs" -> hours), or None."""
    word = word.lower()
    for length in range(len(word), 1, -1):
        unit = UNITS.get(word[:length])
        if unit:
            return unit
    return None


def before(moment: datetime, amount: int, unit: str) -> datetime:
    """`amount` units before `moment`; months and years on the calendar ("6 years ago" is the same day)."""
    if unit in ("months", "years"):
        months = moment.year * 12 + moment.month - 1 - amount * (12 if unit == "years" else 1)
        year, month = divmod(months, 12)
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day)
    return moment - timedelta(**{unit: amount})
