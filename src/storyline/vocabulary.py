"""Word lists more than one stage needs: honorifics, month and weekday names.

Kept here once, so that normalise (which capitalises a name after a title), extract
(which makes a titled name a person) and the date code cannot drift apart.
"""

from __future__ import annotations

# Personal honorifics: a capitalised word after one of these is a person's name.
HONORIFICS = frozenset({
    "sir", "dame", "lord", "lady", "baroness", "baron", "cllr", "councillor", "mr", "mrs", "ms",
    "miss", "dr", "prof", "professor", "rev", "reverend", "sheikh", "mx",
})  # fmt: skip
# Titles of office that also precede names ("President Macron"); not enough to make a person.
OFFICE_TITLES = frozenset({
    "president", "king", "queen", "prince", "princess", "pope", "judge", "justice", "general",
    "colonel", "captain",
})  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
