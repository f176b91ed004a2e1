"""Infer a publication date from the text when no metadata gives one.

News dates relative to the day of publication ("on Thursday (October 26)"), so a weekday named
beside a day and month fixes the year: the most recent year, not after ``today``, in which that
day fell on that weekday, and not before the latest year the text mentions in the past tense.
The article is dated to that day; the reason says so. Without such evidence: None (no guess).
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.vocabulary import MONTHS, WEEKDAYS

_WEEKDAYS = WEEKDAYS
_MONTHS = MONTHS
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)"
_PATTERNS = [
    re.compile(
        rf"\b{_WD}\s*,?\s*\(?\s*{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.I
    ),
    re.compile(
        rf"\b{_WD}\s*,?\s*\(?\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}\b(?!\s*,?\s*\d{{4}})", re.I
    ),
]
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def infer_published(text: str, today: dt.date | None = None) -> tuple[str, str] | None:
    """(ISO date, reason) from a weekday beside a day and month, or None."""
    today = today or dt.date.today()
    # The latest year mentioned bounds the date from below, unless it is a future deadline
    # ("by 28 January 2025"): then the next latest is tried.
    years = sorted({int(y) for y in _YEAR.findall(text) if int(y) <= today.year}, reverse=True)
    for floor in [*years, 1990]:
        found = _first_match(text, floor, today)
        if found:
            return found
    return None


def _first_match(text: str, floor: int, today: dt.date) -> tuple[str, str] | None:
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            weekday = _WEEKDAYS.index(m.group("wd").lower())
            month = _MONTHS.index(m.group("mon").lower()) + 1
            day = int(m.group("day"))
            year = _year_for(weekday, month, day, floor, today)
            if year is not None:
                found = dt.date(year, month, day)
                reason = (
                    f"inferred: '{m.group().strip()}' falls on a {m.group('wd').title()} in {year} "
                    f"(the latest such year up to {today.year}, not before {floor})"
                )
                return found.isoformat(), reason
    return None


def _year_for(weekday: int, month: int, day: int, floor: int, today: dt.date) -> int | None:
    for year in range(today.year, floor - 1, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday and candidate <= today + dt.timedelta(days=7):
            return year
    return None
