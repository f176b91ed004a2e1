"""Merge people: by full name (first + last word, titles dropped), a one-word name with the
one full name in the story it can belong to ("Desai", "Sir Keir"), and names spelled with
and without a hyphen ("Kim Jong Un", "Kim Jong-un") or cut at one ("Moon Jae" of
"Moon Jae-in").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Sequence
from functools import lru_cache

from storyline.model import EntityType, LocalEntity
from storyline.names import NAME_CACHE_SIZE, introduced_late, name_tokens
from storyline.resolve.unionfind import UnionFind
from storyline.vocabulary import (
    HONORIFICS,
    OFFICE_TITLES,
)


def person_words(entity: LocalEntity) -> tuple[str, ...]:
    return _lower_name_words(entity.name)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _lower_name_words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in name_tokens(name))


PERSON_TITLES = HONORIFICS | OFFICE_TITLES

# A one-word name goes to the full name with at least this many times the weight of the next
# ("Trump" in a story about Donald Trump); set by hand on the dev data, not tuned.
DOMINANT_WEIGHT_RATIO = 2


def merge_people(items: list[LocalEntity], types: list[EntityType], uf: UnionFind) -> None:
    full: dict[tuple[str, str], int] = {}
    by_last: dict[str, set[tuple[str, str]]] = defaultdict(set)
    by_first: dict[str, set[tuple[str, str]]] = defaultdict(set)
    weight: Counter[tuple[str, str]] = Counter()
    lone: dict[str, int] = {}
    spelled: dict[str, int] = {}
    first_full: dict[tuple[str, _Name], int] = {}  # where an article first names a person in full
    lone_here: dict[tuple[str, str], int] = {}
    owners: dict[tuple[str, bool, str | None], _SurnameOwners] = {}
    for i, e in enumerate(items):
        words = person_words(e)
        if types[i] != "PERSON" or len(words) < 2:
            continue
        key = (words[0], words[-1])
        if key in full:
            uf.union(full[key], i)
        else:
            full[key] = i
        introduced = min((m.start for m in e.mentions if len(name_tokens(m.text)) > 1), default=0)
        first_full[(e.article, key)] = min(first_full.get((e.article, key), introduced), introduced)
        by_last[words[-1]].add(key)
        by_first[words[0]].add(key)
        weight[key] += len(e.mentions)
        letters = _letters(words)
        if letters in spelled:
            uf.union(spelled[letters], i)  # "Kim Jong Un" = "Kim Jong-un"
        else:
            spelled[letters] = i
    _merge_cut_names(items, types, uf, spelled)
    for i, e in enumerate(items):
        words = person_words(e)
        if types[i] != "PERSON" or len(words) != 1:
            continue
        word = words[0]
        knighted = any(m.text.split()[0].lower() in ("sir", "dame") for m in e.mentions if m.text.split())
        block = (word, knighted, e.gender)
        if block not in owners:  # once per word, not per mention: a name shared by many stays cheap
            pool = (by_first[word] if knighted else set()) or by_last[word] or by_first[word]
            pool = {k for k in pool if items[full[k]].gender in (None, e.gender) or e.gender is None}
            owners[block] = _SurnameOwners(*_one_per_person(pool, full, items, weight, uf))
        starts = [m.start for m in e.mentions]
        late = {k for k in owners[block].pool if introduced_late(first_full.get((e.article, k), 0), starts)}
        target = owners[block].owner(e.article, late)
        if target is not None:
            uf.union(full[target], i)
        elif not owners[
            block
        ].pool:  # a one-word name with no full form in the story: the same word is one person
            if word in lone:
                uf.union(lone[word], i)
            else:
                lone[word] = i
        elif (e.article, word) in lone_here:  # whose it is stays open, but one article's is one
            uf.union(lone_here[(e.article, word)], i)
        else:
            lone_here[(e.article, word)] = i


def _letters(words: Sequence[str]) -> str:
    """A full name's letters, without spaces or hyphens: "Kim Jong - un" -> "kimjongun"."""
    return "".join(words).replace("-", "")


def _merge_cut_names(
    items: list[LocalEntity], types: list[EntityType], uf: UnionFind, spelled: dict[str, int]
) -> None:
    """The tagger often stops a name at a hyphen: "Moon Jae" for "Moon Jae-in". A two-or-more
    word name that is exactly a hyphenated name up to its last hyphen is that person."""
    for i, e in enumerate(items):
        if types[i] != "PERSON":
            continue
        text = re.sub(r"\s*-\s*", "-", " ".join(person_words(e)))
        if "-" not in text:
            continue
        head = text[: text.rindex("-")].split()
        if len(head) >= 2 and _letters(head) in spelled:
            uf.union(spelled[_letters(head)], i)


_Name = tuple[str, str]


def _one_per_person(
    pool: set[_Name], full: dict[_Name, int], items: list[LocalEntity], weight: Counter[_Name], uf: UnionFind
) -> tuple[set[_Name], dict[_Name, set[str]], Counter[_Name]]:
    """The candidate full names, one per person already merged ("Moon Jae" and "Moon Jae-in"),
    with the articles each person is named in and how often."""
    best: dict[int, _Name] = {}
    homes: dict[int, set[str]] = defaultdict(set)
    total: Counter[int] = Counter()
    for k in sorted(pool):
        root = uf.find(full[k])
        total[root] += weight[k]
        homes[root].add(items[full[k]].article)
        if root not in best or weight[k] > weight[best[root]]:
            best[root] = k
    return (
        set(best.values()),
        {k: homes[r] for r, k in best.items()},
        Counter({k: total[r] for r, k in best.items()}),
    )


class _SurnameOwners:
    """Whose bare surname a word is: the only candidate, else the only one named in the same
    article, else one who dominates the story (a bare "Trump" is Donald, not Melania)."""

    def __init__(self, pool: set[_Name], homes: dict[_Name, set[str]], weight: Counter[_Name]) -> None:
        self.pool = pool
        self.by_article: dict[str, list[_Name]] = defaultdict(list)
        for k in sorted(pool):
            for article in homes[k]:
                self.by_article[article].append(k)
        ranked = sorted(pool, key=lambda k: -weight[k])
        self.dominant: _Name | None = None
        if len(ranked) == 1 or (
            len(ranked) >= 2 and weight[ranked[0]] >= DOMINANT_WEIGHT_RATIO * weight[ranked[1]]
        ):
            self.dominant = ranked[0]

    def owner(self, article: str, late: Container[_Name] = frozenset()) -> _Name | None:
        """The owner in ``article``; a full name the article gives only after most of the bare
        mentions (``late``, see ``introduced_late``) is someone else, not the one they mean."""
        if len(self.pool) == 1:
            return None if self.dominant in late else self.dominant
        same_article = [k for k in self.by_article.get(article, []) if k not in late]
        return same_article[0] if len(same_article) == 1 else self.dominant
