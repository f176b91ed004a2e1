"""Casing evidence loaded from data: the story's own casing lexicon, the ``truecase`` model
(loaded lazily, once) and the word files in ``storyline/data`` (web casing, census names,
names made of common words)."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.normalise.truecasing.word_lists import STOP

CasingLexicon = dict[str, str]


@lru_cache(maxsize=1)
def truecaser() -> Any:
    from truecase.TrueCaser import TrueCaser

    return TrueCaser()


# A word joins the story's lexicon when the cased articles write it capitalised this many
# times as often as in lower case, and (for a word the model knows) at least this often:
# one "Social" in "Adult Social Care" must not capitalise "social media".
# Set by hand on the dev data / invented examples; not tuned.
CASED_TO_LOWER = 2
MIN_CASED_USES = 2


def build_casing_lexicon(texts: Iterable[str]) -> CasingLexicon:
    """Words the story's cased articles write with capitals mid-sentence (names, bodies).

    A word counts when its capitalised form is at least twice as common as its lowercase
    form away from sentence starts; function words never count.
    """
    cased: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for m in re.finditer(r"(?<=[a-z,;:]) (?P<w>[^\W\d_][\w'’-]*)", text):
            word = m.group("w")
            key = word.lower()
            if key in STOP:
                continue
            if word[0].isupper():
                cased[key] += 1
                forms.setdefault(key, Counter())[word] += 1
            else:
                lower[key] += 1
    caser = truecaser()
    return {
        key: forms[key].most_common(1)[0][0]
        for key, n in cased.items()
        # One capitalised "Social" in "Adult Social Care" must not capitalise "social media".
        if n >= CASED_TO_LOWER * lower[key] and (n >= MIN_CASED_USES or key not in caser.word_casing_lookup)
    }


class _Gazetteer:
    """data/casing_phrases.tsv, read once: names by first word, outlets, style words, parties."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.names: dict[str, list[tuple[str, ...]]] = {}
        self.outlets: set[str] = set()
        self.style: dict[str, str] = {}
        self.party_forms: dict[str, str] = {}  # "liberals" -> "Liberals"
        self.party_of: dict[str, str] = {}  # "liberals" -> "liberal"
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            kind, *forms = line.rstrip("\n").split("\t")
            if kind == "name":
                tokens = tuple(re.findall(r"\w+|[^\w\s]", forms[0]))
                self.names.setdefault(tokens[0].lower(), []).append(tokens)
            elif kind == "outlet":
                self.outlets.add(forms[0].lower())
            elif kind == "style":
                self.style[forms[0].lower()] = forms[0]
            elif kind == "party":
                for form in forms:
                    self.party_forms[form.lower()] = form
                    self.party_of[form.lower()] = forms[0].lower()
        for found in self.names.values():
            found.sort(key=len, reverse=True)  # the longest name first

    def match(self, keys: list[str], n: int) -> tuple[str, ...] | None:
        """The longest name whose tokens start at position n of the lowercase tokens."""
        for tokens in self.names.get(keys[n], ()):
            if tuple(keys[n : n + len(tokens)]) == tuple(t.lower() for t in tokens):
                return tokens
        return None


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    with open(_DATA / "casing_phrases.tsv", encoding="utf-8") as fh:
        return _Gazetteer(fh)


_DATA = Path(__file__).resolve().parent.parent.parent / "data"


@lru_cache(maxsize=1)
def _word_forms() -> dict[str, tuple[str, float]]:
    """Web-text casing: each word's commonest form other than lowercase, and its share (0-1)."""
    forms: dict[str, tuple[str, float]] = {}
    with gzip.open(_DATA / "casing_words.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            key, form, share = line.rstrip("\n").split("\t")
            forms[key] = (form or key, int(share) / 100)
    return forms


@lru_cache(maxsize=1)
def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """Common first names, and surnames that are also words the truecase model knows."""
    first: set[str] = set()
    last: set[str] = set()
    with gzip.open(_DATA / "casing_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, name = line.rstrip("\n").split("\t")
            (first if kind == "first" else last).add(name)
    return frozenset(first), frozenset(last)


def web_form(key: str) -> tuple[str, float] | None:
    return _word_forms().get(key)


def web_capital_share(key: str) -> float:
    found = web_form(key)
    return found[1] if found else 0.0
