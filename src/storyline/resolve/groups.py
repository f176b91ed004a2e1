"""Groups of people named by a common noun ("the migrants", "the caravan"): kept only when
two articles write about them as a known participant, and a collective merged with the
people the story says it is made of ("the migrant caravan", "a caravan of … migrants").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, LocalEntity
from storyline.resolve.unionfind import UnionFind
from storyline.vocabulary import (
    COLLECTIVE_NOUNS,
    GROUP_NOUNS,
)


def is_group(entity: LocalEntity) -> bool:
    """A group named by a common noun ("the migrants"): extract names it by its lowercase lemma."""
    return entity.type == "NORP" and entity.name.islower()


_DEFINITE = ("the ", "these ", "those ")
# Fewest articles that must write about a group as a known participant for the story to keep it;
# set by hand on the dev data, not tuned.
GROUP_MIN_ARTICLES = 2
# Most words between "of" and the members' plural noun ("a caravan of several thousand migrants").
MEMBER_MODIFIERS_MAX = 4


def story_groups(items: list[LocalEntity]) -> list[LocalEntity]:
    """Keep the common-noun groups the story follows: those two or more of its articles write
    about as a known participant ("the migrants"). Elsewhere "migrants" is no one in particular."""
    articles: dict[str, set[str]] = defaultdict(set)
    for e in items:
        if is_group(e) and any(m.text.lower().startswith(_DEFINITE) for m in e.mentions):
            articles[e.name].add(e.article)
    return [e for e in items if not is_group(e) or len(articles[e.name]) >= GROUP_MIN_ARTICLES]


_MEMBERS_AFTER = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0," + str(MEMBER_MODIFIERS_MAX) + r"}?([a-z]+s)\b")


def merge_group_members(items: list[LocalEntity], articles: Sequence[Article], uf: UnionFind) -> None:
    """A collective and the people it is made of, where the story says so, are one participant:
    after "the migrant caravan" or "a caravan of asylum seekers", "the migrants" and "the asylum
    seekers" are the caravan's people, the group the story follows (both kept by
    ``story_groups``). The members are read from the collective's own mentions: a group noun
    before it ("migrant caravan") or an "of" phrase after it ("caravan of … migrants")."""
    groups: dict[str, int] = {}
    for i, e in enumerate(items):
        if is_group(e):
            groups.setdefault(e.name, i)
    if not any(name in COLLECTIVE_NOUNS for name in groups):
        return
    texts = {a.id: a.text for a in articles}
    for i, e in enumerate(items):
        if not is_group(e) or e.name not in COLLECTIVE_NOUNS:
            continue
        for m in e.mentions:
            words = [w.lower().strip("'’\"“”") for w in m.text.split()[:-1]]
            after = _MEMBERS_AFTER.match(texts.get(m.article, ""), m.end)
            if after:
                words.append(after.group(1))
            for word in words:
                lemma = word[:-1] if word.endswith("s") and word[:-1] in GROUP_NOUNS else word
                if lemma in GROUP_NOUNS and lemma in groups and lemma not in COLLECTIVE_NOUNS:
                    uf.union(i, groups[lemma])
