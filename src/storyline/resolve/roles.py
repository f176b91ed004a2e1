"""Role phrases as mentions of a person: "Japanese Prime Minister" before the name or in
apposition, and "the Labour leader" for the one person whose role in the story says so.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, Entity, Mention
from storyline.names import ROLE_NOUNS
from storyline.resolve.bare_names import overlaps

_CLAUSE_VERB = re.compile(
    r"(?:represent|lead|chair|head|run|manage|direct)(?:s|ed)?$|led$|ran$|managed?$", re.IGNORECASE
)


def add_role_mentions(entities: list[Entity]) -> list[Entity]:
    """A person's role phrase is also a mention of them: "Japanese Prime Minister" in "Japanese
    Prime Minister Shinzo Abe", "the deputy leader of the party" in apposition. Each is a noun
    phrase that names the same person; a relative clause ("who represents Luton") is not one,
    and a role inside a mention ("President" of "President Trump") is already covered."""
    result = []
    for entity in entities:
        if entity.type != "PERSON" or not entity.roles:
            result.append(entity)
            continue
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in entity.mentions:
            spans[m.article].append((m.start, m.end))
        for found in spans.values():
            found.sort()
        extra = []
        for role in sorted(entity.roles, key=lambda r: (r.article, r.start)):
            words = role.text.split()
            here = spans[role.article]
            if not words or _CLAUSE_VERB.match(words[0]) or overlaps(here, role.start, role.end):
                continue
            bisect.insort(here, (role.start, role.end))
            extra.append(
                Mention(
                    id=f"{role.article}:role{role.start}",
                    article=role.article,
                    start=role.start,
                    end=role.end,
                    text=role.text,
                    kind="role",
                )
            )
        if extra:
            mentions = sorted([*entity.mentions, *extra], key=lambda x: (x.article, x.start))
            entity = entity.model_copy(
                update={"mentions": mentions, "aliases": sorted({*entity.aliases, *(x.text for x in extra)})}
            )
        result.append(entity)
    return result


# -- role nouns as mentions ---------------------------------------------------------------------

# Most words between "the" and a role noun ("the new Labour deputy leader"); set by hand on
# the dev data, not tuned.
ROLE_MODIFIERS_MAX = 3
# "the leader" goes to the holder with at least this many times the mentions of the next;
# set by hand on the dev data, not tuned.
DOMINANT_HOLDER_RATIO = 1.5

_ROLE_PHRASE = re.compile(
    r"\b(?:the|The)\s+(?P<mods>(?:[\w'’-]+\s+){0,"
    + str(ROLE_MODIFIERS_MAX)
    + r"}?)(?P<noun>"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r")\b(?!\s+(?:of|for)\b)",
)


def link_role_mentions(entities: list[Entity], articles: Sequence[Article]) -> list[Entity]:
    """Add "the Labour leader" as a mention of the one person whose role in the story says so.

    Only definite phrases ("the …") count, and only when exactly one person's role text ends
    with the same words: "a Labour spokesman" is someone unnamed, and "the leader" alone is
    too vague when the story has several leaders.
    """
    people = [e for e in entities if e.type == "PERSON" and e.roles]
    taken = {(m.article, m.start) for e in entities for m in e.mentions}
    added: dict[str, list[Mention]] = defaultdict(list)
    for article in articles:
        for m in _ROLE_PHRASE.finditer(article.text):
            phrase = f"{m.group('mods')}{m.group('noun')}".lower().strip()
            if (len(phrase.split()) < 2 and phrase not in _SINGULAR_OFFICES) or (
                article.id,
                m.start(),
            ) in taken:
                continue  # "the leader" alone could be anyone's; "the president" is usually one person
            holders = [e for e in people if any(_role_ends_with(r.role, phrase) for r in e.roles)]
            holder = _dominant_holder(holders, article.id)
            if holder is None or _inside_mention(m.start(), m.end(), article.id, entities):
                continue
            added[holder.id].append(
                Mention(
                    id=f"{article.id}:role{m.start()}",
                    article=article.id,
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    kind="role",
                )
            )
    if not added:
        return entities
    result = []
    for entity in entities:
        extra = added.get(entity.id, [])
        if extra:
            mentions = sorted([*entity.mentions, *extra], key=lambda x: (x.article, x.start))
            aliases = sorted({*entity.aliases, *(x.text for x in extra)})
            articles_seen = {x.article for x in mentions}
            entity = entity.model_copy(
                update={"mentions": mentions, "aliases": aliases, "article_count": len(articles_seen)}
            )
        result.append(entity)
    return result


_SINGULAR_OFFICES = {"president", "chancellor", "premier", "mayor", "governor", "king", "queen", "pope"}


def _dominant_holder(holders: list[Entity], article: str) -> Entity | None:
    """The one holder of the role, else the only one in this article, else one who dominates the
    story (in US coverage "the president" is the one mentioned far more than any other)."""
    if len(holders) == 1:
        return holders[0]
    here = [e for e in holders if any(m.article == article for m in e.mentions)]
    if len(here) == 1:
        return here[0]
    ranked = sorted(holders, key=lambda e: -len(e.mentions))
    if len(ranked) >= 2 and len(ranked[0].mentions) >= DOMINANT_HOLDER_RATIO * len(ranked[1].mentions):
        return ranked[0]
    return None


def _role_ends_with(role: str, phrase: str) -> bool:
    words = role.lower().split()
    wanted = phrase.split()
    return len(words) >= len(wanted) and words[-len(wanted) :] == wanted


def _inside_mention(start: int, end: int, article: str, entities: list[Entity]) -> bool:
    """A role phrase that is part of a name mention's pre-modifier is already covered by it."""
    return any(
        m.article == article and m.start < end and start < m.end and m.kind != "role"
        for e in entities
        if e.type == "PERSON"
        for m in e.mentions
    )
