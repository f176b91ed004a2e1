"""Merge per-article entities into story entities: the steps in order, the story-wide
vote on each entity's type, and the entity built from each merged group.

A one-word name's type is settled by a vote across the story, so the article where the
small model called "Luton" a person is outvoted by the ones that call it a place; a surname
of a person named in full ("Trump" of "Donald Trump") stays a person wherever it is tagged
ORG or GPE, and a longer name the story mostly tags as a place ("Ashby Cross") is one.
A common-noun group ("the caravan") keeps its type whatever name starts with its noun; a country
the story mostly tags as a place is no surname of a mistagged "person" ("Birth of Modern
Canada"); a place's longer names vote for its words ("City of Surrey" for "Surrey").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from storyline.model import Article, Entity, EntityType, LocalEntity
from storyline.names import NAME_CACHE_SIZE, TITLES, name_tokens, org_key
from storyline.resolve.bare_names import add_bare_names
from storyline.resolve.bodies import merge_bodies
from storyline.resolve.countries import add_governments
from storyline.resolve.groups import is_group, merge_group_members, story_groups
from storyline.resolve.people import PERSON_TITLES, merge_people, person_words
from storyline.resolve.roles import add_role_mentions
from storyline.resolve.unionfind import UnionFind
from storyline.vocabulary import (
    country_of,
)

# How many mentions' worth of votes one titled mention ("Mr. Trump") gives a one-word name for
# being a person: a title is strong evidence; set by hand on the dev data, not tuned.
TITLED_VOTE_WEIGHT = 3


def resolve_entities(local: Sequence[LocalEntity], articles: Sequence[Article]) -> list[Entity]:
    """Merge per-article entities into story entities (ids e1, e2, … by salience later)."""
    items = story_groups(list(local))
    types = _vote_types(items)
    uf = UnionFind(len(items))
    merge_people(items, types, uf)
    merge_bodies(items, types, uf)
    merge_group_members(items, articles, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    outlets = {a.id: a.outlet or a.id for a in articles}
    voted = [
        e.model_copy(update={"type": t}) if e.type != t else e for e, t in zip(items, types, strict=True)
    ]
    entities = [_build_entity([voted[i] for i in members], outlets) for members in groups.values()]
    entities = add_bare_names(entities, articles, outlets)
    entities = add_role_mentions(entities)
    return add_governments(entities, articles, outlets)


def _vote_types(items: list[LocalEntity]) -> list[EntityType]:
    """Each entity's type after the story-wide vote on one-word names."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names = [(e.article, person_words(e)) for e in items if e.type == "PERSON"]
    surnames = {(article, words[-1]) for article, words in names if len(words) > 1}
    # Family names come first in Korean, Chinese and Hungarian names: "Kim" of "Kim Jong Un".
    family_first = {(article, words[0]) for article, words in names if _given_name_after(words)}
    all_name_words = {w for _, words in names if len(words) > 1 for w in words}
    surnames_anywhere = {last for _, last in surnames}
    for e in items:
        if len(e.name.split()) == 1 and not is_group(e):
            votes[e.name.lower()][e.type] += len(e.mentions)
            # "Mr. Trump", "President Trump": a title is strong evidence of a person.
            titled = sum(1 for m in e.mentions if m.text.split()[0].lower().rstrip(".") in PERSON_TITLES)
            votes[e.name.lower()]["PERSON"] += TITLED_VOTE_WEIGHT * titled
    for e in items:
        if e.type in ("GPE", "LOC") and len(e.name.split()) > 1:
            # "the City of Surrey", "South Surrey": a place's name is a vote for its words
            for word in {w.lower() for w in e.name.split() if w[:1].isupper()}:
                if word in votes:
                    votes[word]["GPE"] += len(e.mentions)
    bodies = {_folded(e.name): e.type for e in items if e.type != "PERSON"}
    places = _place_votes(items)
    types: list[EntityType] = []
    for e in items:
        word = e.name.lower()
        untitled = not any(m.kind == "title" for m in e.mentions)
        if is_group(e):
            # "the caravan" stays the group, whatever name starts with "Caravan" in the story.
            types.append(e.type)
        elif len(e.name.split()) > 1 and untitled and e.type != "GPE" and org_key(e.name) in places:
            types.append("GPE")  # "Ashby Cross" is the ward the other articles call "Ashby Cross ward"
        elif e.type == "PERSON" and untitled and _folded(e.name) in bodies and word not in all_name_words:
            # "Lib Dem" beside "the Lib Dems" is the party; but "Trump", tagged ORG in one
            # article, stays the surname of the story's Donald Trump.
            types.append(bodies[_folded(e.name)])
        elif len(e.name.split()) != 1:
            types.append(e.type)
        elif ((e.article, word) in surnames or (e.article, word) in family_first) and not _mostly_a_country(
            word, votes[word]
        ):
            types.append("PERSON")  # "Bhaimia said", tagged ORG, is Usman Bhaimia
        elif word in surnames_anywhere and (
            e.type == "PERSON" or votes[word]["PERSON"] > 0 or country_of(word) is None
        ):
            # A surname the model also tags ORG or GPE elsewhere ("Trump said", "Obama"),
            # unless it is also a known place ("Jordan" beside "Michael Jordan").
            types.append("PERSON")
        elif e.type == "PERSON" and word in all_name_words:
            types.append("PERSON")
        else:
            best = votes[word].most_common(1)[0][0]
            types.append(best)  # type: ignore[arg-type]
    return types


