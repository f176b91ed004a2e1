"""A bare surname the tagger missed, added where it stands alone in the story's text."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, Entity, Mention
from storyline.names import name_tokens
from storyline.resolve.people import PERSON_TITLES

_CAPITALISED = re.compile(r"[A-Z][\w'’]*(?:['’]s)?")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
# Characters before a bare name searched for the word before it (and what precedes that word):
# room for a long word and its spacing; set by hand, not tuned.
_BEFORE_WINDOW = 40
# Characters either side of a bare name searched for a hyphen ("Trump-Abe", "Kim - Moon").
_HYPHEN_WINDOW = 3
# Sorted spans looked back over for an overlap: more than the mentions that can start inside
# one name's width; set by hand, not tuned.
_OVERLAP_LOOKBACK = 8


def add_bare_names(
    entities: list[Entity], articles: Sequence[Article], outlets: dict[str, str]
) -> list[Entity]:
    """Add the bare surnames the tagger missed ("Trump hates the deal" as a headline).

    Once a story names a person in full and calls them by one word ("Trump", or "Kim" for Kim
    Jong Un), that word, standing alone elsewhere in the story, is the same person: one sense
    per story. A word two people of the story go by, or that is also the name of a body or
    place, is left alone; so is a word inside a longer name ("Melania Trump", "Trump Tower",
    "Trump-Abe").
    """
    bare_names = _bare_names(entities)
    if not bare_names:
        return entities
    added = _bare_mentions(entities, articles, bare_names)
    result = []
    for n, entity in enumerate(entities):
        if added[n]:
            mentions = sorted([*entity.mentions, *added[n]], key=lambda x: (x.article, x.start))
            seen = sorted({x.article for x in mentions})
            entity = entity.model_copy(
                update={
                    "mentions": mentions,
                    "article_count": len(seen),
                    "outlets": sorted({outlets.get(a, a) for a in seen}),
                }
            )
        result.append(entity)
    return result


def _bare_names(entities: list[Entity]) -> dict[str, int]:
    """Each one-word name of exactly one person named in full, and no body's or place's name,
    with that person's entity index."""
    owners: dict[str, set[int]] = defaultdict(set)
    others: set[str] = set()
    for n, entity in enumerate(entities):
        if entity.type == "PERSON" and len(name_tokens(entity.name)) > 1:
            name = set(name_tokens(entity.name))
            for m in entity.mentions:
                bare = name_tokens(m.text)
                if len(bare) == 1 and bare[0] in name:
                    owners[bare[0]].add(n)
        elif entity.type != "PERSON":
            for m in entity.mentions:
                words = name_tokens(m.text)
                if len(words) == 1:  # "Jordan" the country beside "Michael Jordan"
                    others.add(words[0])
    return {w: next(iter(o)) for w, o in owners.items() if len(o) == 1 and w not in others}


def _bare_mentions(
    entities: list[Entity], articles: Sequence[Article], bare_names: dict[str, int]
) -> dict[int, list[Mention]]:
    """The new mentions of each person: their bare name where it stands alone and untaken."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            taken[m.article].append((m.start, m.end))
    added: dict[int, list[Mention]] = defaultdict(list)
    for article in articles:
        text = article.text
        spans = sorted(taken[article.id])
        capitalised = {w[:-2] if w.endswith(("'s", "’s")) else w for w in _CAPITALISED.findall(text)}
        here = capitalised.intersection(bare_names)
        if not here:
            continue
        for word in sorted(here):
            for start in _occurrences(text, word):
                end = start + len(word)
                if _inside_name(text, start, end) or overlaps(spans, start, end):
                    continue
                added[bare_names[word]].append(
                    Mention(id=f"{article.id}:b{start}", article=article.id, start=start, end=end, text=word)
                )
    return added


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word in ``text`` (a possessive "'s" may follow)."""
    found = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            found.append(start)
        start = text.find(word, end)
    return found


def _inside_name(text: str, start: int, end: int) -> bool:
    """Whether a word is part of a longer name or compound: a capitalised word (not a title, not
    the sentence's first word) just before it, one just after it, or a hyphen on either side."""
    after = text[end : end + _HYPHEN_WINDOW]
    if re.match(r"\s*-|\s+[A-Z]", after) or re.search(r"-\s*$", text[max(0, start - _HYPHEN_WINDOW) : start]):
        return True
    before = _WORD_BEFORE.search(text[max(0, start - _BEFORE_WINDOW) : start])
    if before is None or not before.group(1)[:1].isupper():
        return False
    word = before.group(1).lower().rstrip(".")
    if word in PERSON_TITLES:
        return False
    preceding = text[max(0, start - _BEFORE_WINDOW) : start - len(before.group(0))].rstrip(" \t")
    return not (preceding == "" or preceding[-1] in ".!?\"“”‘’'(\n:;")


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of the sorted ``spans`` that starts just before its end."""
    k = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, k - _OVERLAP_LOOKBACK) : k])
