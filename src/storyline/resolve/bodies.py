"""Merge organisations and places: by a normalised key ("the Labour party" = "Labour"), by
abbreviation ("Lib Dems" = "Liberal Democrats": each word a prefix of the other's) and by
acronym ("UN" = "United Nations"); countries are then merged by ``countries``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from storyline.model import EntityType, LocalEntity
from storyline.names import org_key
from storyline.resolve.countries import merge_countries
from storyline.resolve.unionfind import UnionFind


def merge_bodies(items: list[LocalEntity], types: list[EntityType], uf: UnionFind) -> None:
    by_key: dict[tuple[str, str], int] = {}
    keys: list[tuple[int, str]] = []
    for i, e in enumerate(items):
        if types[i] == "PERSON":
            continue
        key = org_key(e.name)
        block = (types[i], key)
        if block in by_key:
            uf.union(by_key[block], i)
        else:
            by_key[block] = i
            keys.append((i, key))
    _merge_abbreviations(keys, uf)
    # Acronyms: "U.S." = "United States", "UN" = "United Nations", blocked by the letters.
    by_acronym: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, key in keys:
        letters = _acronym(items[i].name)
        if letters:
            by_acronym[letters].append((i, key))
    for members in by_acronym.values():
        short = [i for i, key in members if len(key.split()) == 1]
        long_ = [i for i, key in members if len(key.split()) > 1]
        for i in short:
            for j in long_:
                uf.union(i, j)
    merge_countries(items, types, uf)


def _merge_abbreviations(keys: list[tuple[int, str]], uf: UnionFind) -> None:
    """Join abbreviations ("Lib Dems" ~ "Liberal Democrats", see ``_is_abbreviation``).

    Blocked by prefix: the names of the same length in words are sorted once per word position;
    the long names a short one can abbreviate are, at every position, in the run of words that
    start with its word there. The narrowest run is scanned, so a common first word ("New",
    "North", "United") does not make every name that starts with it a candidate.
    """
    by_length: dict[int, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    words_of: dict[int, tuple[str, ...]] = {}
    for i, key in keys:
        words = tuple(key.split())
        if words:
            by_length[len(words)].append((words, i))
            words_of[i] = words
    for n, members in by_length.items():
        columns = [sorted((words[p], i) for words, i in members) for p in range(n)]
        heads = [[w for w, _ in column] for column in columns]
        for words, i in members:
            stems = [w.rstrip("s") for w in words]
            if min(map(len, stems)) < MIN_STEM_LETTERS:
                continue
            runs = [
                (bisect.bisect_left(heads[p], stem), bisect.bisect_left(heads[p], stem + "\U0010ffff"), p)
                for p, stem in enumerate(stems)
            ]
            lo, hi, p = min(runs, key=lambda r: r[1] - r[0])
            for _, j in columns[p][lo:hi]:
                if j != i and _is_abbreviation(words, words_of[j]):
                    uf.union(i, j)


# Fewest letters of each word's stem for an abbreviation ("lib" of "liberal"): shorter stems
# prefix too many words; set by hand on the dev data, not tuned.
MIN_STEM_LETTERS = 3
# How long a one-word acronym may be ("US" … "NATO", "UNHCR"); fewest initials of a spelled-out
# name ("United States"); set by hand on the dev data, not tuned.
ACRONYM_LETTERS = (2, 5)

_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "with", "in"}


def _acronym(name: str) -> str | None:
    """The letters a body or country goes by: "U.S." -> "us", "United States" -> "us"."""
    words = [w for w in re.sub(r"['’]s$", "", name).split() if w.lower() not in _ACRONYM_SKIP]
    if len(words) == 1:
        letters = words[0].replace(".", "")
        is_acronym = "." in words[0] or words[0].isupper()
        return (
            letters.lower()
            if is_acronym and ACRONYM_LETTERS[0] <= len(letters) <= ACRONYM_LETTERS[1] and letters.isalpha()
            else None
        )
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return initials.lower() if len(initials) == len(words) and len(initials) >= ACRONYM_LETTERS[0] else None


def _is_abbreviation(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """ "lib dems" ~ "liberal democrats": every word of one is a 3+ letter prefix of the other's."""
    if wa == wb or len(wa) != len(wb):
        return False
    short, long_ = (wa, wb) if sum(map(len, wa)) <= sum(map(len, wb)) else (wb, wa)
    for s, w in zip(short, long_, strict=True):
        stem = s.rstrip("s")
        if len(stem) < MIN_STEM_LETTERS or not w.startswith(stem):
            return False
    return True