def _given_name_after(words: tuple[str, ...]) -> bool:
    """Whether a name may put the family name first: three words or more ("Kim Jong Un", "Kim
    Jong - un") or a hyphenated second word ("Kim Jong-un", "Moon Jae-in")."""
    return len(words) > 2 or (len(words) == 2 and "-" in words[1].strip("-"))


def _mostly_a_country(word: str, votes: Counter[str]) -> bool:
    """A country's name the story mostly tags as a place: the tagger's "person" "Birth of Modern
    Canada" does not make every "Canada" of the article a surname ("Jordan" beside "Michael
    Jordan", tagged PERSON most of the time, stays one)."""
    return country_of(word) is not None and votes["PERSON"] < sum(votes.values()) - votes["PERSON"]


def _place_votes(items: list[LocalEntity]) -> set[str]:
    """The multi-word names the story mostly tags as a place (by mentions, titled ones aside)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in items:
        if len(e.name.split()) > 1 and not any(m.kind == "title" for m in e.mentions):
            place = e.type in ("GPE", "LOC", "FAC")
            votes[org_key(e.name)]["place" if place else e.type] += len(e.mentions)
    return {key for key, v in votes.items() if v["place"] > max(v["PERSON"], v["ORG"])}


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _folded(name: str) -> str:
    """A name with plural endings folded: "Lib Dems" and "Lib Dem" meet."""
    return " ".join(w.rstrip("s") for w in org_key(name).split())


def _build_entity(members: list[LocalEntity], outlets: dict[str, str]) -> Entity:
    mentions = [m for e in members for m in e.mentions]
    roles = [r for e in members for r in e.roles]
    type_votes = Counter(e.type for e in members for _ in e.mentions)
    entity_type: EntityType = type_votes.most_common(1)[0][0]
    if any(len(e.name.split()) > 1 and e.type == "PERSON" for e in members):
        entity_type = "PERSON"
    name = _best_name(members, entity_type)
    if all(is_group(e) for e in members):  # "the migrants", as the articles write it
        name = Counter(m.text for m in mentions).most_common(1)[0][0]
    if entity_type != "PERSON":
        countries = {hit[0] for e in members if (hit := country_of(e.name)) and hit[1] == "name"}
        if len(countries) == 1:  # "United States" for "the U.S.", "Americans" and "Washington"
            name, entity_type = countries.pop(), "GPE"
    aliases = sorted({m.text for m in mentions} - {name})
    articles = sorted({e.article for e in members})
    return Entity(
        id="",
        name=name,
        type=entity_type,
        aliases=aliases,
        mentions=sorted(mentions, key=lambda m: (m.article, m.start)),
        roles=_dedupe_roles(roles),
        outlets=sorted({outlets.get(a, a) for a in articles}),
        article_count=len(articles),
    )


def _best_name(members: list[LocalEntity], entity_type: EntityType) -> str:
    if entity_type == "PERSON":
        names = Counter(" ".join(name_tokens(e.name)) for e in members if len(name_tokens(e.name)) > 1)
        if names:
            return max(names, key=lambda n: (names[n], len(n)))
    names = Counter(e.name for e in members for _ in e.mentions)
    best = max(names, key=lambda n: (names[n], len(n)))
    words = best.split()
    return " ".join(words[1:]) if words and words[0].lower() in TITLES and len(words) > 1 else best


def _dedupe_roles(roles: list) -> list:  # type: ignore[type-arg]
    seen = set()
    kept = []
    for role in roles:
        key = (role.article, role.role.lower())
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept
