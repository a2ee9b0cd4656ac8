"""Historical dates with honest precision: ``2001``, ``2001-05``, ``2001-05-02`` and spans ``A/B``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# Any four-digit year up to today (a debate may reach back centuries; "0193" is a typo, not a date).
EARLIEST_YEAR = 1000
_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = tuple(calendar.month_name)  # ("", "January", ...)


class DateError(ValueError):
    """A date string that is malformed, impossible or out of range."""


@dataclass(frozen=True, order=True)
class HistDate:
    """A date or span at the precision the sources allow.

    Ordering is by first possible day, then last possible day, so items sort chronologically.
    """

    start: date
    end: date
    text: str = field(compare=False)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def end_year(self) -> int:
        return self.end.year

    def __str__(self) -> str:
        return self.text

    @cached_property
    def label(self) -> str:
        """A human reading: ``16 April 2002``, ``March 2001``, ``19–24 August 2006``."""
        first, _, last = self.text.partition("/")
        if not last:
            return _label(first)
        a, b = _parts(first), _parts(last)
        if len(a) == len(b) == 3 and a[:2] == b[:2]:
            return f"{a[2]}–{b[2]} {MONTHS[a[1]]} {a[0]}"
        if len(a) == len(b) and a[0] == b[0] and len(a) > 1:
            return f"{_label(first, with_year=False)} – {_label(last)}"
        sep = "–" if len(a) == len(b) == 1 else " – "
        return f"{_label(first)}{sep}{_label(last)}"


def _parts(text: str) -> tuple[int, ...]:
    match = _PART.match(text)
    assert match is not None
    return tuple(int(g) for g in match.groups() if g is not None)


def _label(text: str, *, with_year: bool = True) -> str:
    parts = _parts(text)
    words = []
    if len(parts) == 3:
        words.append(str(parts[2]))
    if len(parts) >= 2:
        words.append(MONTHS[parts[1]])
    if with_year or len(parts) == 1:
        words.append(str(parts[0]))
    return " ".join(words)


def _bounds(text: str, latest_year: int) -> tuple[date, date]:
    match = _PART.match(text)
    if match is None:
        raise DateError(
            f"'{text}' is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2001, 2001-05, 2001-05-02)"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not EARLIEST_YEAR <= year <= latest_year:
        raise DateError(f"year {year} in '{text}' is outside {EARLIEST_YEAR}–{latest_year}")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        raise DateError(f"month {month:02d} in '{text}' does not exist")
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last_day)
    if not 1 <= day <= last_day:
        raise DateError(f"day {day:02d} in '{text}' does not exist ({MONTHS[month]} {year} has {last_day} days)")
    return date(year, month, day), date(year, month, day)


def parse_date(value: object, *, latest_year: int | None = None) -> HistDate:
    """Parse ``2001``, ``2001-05``, ``2001-05-02`` or a span ``2005-07-25/2005-08-20``."""
    if isinstance(value, HistDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, date):
        raise DateError(f'write the date as a quoted string, e.g. date = "{value.isoformat()}"')
    if not isinstance(value, str):
        raise DateError(f'expected a date string such as "2001-05-02", got {type(value).__name__}')
    text = value.strip()
    latest = latest_year if latest_year is not None else date.today().year
    if "/" in text:
        first, _, last = text.partition("/")
        start, _ = _bounds(first.strip(), latest)
        _, end = _bounds(last.strip(), latest)
        if end < start:
            raise DateError(f"the span '{text}' ends before it starts")
        text = f"{first.strip()}/{last.strip()}"
    else:
        start, end = _bounds(text, latest)
    return HistDate(start=start, end=end, text=text)
