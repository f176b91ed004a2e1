"""Words and regular-expression pieces of the time-expression grammar: month, weekday, number, unit,
season and day-part names with their TIMEX3 codes, and the named regex groups the rules share.
"""

from __future__ import annotations

import re

from storyline.vocabulary import NUMBER_WORDS

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}


WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


NUMBERS: dict[str, float] = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "hundred": 100,
    "a hundred": 100,
    "a couple of": 2,
    "a couple": 2,
    "twenty four": 24,
    "twenty-four": 24,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
}


UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
}


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI"}


SET_WORDS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "nightly": "P1D",
    "hourly": "PT1H",
}


REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "the past": "PAST_REF",
    "recent years": "PAST_REF",
    "recent days": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "the years to come": "FUTURE_REF",
    "the months and years to come": "FUTURE_REF",
    # 'this time' in news contrasts the present occasion with earlier ones.
    "this time": "PRESENT_REF",
}


# 'since the start of the war': a beginning the text names only by its event.
EVENT_START = re.compile(r"the (?:start|beginning|outbreak) of the \w+")


MON_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))


MON = r"(?P<mon>" + MON_WORD + r")\.?"


WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"


PART = r"(?P<part>morning|afternoon|evening|night)"


YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"


NUM = (
    r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + ")"
)


UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"


# Calendar dates spaCy sometimes misses when they modify a noun ('the Aug. 7 bombings').
WD_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


HALF_DATE = {"Y": "6M", "M": "15D", "D": "T12H"}


HALF_TIME = {"H": "30M", "M": "30S"}
