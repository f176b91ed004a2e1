"""Resolve: one entity per real person or body across the story, and who each quote is by.

Per-article entities (``LocalEntity``) are merged across articles:

- a person by full name (first + last word, titles dropped); a one-word name ("Desai",
  "Sir Keir") joins the one full name in the story it can belong to;
- an organisation or place by a normalised key ("the Labour party" = "Labour"), and by
  abbreviation ("Lib Dems" = "Liberal Democrats": each word a prefix of the other's);
- a one-word name's type is settled by a vote across the story, so the article where the
  small model called "Luton" a person is outvoted by the ones that call it a place; a surname
  of a person named in full ("Trump" of "Donald Trump") stays a person wherever it is tagged
  ORG or GPE, and a longer name the story mostly tags as a place ("Ashby Cross") is one;
- a country with its other names, demonyms, capital and seat of government ("the U.S.",
  "Americans", "Washington", "the White House": metonymy; ``data/countries.txt``), and "the
  North" with the one country of the story it starts;
- names spelled with and without a hyphen ("Kim Jong Un", "Kim Jong-un") or cut at one
  ("Moon Jae" of "Moon Jae-in");
- groups of people named by a common noun ("the migrants", "the caravan") by head noun, kept
  only when two articles write about them as a known participant; a collective and the people
  the story says it is made of ("the migrant caravan", "a caravan of … migrants") are one;
- a bare surname the tagger missed is added where it stands alone in the story's text;
- a person's role phrase ("Japanese Prime Minister" before the name, an appositive) is a
  mention of them;
- a country's government and agents join the country: "the U.S. government", "American
  officials", "the Trump administration" (the country its head leads, where the story's roles
  say which), "his administration", "the administration", and "the country" for the country
  named just before (``_add_governments``).

Candidates are blocked by key (a dict lookup, or a sorted run of prefixes for abbreviations),
and per-word answers are computed once per word, so cost grows with the number of mentions,
not with its square. Quotes are then linked to the entity whose mention covers the quote's
speaker span, or whose name matches the speaker's resolved name.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from storyline.extract.entities import ROLE_NOUNS, TITLES, name_tokens, org_key
from storyline.model import Article, Cite, Entity, EntityType, Event, LocalEntity, Mention, Quote
from storyline.vocabulary import (
    COLLECTIVE_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    OFFICE_TITLES,
    country_of,
    place_key,
)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_entities(local: Sequence[LocalEntity], articles: Sequence[Article]) -> list[Entity]:
    """Merge per-article entities into story entities (ids e1, e2, … by salience later)."""
    items = _story_groups(list(local))
    types = _vote_types(items)
    uf = _UnionFind(len(items))
    _merge_people(items, types, uf)
    _merge_bodies(items, types, uf)
    _merge_group_members(items, articles, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    outlets = {a.id: a.outlet or a.id for a in articles}
    voted = [
        e.model_copy(update={"type": t}) if e.type != t else e for e, t in zip(items, types, strict=True)
    ]
    entities = [_build_entity([voted[i] for i in members], outlets) for members in groups.values()]
    entities = _add_bare_names(entities, articles, outlets)
    entities = _add_role_mentions(entities)
    return _add_governments(entities, articles, outlets)


_CAPITALISED = re.compile(r"[A-Z][\w'’]*(?:['’]s)?")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _add_bare_names(
    entities: list[Entity], articles: Sequence[Article], outlets: dict[str, str]
) -> list[Entity]:
    """Add the bare surnames the tagger missed ("Trump hates the deal" as a headline).

    Once a story names a person in full and calls them by one word ("Trump", or "Kim" for Kim
    Jong Un), that word, standing alone elsewhere in the story, is the same person: one sense
    per story. A word two people of the story go by, or that is also the name of a body or
    place, is left alone; so is a word inside a longer name ("Melania Trump", "Trump Tower",
    "Trump-Abe").
    """
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
    bare_names = {w: next(iter(o)) for w, o in owners.items() if len(o) == 1 and w not in others}
    if not bare_names:
        return entities
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
                if _inside_name(text, start, end) or _overlaps(spans, start, end):
                    continue
                added[bare_names[word]].append(
                    Mention(id=f"{article.id}:b{start}", article=article.id, start=start, end=end, text=word)
                )
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


_CLAUSE_VERB = re.compile(
    r"(?:represent|lead|chair|head|run|manage|direct)(?:s|ed)?$|led$|ran$|managed?$", re.IGNORECASE
)


def _add_role_mentions(entities: list[Entity]) -> list[Entity]:
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
            if not words or _CLAUSE_VERB.match(words[0]) or _overlaps(here, role.start, role.end):
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


# -- governments and "the country" ---------------------------------------------------------------

# Offices whose holder heads a country's government ("French President", "North Korean leader").
_HEAD_OFFICES = {
    "president", "prime minister", "premier", "chancellor", "leader", "dictator", "king", "queen",
    "emperor", "monarch", "emir", "sultan", "supreme leader",
}  # fmt: skip
_GOVERNMENT = re.compile(r"(?:['’]s)?\s+(administration|government)\b(?!\s+officials?\b)")
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
_RECENT = 300  # characters back to the country that "the country" takes up


def _add_governments(
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
    countries: dict[str, int] = {}
    for n, entity in enumerate(entities):
        hit = country_of(entity.name)
        if entity.type == "GPE" and hit is not None and hit[1] == "name":
            countries.setdefault(hit[0], n)
    if not countries:
        return entities
    leads = {
        n: c
        for n, e in enumerate(entities)
        if e.type == "PERSON" and (c := _led_country(e, countries)) is not None
    }
    texts = {a.id: a.text for a in articles}
    added: dict[int, list[Mention]] = defaultdict(list)
    dropped: set[str] = set()  # a country's mentions that grew into a longer phrase
    shrunk: set[int] = set()
    administrations: dict[int, list[Mention]] = defaultdict(list)  # by the head, country unknown
    heads: dict[str, list[tuple[int, int]]] = defaultdict(list)  # article -> (start, head)
    named: dict[str, list[tuple[int, int]]] = defaultdict(list)  # article -> (start, country)
    taken: set[tuple[str, int, int]] = set()
    country_ids = set(countries.values())
    for n, entity in enumerate(entities):
        is_country = n in country_ids
        if not is_country and not (entity.type == "PERSON" and len(name_tokens(entity.name)) > 1):
            continue
        for m in entity.mentions:
            text = texts.get(m.article, "")
            taken.add((m.article, m.start, m.end))
            if is_country:
                named[m.article].append((m.start, n))
            elif n in leads or m.kind != "role":
                heads[m.article].append((m.start, n))
            after = _GOVERNMENT.match(text, m.end)
            if after is None and is_country:
                after = _OFFICIALS.match(text, m.end)
            if after is None or m.kind == "role":
                continue
            the = _THE_BEFORE.search(text, max(0, m.start - 4), m.start)
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
                added[n].append(phrase)
                dropped.add(m.id)
                shrunk.add(n)
            elif n in leads:
                added[leads[n]].append(phrase)
            else:
                administrations[n].append(phrase)
    # "his administration": the head named last before it.
    for article_id, spans in heads.items():
        spans.sort()
        text = texts.get(article_id, "")
        for mention in _phrases(article_id, text, _PRONOUN_GOVERNMENT):
            k = bisect.bisect_left(spans, (mention.start, -1))
            if k == 0 or mention.start - spans[k - 1][0] > _RECENT:
                continue
            head = spans[k - 1][1]
            if head in leads:
                added[leads[head]].append(mention)
            elif head in administrations:
                administrations[head].append(mention)
    # "the administration": the one the article, else the story, names.
    named_admins: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for head, phrases in administrations.items():
        for x in phrases:
            named_admins[x.article].add(("admin", head))
    for n, phrases in added.items():
        for x in phrases:
            if "administration" in x.text.lower():
                named_admins[x.article].add(("country", n))
    story_admins = {a for found in named_admins.values() for a in found}
    for article in articles:
        found = named_admins.get(article.id) or story_admins
        if len(found) != 1:
            continue
        kind, target = next(iter(found))
        for mention in _phrases(article.id, article.text, _THE_ADMINISTRATION):
            (added if kind == "country" else administrations)[target].append(mention)
    # "the country": the country named last, a few sentences back at most.
    for article_id, spans in named.items():
        spans.sort()
        text = texts.get(article_id, "")
        for mention in _phrases(article_id, text, _THE_COUNTRY):
            k = bisect.bisect_left(spans, (mention.start, -1))
            if k == 0 or mention.start - spans[k - 1][0] > _RECENT:
                continue
            added[spans[k - 1][1]].append(mention)
    result = []
    for n, entity in enumerate(entities):
        extra = [x for x in added.get(n, []) if (x.article, x.start, x.end) not in taken]
        if extra or n in shrunk:
            entity = _with_mentions(
                entity, [m for m in entity.mentions if m.id not in dropped], extra, outlets
            )
        result.append(entity)
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


def _phrases(article: str, text: str, pattern: tuple[tuple[str, ...], tuple[str, ...]]) -> list[Mention]:
    """Every "<determiner> <noun>" of ``pattern`` in the text ("his administration"), found by
    the noun (a plain substring search: a regex scan of every article costs more than the rest)."""
    determiners, nouns = pattern
    found = []
    for noun in nouns:
        start = text.find(noun)
        while start >= 0:
            end = start + len(noun)
            before = _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
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
        for size in (3, 2, 1):
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
    after = text[end : end + 3]
    if re.match(r"\s*-|\s+[A-Z]", after) or re.search(r"-\s*$", text[max(0, start - 3) : start]):
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before is None or not before.group(1)[:1].isupper():
        return False
    word = before.group(1).lower().rstrip(".")
    if word in _PERSON_TITLES:
        return False
    preceding = text[max(0, start - 40) : start - len(before.group(0))].rstrip(" \t")
    return not (preceding == "" or preceding[-1] in ".!?\"“”‘’'(\n:;")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, k - 8) : k])


def _is_group(entity: LocalEntity) -> bool:
    """A group named by a common noun ("the migrants"): extract names it by its lowercase lemma."""
    return entity.type == "NORP" and entity.name.islower()


_DEFINITE = ("the ", "these ", "those ")


def _story_groups(items: list[LocalEntity]) -> list[LocalEntity]:
    """Keep the common-noun groups the story follows: those two or more of its articles write
    about as a known participant ("the migrants"). Elsewhere "migrants" is no one in particular."""
    articles: dict[str, set[str]] = defaultdict(set)
    for e in items:
        if _is_group(e) and any(m.text.lower().startswith(_DEFINITE) for m in e.mentions):
            articles[e.name].add(e.article)
    return [e for e in items if not _is_group(e) or len(articles[e.name]) >= 2]


_MEMBERS_AFTER = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0,4}?([a-z]+s)\b")


def _merge_group_members(items: list[LocalEntity], articles: Sequence[Article], uf: _UnionFind) -> None:
    """A collective and the people it is made of, where the story says so, are one participant:
    after "the migrant caravan" or "a caravan of asylum seekers", "the migrants" and "the asylum
    seekers" are the caravan's people, the group the story follows (both kept by
    ``_story_groups``). The members are read from the collective's own mentions: a group noun
    before it ("migrant caravan") or an "of" phrase after it ("caravan of … migrants")."""
    groups: dict[str, int] = {}
    for i, e in enumerate(items):
        if _is_group(e):
            groups.setdefault(e.name, i)
    if not any(name in COLLECTIVE_NOUNS for name in groups):
        return
    texts = {a.id: a.text for a in articles}
    for i, e in enumerate(items):
        if not _is_group(e) or e.name not in COLLECTIVE_NOUNS:
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


def _person_words(entity: LocalEntity) -> tuple[str, ...]:
    return _lower_name_words(entity.name)


@lru_cache(maxsize=65536)
def _lower_name_words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in name_tokens(name))


def _vote_types(items: list[LocalEntity]) -> list[EntityType]:
    """Each entity's type after the story-wide vote on one-word names."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names = [(e.article, _person_words(e)) for e in items if e.type == "PERSON"]
    surnames = {(article, words[-1]) for article, words in names if len(words) > 1}
    # Family names come first in Korean, Chinese and Hungarian names: "Kim" of "Kim Jong Un".
    family_first = {(article, words[0]) for article, words in names if len(words) > 2}
    all_name_words = {w for _, words in names if len(words) > 1 for w in words}
    surnames_anywhere = {last for _, last in surnames}
    for e in items:
        if len(e.name.split()) == 1:
            votes[e.name.lower()][e.type] += len(e.mentions)
            # "Mr. Trump", "President Trump": a title is strong evidence of a person.
            titled = sum(1 for m in e.mentions if m.text.split()[0].lower().rstrip(".") in _PERSON_TITLES)
            votes[e.name.lower()]["PERSON"] += 3 * titled
    bodies = {_folded(e.name): e.type for e in items if e.type != "PERSON"}
    places = _place_votes(items)
    types: list[EntityType] = []
    for e in items:
        word = e.name.lower()
        untitled = not any(m.kind == "title" for m in e.mentions)
        if len(e.name.split()) > 1 and untitled and e.type != "GPE" and org_key(e.name) in places:
            types.append("GPE")  # "Ashby Cross" is the ward the other articles call "Ashby Cross ward"
        elif e.type == "PERSON" and untitled and _folded(e.name) in bodies and word not in all_name_words:
            # "Lib Dem" beside "the Lib Dems" is the party; but "Trump", tagged ORG in one
            # article, stays the surname of the story's Donald Trump.
            types.append(bodies[_folded(e.name)])
        elif len(e.name.split()) != 1:
            types.append(e.type)
        elif (e.article, word) in surnames or (e.article, word) in family_first:
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


