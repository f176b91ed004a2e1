"""Names of people and bodies: the words that make a name, the titles before it, the nouns for roles.

One home for the name handling that both the extract stage (merging mentions inside one
article) and the resolve stage (merging entities across the story) need, so that the two
stages cut names the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.vocabulary import HONORIFICS, OFFICE_TITLES

__all__ = [
    "FEMALE_TITLES",
    "MALE_TITLES",
    "ROLE_NOUNS",
    "TITLES",
    "introduced_late",
    "name_tokens",
    "org_key",
]

# Words before a name that are not part of it: "Sir", "Cllr", "Ms" (``vocabulary.HONORIFICS``).
TITLES = HONORIFICS
# Titles that say a person's gender. Nothing imports these two at present (the gender rules in
# extract.entities use wider word sets); kept, as a refactor does not drop public names.
FEMALE_TITLES = {"dame", "lady", "baroness", "mrs", "ms", "miss"}
MALE_TITLES = {"sir", "lord", "baron", "mr"}
# Nouns that head a role phrase ("council leader", "MP for Luton South"): the vocabulary the
# role rules of extract and resolve look for; set by hand on the dev data, not tuned.
ROLE_NOUNS = {
    "leader",
    "mp",
    "mps",
    "councillor",
    "cllr",
    "secretary",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "member",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "executive",
    "president",
    "director",
    "officer",
    "activist",
    "photographer",
    "mayor",
    "governor",
    "ambassador",
    "candidate",
    "deputy",
    "head",
    "editor",
    "correspondent",
    "reporter",
    "professor",
    "founder",
    "ceo",
    "manager",
    "official",
    "adviser",
    "advisor",
    "lawyer",
    "analyst",
    "economist",
    "researcher",
    "doctor",
    "campaigner",
    "organiser",
    "chancellor",
    "premier",
    "senator",
    "representative",
    "commissioner",
    "inspector",
    "judge",
    "prosecutor",
    "general",
    "commander",
    "dictator",
    "owner",
    "priest",
    "imam",
    "bishop",
    "rabbi",
    "author",
    "journalist",
    "presenter",
    "coach",
    "king",
    "queen",
    "prince",
    "princess",
    "mep",
    "msp",
    "peer",
    "whip",
    "speaker",
    "treasurer",
    "trustee",
    "partner",
    "principal",
    "dean",
}

# How many distinct names the per-name caches keep: more than a large story's mentions, so
# each name is cut once; set by hand, not tuned.
NAME_CACHE_SIZE = 65536

# Fewest bare surnames before the full name that make them someone else ("President Trump …
# Trump said … first lady Melania Trump"); set by hand on the dev data, not tuned.
LATE_INTRODUCTION_MIN = 2


def name_tokens(text: str) -> list[str]:
    """A name's words without titles or possessives: "Sir Keir Starmer’s" -> [Keir, Starmer]."""
    return list(_name_tokens(text))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _name_tokens(text: str) -> tuple[str, ...]:
    words = re.sub(r"['’]s$", "", text.strip()).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _NAME_PREFIXES:
        words = words[1:]
    return tuple(words)


_NAME_PREFIXES = TITLES | OFFICE_TITLES


@lru_cache(maxsize=NAME_CACHE_SIZE)
def org_key(text: str) -> str:
    """A key under which "the Labour party", "Labour" and "labour party" are one body."""
    words = re.sub(r"['’]s\b", "", text.lower()).replace("&", "and").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    return " ".join(words)


def introduced_late(full_start: int, bare_starts: list[int]) -> bool:
    """Whether the bare surname mostly stands before the full name that has it: then it is
    someone the article already knew by that word. News names a person in full at their first
    mention (a headline aside); "President Trump warned …", "Trump said …" and only then "first
    lady Melania Trump" make the earlier "Trump"s Donald, not Melania."""
    before = sum(1 for s in bare_starts if s < full_start)
    return before >= LATE_INTRODUCTION_MIN and before > len(bare_starts) - before
