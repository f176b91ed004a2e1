"""Infer a publication date from the text when no metadata gives one.

News dates things relative to the day of publication ("on Thursday (October 26)"), so a
weekday named beside a day and month fixes the year: the most recent year in which that day
fell on that weekday, within the bounds the text itself sets:

- the latest year the text mentions bounds the date from below (an article that says "in
  2022" was written in 2022 or later), unless no weekday fits from there, when the next
  latest year is tried (a year can be a future one: "the 2030 target");
- a full date after "by", "until", "before" or "deadline" ("must happen by 28 January 2025")
  is still ahead, so it bounds the date from above; any other full date ("on 7 October 2023")
  has happened, so it bounds it from below;
- ``today`` (the day of analysis) bounds it from above.

The article is dated to the day that weekday names, give or take the week a news report looks
back or ahead over; the reason says so. Without a weekday beside a date there is no such
evidence and the answer is None: a bound alone does not give a day, and inventing one would
claim a precision the text does not have.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.vocabulary import MONTHS, WEEKDAYS

_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_OPT_YEAR = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d)\b)?"
_PATTERNS = [
    re.compile(rf"\b{_WD}\s*,?\s*\(?\s*{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_OPT_YEAR}", re.I),
    re.compile(
        rf"\b{_WD}\s*,?\s*\(?\s*(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"{_MON}\b{_OPT_YEAR}",
        re.I,
    ),
]
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_FULL_DATE = re.compile(
    rf"(?P<lead>\b(?:by|until|till|before|deadline(?: of)?|due(?: on)?)\s+)?"
    rf"(?:{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON.replace('mon>', 'mon2>')}"
    rf"\s+(?P<year2>(?:19|20)\d\d))\b",
    re.I,
)
# A weekday in a news report is within about a week of the day of publication.
_WEEK = dt.timedelta(days=7)


def infer_published(text: str, today: dt.date | None = None) -> tuple[str, str] | None:
    """(ISO date, reason) from a weekday beside a day and month, or None (see module doc)."""
    today = today or dt.date.today()
    floor_date, ceiling = _bounds(text, today)
    years = sorted({int(y) for y in _YEAR.findall(text) if int(y) <= ceiling.year}, reverse=True)
    for floor in [*years, 1950]:
        found = _first_match(text, max(floor, floor_date.year), floor_date, ceiling)
        if found:
            return found
    return None


def _bounds(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """(earliest, latest) possible publication date from the full dates the text mentions."""
    floor = dt.date(1950, 1, 1)
    ceiling = today + _WEEK
    for m in _FULL_DATE.finditer(text):
        date = _full_date(m)
        if date is None:
            continue
        if m.group("lead"):
            ceiling = min(ceiling, date)
        elif date <= ceiling:
            floor = max(floor, date)
    if floor > ceiling:  # contradictory evidence: trust only today
        return dt.date(1950, 1, 1), today + _WEEK
    return floor, ceiling


def _full_date(m: re.Match[str]) -> dt.date | None:
    mon = (m.group("mon") or m.group("mon2") or "").lower()[:3]
    month = next((n + 1 for n, name in enumerate(MONTHS) if name.startswith(mon)), None)
    day = int(m.group("day") or m.group("day2"))
    year = int(m.group("year") or m.group("year2"))
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _first_match(text: str, floor: int, floor_date: dt.date, ceiling: dt.date) -> tuple[str, str] | None:
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            weekday = WEEKDAYS.index(m.group("wd").lower())
            mon = m.group("mon").lower()[:3]
            month = next(n + 1 for n, name in enumerate(MONTHS) if name.startswith(mon))
            day = int(m.group("day"))
            if m.group("year"):
                year: int | None = _stated_year(weekday, month, day, int(m.group("year")))
            else:
                year = _year_for(weekday, month, day, floor, floor_date, ceiling)
            if year is None:
                continue
            named = m.group().strip()
            if m.group("year"):
                reason = f"inferred: the text names '{named}'; published within about a week of it"
            else:
                reason = (
                    f"inferred: '{named}' falls on a {m.group('wd').title()} in {year} (the latest such "
                    f"year not after {ceiling.isoformat()} nor before {floor}); published within about "
                    "a week of it, so the day is approximate"
                )
            return dt.date(year, month, day).isoformat(), reason
    return None


def _stated_year(weekday: int, month: int, day: int, year: int) -> int | None:
    """A weekday with a full date is evidence only if the two agree."""
    try:
        return year if dt.date(year, month, day).weekday() == weekday else None
    except ValueError:
        return None


def _year_for(
    weekday: int, month: int, day: int, floor: int, floor_date: dt.date, ceiling: dt.date
) -> int | None:
    for year in range(ceiling.year, floor - 1, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() != weekday:
            continue
        # The weekday names a day within a week or so of publication, which lies in the bounds.
        if candidate - _WEEK <= ceiling and candidate + _WEEK >= floor_date:
            return year
    return None