def _place_votes(items: list[LocalEntity]) -> set[str]:
    """The multi-word names the story mostly tags as a place (by mentions, titled ones aside)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in items:
        if len(e.name.split()) > 1 and not any(m.kind == "title" for m in e.mentions):
            place = e.type in ("GPE", "LOC", "FAC")
            votes[org_key(e.name)]["place" if place else e.type] += len(e.mentions)
    return {key for key, v in votes.items() if v["place"] > max(v["PERSON"], v["ORG"])}


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    """A name with plural endings folded: "Lib Dems" and "Lib Dem" meet."""
    return " ".join(w.rstrip("s") for w in org_key(name).split())


_PERSON_TITLES = HONORIFICS | OFFICE_TITLES


def _merge_people(items: list[LocalEntity], types: list[EntityType], uf: _UnionFind) -> None:
    full: dict[tuple[str, str], int] = {}
    by_last: dict[str, set[tuple[str, str]]] = defaultdict(set)
    by_first: dict[str, set[tuple[str, str]]] = defaultdict(set)
    weight: Counter[tuple[str, str]] = Counter()
    lone: dict[str, int] = {}
    spelled: dict[str, int] = {}
    owners: dict[tuple[str, bool, str | None], _SurnameOwners] = {}
    for i, e in enumerate(items):
        words = _person_words(e)
        if types[i] != "PERSON" or len(words) < 2:
            continue
        key = (words[0], words[-1])
        if key in full:
            uf.union(full[key], i)
        else:
            full[key] = i
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
        words = _person_words(e)
        if types[i] != "PERSON" or len(words) != 1:
            continue
        word = words[0]
        knighted = any(m.text.split()[0].lower() in ("sir", "dame") for m in e.mentions if m.text.split())
        block = (word, knighted, e.gender)
        if block not in owners:  # once per word, not per mention: a name shared by many stays cheap
            pool = (by_first[word] if knighted else set()) or by_last[word] or by_first[word]
            pool = {k for k in pool if items[full[k]].gender in (None, e.gender) or e.gender is None}
            owners[block] = _SurnameOwners(*_one_per_person(pool, full, items, weight, uf))
        target = owners[block].owner(e.article)
        if target is not None:
            uf.union(full[target], i)
        elif not owners[
            block
        ].pool:  # a one-word name with no full form in the story: the same word is one person
            if word in lone:
                uf.union(lone[word], i)
            else:
                lone[word] = i


def _letters(words: Sequence[str]) -> str:
    """A full name's letters, without spaces or hyphens: "Kim Jong - un" -> "kimjongun"."""
    return "".join(words).replace("-", "")


