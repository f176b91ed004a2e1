"""Word lists more than one stage needs: honorifics, month and weekday names, countries.

Kept here once, so that normalise (which capitalises a name after a title), extract
(which makes a titled name a person) and the date code cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

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
# Common nouns for groups of people that a story follows as one participant ("the migrants",
# "the caravan", "the protesters"); lemmas. Deliberately not the nouns every story has several
# of ("officials", "lawyers", "residents", "leaders").
GROUP_NOUNS = frozenset({
    "migrant", "immigrant", "refugee", "seeker", "protester", "protestor", "demonstrator",
    "supporter", "organizer", "organiser", "investigator", "rebel", "militant", "insurgent",
    "striker", "hostage", "detainee", "evacuee", "pilgrim", "caravan", "convoy", "crowd",
    "mob", "delegation",
})  # fmt: skip
# The group nouns that name the group in the singular ("the caravan", not "the migrant").
COLLECTIVE_NOUNS = frozenset({"caravan", "convoy", "crowd", "mob", "delegation"})
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

# Plural quantity words, each with the least it can mean: "hundreds of civilians" is at least
# 100, and vague on purpose. A number's qualifier is then "<word> of".
VAGUE_QUANTITIES: dict[str, int] = {
    "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "dozens": 12, "scores": 20,
}  # fmt: skip


def is_vague(approx: str | None) -> bool:
    """Whether a number's qualifier makes it vague ("hundreds of"), not merely approximate
    ("about", "upwards of"): a vague figure is never compared across outlets."""
    if approx is None or not approx.endswith(" of"):
        return False
    return approx.removesuffix(" of").lower() in VAGUE_QUANTITIES


# -- countries ------------------------------------------------------------------------------------

PlaceKind = Literal["name", "demonym", "capital", "seat"]


@lru_cache(maxsize=65536)
def place_key(text: str) -> str:
    """A lookup key for a place name: "the U.S.'s" -> "us", "Guinea - Bissau" -> "guinea-bissau"."""
    text = re.sub(r"['’]s?$", "", text.strip()).lower()
    text = re.sub(r"\s*-\s*", "-", text.replace(".", ""))
    text = re.sub(r"[\s,]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, PlaceKind]]:
    """Every name in ``data/countries.txt``, by ``place_key``: (the country, what kind of name).

    A kind is "name" (the country or another name for it: "U.S.", "Britain"), "demonym"
    ("American", "Americans"), "capital" ("Pyongyang") or "seat" (of government: "the Kremlin").
    These are what news writes for a state, its government and its people; resolve joins them.
    """
    kinds: tuple[PlaceKind, ...] = ("name", "name", "demonym", "capital", "seat")
    table: dict[str, tuple[str, PlaceKind]] = {}
    text = resources.files("storyline").joinpath("data/countries.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("|")
        country = fields[0].strip()
        for kind, field_ in zip(kinds, fields, strict=True):
            for name in field_.split(";"):
                if name.strip():
                    table.setdefault(place_key(name), (country, kind))
    return table


@lru_cache(maxsize=65536)
def country_of(name: str) -> tuple[str, PlaceKind] | None:
    """The country a name stands for, and how ("Tehran" -> ("Iran", "capital")), else None."""
    return country_names().get(place_key(name))
