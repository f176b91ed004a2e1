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

# Number words up to ninety; each extractor adds the phrases it reads ("a dozen", "million").
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