def _merge_cut_names(
    items: list[LocalEntity], types: list[EntityType], uf: _UnionFind, spelled: dict[str, int]
) -> None:
    """The tagger often stops a name at a hyphen: "Moon Jae" for "Moon Jae-in". A two-or-more
    word name that is exactly a hyphenated name up to its last hyphen is that person."""
    for i, e in enumerate(items):
        if types[i] != "PERSON":
            continue
        text = re.sub(r"\s*-\s*", "-", " ".join(_person_words(e)))
        if "-" not in text:
            continue
        head = text[: text.rindex("-")].split()
        if len(head) >= 2 and _letters(head) in spelled:
            uf.union(spelled[_letters(head)], i)


_Name = tuple[str, str]


def _one_per_person(
    pool: set[_Name], full: dict[_Name, int], items: list[LocalEntity], weight: Counter[_Name], uf: _UnionFind
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
        if len(ranked) == 1 or (len(ranked) >= 2 and weight[ranked[0]] >= 2 * weight[ranked[1]]):
            self.dominant = ranked[0]

    def owner(self, article: str) -> _Name | None:
        if len(self.pool) == 1:
            return self.dominant
        same_article = self.by_article.get(article, [])
        return same_article[0] if len(same_article) == 1 else self.dominant


def _merge_bodies(items: list[LocalEntity], types: list[EntityType], uf: _UnionFind) -> None:
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
    _merge_countries(items, types, uf)


def _merge_abbreviations(keys: list[tuple[int, str]], uf: _UnionFind) -> None:
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
            if min(map(len, stems)) < 3:
                continue
            runs = [
                (bisect.bisect_left(heads[p], stem), bisect.bisect_left(heads[p], stem + "\U0010ffff"), p)
                for p, stem in enumerate(stems)
            ]
            lo, hi, p = min(runs, key=lambda r: r[1] - r[0])
            for _, j in columns[p][lo:hi]:
                if j != i and _is_abbreviation(words, words_of[j]):
                    uf.union(i, j)


_COMPASS = {"north", "south", "east", "west"}


def _merge_countries(items: list[LocalEntity], types: list[EntityType], uf: _UnionFind) -> None:
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


_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "with", "in"}


