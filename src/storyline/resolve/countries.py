"""Countries: one entity per country (its names, demonyms, capital and seat of government),
and the phrases news uses for its government ("the Trump administration", "American
officials", "the country").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.model import Article, Entity, EntityType, LocalEntity, Mention
from storyline.names import name_tokens
from storyline.resolve.unionfind import UnionFind
from storyline.vocabulary import (
    country_of,
    place_key,
)

# Words that stand for a country they start ("the North" for North Korea).
_COMPASS = {"north", "south", "east", "west"}


def merge_countries(items: list[LocalEntity], types: list[EntityType], uf: UnionFind) -> None:
    """One entity per country: its names, its people, its capital and its seat of government.

    News writes "the U.S.", "America", "Americans", "Washington" and "the White House" for the
    United States, its government or its people (metonymy; the gazetteer is
    ``data/countries.txt``). A capital joins only a country the story names ("Paris" alone may
    be only the city), and "the North" joins the one country of the story whose name it starts
    ("North Korea"), the usual short form once the country has been named.
    """
    by_country: dict[str, list[tuple[int, str]]] = defaultdict(list)
    compass: list[int] = []
    for i, e in enumerate(items):
        if types[i] == "PERSON":
            continue
        hit = country_of(e.name)
        if hit is not None:
            by_country[hit[0]].append((i, hit[1]))
        elif place_key(e.name) in _COMPASS:
            compass.append(i)
    named = {c for c, members in by_country.items() if any(k in ("name", "demonym") for _, k in members)}
    for country, members in by_country.items():
        kept = [i for i, kind in members if kind != "capital" or country in named]
        for i in kept[1:]:
            uf.union(kept[0], i)
    for i in compass:
        word = place_key(items[i].name)
        fits = [c for c in named if c.split()[0].lower() == word and len(c.split()) > 1]
        if len(fits) == 1:
            uf.union(by_country[fits[0]][0][0], i)


# -- governments and "the country" ---------------------------------------------------------------

# Offices whose holder heads a country's government ("French President", "North Korean leader").
_HEAD_OFFICES = {
    "president", "prime minister", "premier", "chancellor", "leader", "dictator", "king", "queen",
    "emperor", "monarch", "emir", "sultan", "supreme leader",
}  # fmt: skip
_GOVERNMENT = re.compile(r"(?:['’]s)?\s+([Aa]dministration|[Gg]overnment)\b(?!\s+officials?\b)")
# The people who act for a state: "American officials", "U.S. immigration officials".
_OFFICIALS = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:officials|authorities|diplomats|negotiators|envoys|troops|forces)\b"
)
_THE_BEFORE = re.compile(r"\b([Tt]he)\s+$")
_PRONOUN_GOVERNMENT = (("his", "her"), ("administration", "government"))
_THE_ADMINISTRATION = (("the", "this"), ("administration",))
_THE_COUNTRY = (("the", "this", "that", "his", "her", "its"), ("country", "nation"))
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z]+)\s+$")
_NOT_THE_BODY = re.compile(r"\w|\s+officials?\b")  # "nationwide", "administration officials"
# Characters back to the country that "the country" takes up (a few sentences); set by hand on
# the dev data, not tuned.
_RECENT = 300
# Characters before a mention searched for its "the" ("the Trump administration"): "the" and a space.
_THE_LOOKBACK = 4
# Characters before a noun searched for its determiner ("this administration"): the longest
# determiner of the patterns and its space, with room to spare; set by hand.
_DETERMINER_LOOKBACK = 8
# Most words of a country's name looked for inside a role ("United Arab Emirates" has three).
_COUNTRY_NAME_MAX_WORDS = 3


@dataclass
class _Governments:
    """What ``add_governments`` gathers over the story before it builds the entities."""

    texts: dict[str, str]
    leads: dict[int, int]  # a head of government's entity -> the country entity they lead
    added: dict[int, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    dropped: set[str] = field(default_factory=set)  # a country's mentions that grew into a longer phrase
    shrunk: set[int] = field(default_factory=set)
    administrations: dict[int, list[Mention]] = field(
        default_factory=lambda: defaultdict(list)
    )  # by the head, country unknown
    heads: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # article -> (start, head)
    named: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # article -> (start, country)
    taken: set[tuple[str, int, int]] = field(default_factory=set)


def add_governments(
    entities: list[Entity], articles: Sequence[Article], outlets: dict[str, str]
) -> list[Entity]:
    """Add the phrases news uses for a country's government, and "the country", to the country.

    - "the Trump administration", "Abe's government": the government of the country its head
      leads, where the story says which ("U.S. President Donald Trump", "Japanese Prime
      Minister"); where it does not, the phrases still become one entity ("Trump
      administration");
    - "the U.S. government", "North Korea's government": the country's own mention grows to the
      whole phrase;
    - "his administration" and "her government": the head named last before it;
      "the administration": the one administration the article (else the story) names;
    - "the country", "that nation": the country named last, within a few sentences before it.
    """
    countries = _story_countries(entities)
    if not countries:
        return entities
    leads = {
        n: c
        for n, e in enumerate(entities)
        if e.type == "PERSON" and (c := _led_country(e, countries)) is not None
    }
    found = _Governments(texts={a.id: a.text for a in articles}, leads=leads)
    _add_named_governments(found, entities, set(countries.values()))
    _add_pronoun_governments(found)
    _add_the_administration(found, articles)
    _add_the_country(found)
    result = _grown_entities(found, entities, outlets)
    result.extend(_administration_entities(found.administrations, outlets))
    return result


def _story_countries(entities: list[Entity]) -> dict[str, int]:
    """The story's countries, each with the first place entity that names it."""
    countries: dict[str, int] = {}
    for n, entity in enumerate(entities):
        hit = country_of(entity.name)
        if entity.type == "GPE" and hit is not None and hit[1] == "name":
            countries.setdefault(hit[0], n)
    return countries


def _add_named_governments(found: _Governments, entities: list[Entity], country_ids: set[int]) -> None:
    """ "the Trump administration", "the U.S. government", "American officials": a government
    phrase after a country's or a head's mention; notes where heads and countries are named."""
    for n, entity in enumerate(entities):
        is_country = n in country_ids
        if not is_country and not (entity.type == "PERSON" and len(name_tokens(entity.name)) > 1):
            continue
        for m in entity.mentions:
            text = found.texts.get(m.article, "")
            found.taken.add((m.article, m.start, m.end))
            if is_country:
                found.named[m.article].append((m.start, n))
            elif n in found.leads or m.kind != "role":
                found.heads[m.article].append((m.start, n))
            after = _GOVERNMENT.match(text, m.end)
            if after is None and is_country:
                after = _OFFICIALS.match(text, m.end)
            if after is None or m.kind == "role":
                continue
            the = _THE_BEFORE.search(text, max(0, m.start - _THE_LOOKBACK), m.start)
            start = the.start(1) if the else m.start
            phrase = Mention(
                id=f"{m.article}:gov{start}",
                article=m.article,
                start=start,
                end=after.end(),
                text=text[start : after.end()],
                kind="role",
            )
            if is_country:
                found.added[n].append(phrase)
                found.dropped.add(m.id)
                found.shrunk.add(n)
            elif n in found.leads:
                found.added[found.leads[n]].append(phrase)
            else:
                found.administrations[n].append(phrase)


def _add_pronoun_governments(found: _Governments) -> None:
    """ "his administration": the head named last before it."""
    for article_id, spans in found.heads.items():
        spans.sort()
        text = found.texts.get(article_id, "")
        for mention in _phrases(article_id, text, _PRONOUN_GOVERNMENT):
            head = _named_just_before(spans, mention.start)
            if head is None:
                continue
            if head in found.leads:
                found.added[found.leads[head]].append(mention)
            elif head in found.administrations:
                found.administrations[head].append(mention)


def _add_the_administration(found: _Governments, articles: Sequence[Article]) -> None:
    """ "the administration": the one the article, else the story, names."""
    named_admins: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for head, phrases in found.administrations.items():
        for x in phrases:
            named_admins[x.article].add(("admin", head))
    for n, phrases in found.added.items():
        for x in phrases:
            if "administration" in x.text.lower():
                named_admins[x.article].add(("country", n))
    story_admins = {a for admins in named_admins.values() for a in admins}
    for article in articles:
        admins = named_admins.get(article.id) or story_admins
        if len(admins) != 1:
            continue
        kind, target = next(iter(admins))
        for mention in _phrases(article.id, article.text, _THE_ADMINISTRATION):
            (found.added if kind == "country" else found.administrations)[target].append(mention)


def _add_the_country(found: _Governments) -> None:
    """ "the country": the country named last, a few sentences back at most."""
    for article_id, spans in found.named.items():
        spans.sort()
        text = found.texts.get(article_id, "")
        for mention in _phrases(article_id, text, _THE_COUNTRY):
            country = _named_just_before(spans, mention.start)
            if country is not None:
                found.added[country].append(mention)


def _grown_entities(found: _Governments, entities: list[Entity], outlets: dict[str, str]) -> list[Entity]:
    """The story's entities, each country with the government phrases added to it."""
    result = []
    for n, entity in enumerate(entities):
        extra = [x for x in found.added.get(n, []) if (x.article, x.start, x.end) not in found.taken]
        if extra or n in found.shrunk:
            entity = _with_mentions(
                entity, [m for m in entity.mentions if m.id not in found.dropped], extra, outlets
            )
        result.append(entity)
    return result


def _administration_entities(
    administrations: dict[int, list[Mention]], outlets: dict[str, str]
) -> list[Entity]:
    """One entity per head's government whose country the story does not say."""
    result = []
    for phrases in administrations.values():
        mentions = sorted(
            {(x.article, x.start): x for x in phrases}.values(), key=lambda x: (x.article, x.start)
        )
        # Named as the story writes it ("Trump administration", "Kim government"), not "his …".
        named_forms = Counter(
            re.sub(r"^[Tt]he\s+", "", x.text)
            for x in phrases
            if not (len(x.text.split()) == 2 and x.text.split()[0].lower() in ("his", "her", "the", "this"))
        )
        name = named_forms.most_common(1)[0][0] if named_forms else phrases[0].text
        result.append(
            Entity(
                id="",
                name=name,
                type="ORG",
                aliases=sorted({x.text for x in mentions} - {name}),
                mentions=mentions,
                outlets=sorted({outlets.get(x.article, x.article) for x in mentions}),
                article_count=len({x.article for x in mentions}),
            )
        )
    return result


def _named_just_before(spans: list[tuple[int, int]], start: int) -> int | None:
    """The entity named last before ``start`` (sorted ``(offset, entity)`` spans), if it was
    named at most ``_RECENT`` characters back."""
    k = bisect.bisect_left(spans, (start, -1))
    if k == 0 or start - spans[k - 1][0] > _RECENT:
        return None
    return spans[k - 1][1]


def _phrases(article: str, text: str, pattern: tuple[tuple[str, ...], tuple[str, ...]]) -> list[Mention]:
    """Every "<determiner> <noun>" of ``pattern`` in the text ("his administration"), found by
    the noun (a plain substring search: a regex scan of every article costs more than the rest)."""
    determiners, nouns = pattern
    found = []
    for noun in nouns:
        start = text.find(noun)
        while start >= 0:
            end = start + len(noun)
            before = _DETERMINER_BEFORE.search(text, max(0, start - _DETERMINER_LOOKBACK), start)
            if (
                before is not None
                and before.group(1).lower() in determiners
                and not _NOT_THE_BODY.match(text, end)
                and (start == 0 or not text[start - 1].isalnum())
            ):
                begin = before.start(1)
                found.append(
                    Mention(
                        id=f"{article}:gov{begin}",
                        article=article,
                        start=begin,
                        end=end,
                        text=text[begin:end],
                        kind="role",
                    )
                )
            start = text.find(noun, end)
    return found


def _with_mentions(
    entity: Entity, kept: list[Mention], extra: list[Mention], outlets: dict[str, str]
) -> Entity:
    unique = {(x.article, x.start, x.end): x for x in [*kept, *extra]}
    mentions = sorted(unique.values(), key=lambda x: (x.article, x.start))
    seen = sorted({x.article for x in mentions})
    return entity.model_copy(
        update={
            "mentions": mentions,
            "aliases": sorted({*entity.aliases, *(x.text for x in extra)} - {entity.name}),
            "article_count": len(seen),
            "outlets": sorted({outlets.get(a, a) for a in seen}),
        }
    )


def _led_country(person: Entity, countries: dict[str, int]) -> int | None:
    """The story's country that a person heads, by their roles ("Japanese Prime Minister")."""
    votes: Counter[int] = Counter()
    for role in person.roles:
        words = re.sub(r"['’]s\b", "", role.role).split()
        lower = " ".join(words).lower()
        if not any(lower == o or lower.endswith(" " + o) for o in _HEAD_OFFICES):
            continue
        if any(w in ("vice", "deputy", "assistant") for w in lower.split()):
            continue
        for size in range(_COUNTRY_NAME_MAX_WORDS, 0, -1):
            hits = {
                hit[0]
                for k in range(len(words) - size + 1)
                if (hit := country_of(" ".join(words[k : k + size]))) and hit[1] in ("name", "demonym")
            }
            if hits:
                for country in hits:
                    if country in countries:
                        votes[countries[country]] += 1
                break
    best = votes.most_common(2)
    if not best or (len(best) == 2 and best[0][1] == best[1][1]):
        return None
    return best[0][0]