def _acronym(name: str) -> str | None:
    """The letters a body or country goes by: "U.S." -> "us", "United States" -> "us"."""
    words = [w for w in re.sub(r"['’]s$", "", name).split() if w.lower() not in _ACRONYM_SKIP]
    if len(words) == 1:
        letters = words[0].replace(".", "")
        is_acronym = "." in words[0] or words[0].isupper()
        return letters.lower() if is_acronym and 2 <= len(letters) <= 5 and letters.isalpha() else None
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return initials.lower() if len(initials) == len(words) and len(initials) >= 2 else None


def _is_abbreviation(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """ "lib dems" ~ "liberal democrats": every word of one is a 3+ letter prefix of the other's."""
    if wa == wb or len(wa) != len(wb):
        return False
    short, long_ = (wa, wb) if sum(map(len, wa)) <= sum(map(len, wb)) else (wb, wa)
    for s, w in zip(short, long_, strict=True):
        stem = s.rstrip("s")
        if len(stem) < 3 or not w.startswith(stem):
            return False
    return True


def _build_entity(members: list[LocalEntity], outlets: dict[str, str]) -> Entity:
    mentions = [m for e in members for m in e.mentions]
    roles = [r for e in members for r in e.roles]
    type_votes = Counter(e.type for e in members for _ in e.mentions)
    entity_type: EntityType = type_votes.most_common(1)[0][0]
    if any(len(e.name.split()) > 1 and e.type == "PERSON" for e in members):
        entity_type = "PERSON"
    name = _best_name(members, entity_type)
    if all(_is_group(e) for e in members):  # "the migrants", as the articles write it
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


# -- quotes and salience ------------------------------------------------------------------------


def attribute_quotes(quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Set each quote's ``speaker`` to the entity its speaker span or resolved name points at."""
    by_article: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            by_article[m.article].append((m.start, m.end, entity))
    people = [e for e in entities if e.type == "PERSON"]
    resolved = []
    for quote in quotes:
        speaker = (
            _speaker_by_span(quote, by_article[quote.article])
            or _speaker_by_name(quote, people)
            or _speaker_by_role(quote, people)
        )
        joint = _joint_speakers(quote, by_article[quote.article], speaker)
        resolved.append(
            quote.model_copy(update={"speaker": speaker.id if speaker else None, "speakers": joint})
        )
    return resolved


def _joint_speakers(quote: Quote, spans: list[tuple[int, int, Entity]], speaker: Entity | None) -> list[str]:
    """Every person named in the speaker span ("Sarah Owen … and Rachel Hopkins said"), speaker first."""
    ids = [speaker.id] if speaker else []
    if quote.speaker_start is not None and quote.speaker_end is not None:
        for s, t, entity in sorted(spans, key=lambda x: x[0]):
            inside = quote.speaker_start <= s and t <= quote.speaker_end
            if inside and entity.type == "PERSON" and entity.id not in ids:
                ids.append(entity.id)
    return ids


def _speaker_by_span(quote: Quote, spans: list[tuple[int, int, Entity]]) -> Entity | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    hits = [e for s, t, e in spans if s < quote.speaker_end and quote.speaker_start < t]
    people = [e for e in hits if e.type == "PERSON"]
    if people:
        return people[0]
    # A body speaks only when its name heads the phrase: "the Lib Dems said", not
    # "a Labour spokesman said" (whose head is the spokesman).
    heads = [e for s, t, e in spans if s < quote.speaker_end and t >= quote.speaker_end - 1]
    return heads[0] if heads else None


def _speaker_by_role(quote: Quote, people: list[Entity]) -> Entity | None:
    """ "The Labour leader said": the one person in the story whose role says so."""
    phrase = (quote.speaker_text or "").lower().split()
    if not phrase or phrase[0] in ("a", "an"):
        return None  # "a Labour spokesman" is someone unnamed, not a known holder of the role
    if phrase[0] == "the":
        phrase = phrase[1:]
    if not phrase or phrase[-1] not in ROLE_NOUNS:
        return None
    wanted = " ".join(phrase)
    holders = [e for e in people if any(wanted in r.role.lower() for r in e.roles)]
    return holders[0] if len(holders) == 1 else None


def _speaker_by_name(quote: Quote, people: list[Entity]) -> Entity | None:
    name = quote.speaker_name or quote.speaker_text
    if not name:
        return None
    words = [w.lower() for w in name_tokens(name)]
    if not words:
        return None
    in_article = [e for e in people if any(m.article == quote.article for m in e.mentions)]
    for pool in (in_article, people):
        exact = [e for e in pool if [w.lower() for w in e.name.split()] == words]
        if exact:
            return exact[0]
        last = [e for e in pool if e.name.split() and e.name.split()[-1].lower() == words[-1]]
        if len(last) == 1:
            return last[0]
    return None


def rank_entities(entities: list[Entity], quotes: list[Quote]) -> list[Entity]:
    """Salience = mentions + 2 × quotes + 3 × articles, scaled to 0–1; ids follow the rank."""
    quote_counts = Counter(q.speaker for q in quotes if q.speaker)
    scored = []
    for entity in entities:
        count = quote_counts.get(entity.id, 0)
        raw = len(entity.mentions) + 2 * count + 3 * entity.article_count
        scored.append((raw, entity.model_copy(update={"quote_count": count})))
    top = max((s for s, _ in scored), default=1) or 1
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [e.model_copy(update={"salience": round(s / top, 3)}) for s, e in scored]


# -- events ---------------------------------------------------------------------------------------


def merge_events(events: list[Event], entities: list[Entity], articles: Sequence[Article]) -> list[Event]:
    """Give events their actors, and make one event of the same happening in several articles.

    Two events are the same when they have the same date and share an actor, or the same date
    and most of their content words. The earliest-published article's version leads; the
    others become its ``sources``.
    """
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            spans[m.article].append((m.start, m.end, entity.id))
    with_actors = [
        v.model_copy(
            update={"actors": sorted({eid for s, t, eid in spans[v.article] if v.start <= s and t <= v.end})}
        )
        for v in events
    ]
    order = {a.id: (a.published or "9999", n) for n, a in enumerate(articles)}
    with_actors.sort(key=lambda v: (v.date, order.get(v.article, ("9999", 0)), v.start))
    merged: list[Event] = []
    for event in with_actors:
        target = next((m for m in merged if _same_happening(m, event)), None)
        if target is None:
            merged.append(event)
        elif event.article != target.article and all(s.article != event.article for s in target.sources):
            source = Cite(article=event.article, start=event.start, end=event.end, text=event.text)
            merged[merged.index(target)] = target.model_copy(
                update={
                    "sources": [*target.sources, source],
                    "actors": sorted({*target.actors, *event.actors}),
                }
            )
    return [e.model_copy(update={"id": f"v{n + 1}"}) for n, e in enumerate(merged)]


def _same_happening(a: Event, b: Event) -> bool:
    if a.date != b.date:
        return False
    if a.article == b.article:
        return a.start == b.start
    if set(a.actors) & set(b.actors):
        return True
    wa, wb = _content_words(a.text), _content_words(b.text)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def _content_words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > 3}


# -- role nouns as mentions ---------------------------------------------------------------------

_ROLE_PHRASE = re.compile(
    r"\b(?:the|The)\s+(?P<mods>(?:[\w'’-]+\s+){0,3}?)(?P<noun>"
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
    if len(ranked) >= 2 and len(ranked[0].mentions) >= 1.5 * len(ranked[1].mentions):
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
