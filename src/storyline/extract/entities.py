"""People, organisations and places in one article, with their roles.

``extract_entities(doc, article_id)`` returns one ``LocalEntity`` per person or body the
article mentions: its mentions (names, titled names) merged inside the article, and the
roles the article gives it ("Luton council leader", "MP for Luton South"), each cited.

The small spaCy model slips in known ways; rules here mend the ones that matter for news:
a title ("Cllr", "Ms", "Sir") makes a person; a name followed by "ward" or "council" is a
place (so is an organisation before "ward"); a "person" that is really a role ("Luton North
MP") is not a person; "Maybe Rishi Sunak's" loses its adverb and possessive; a party trimmed
from a name ("Blackburn Labour" councillor) only where the name modifies a noun. Groups of
people named by a common noun ("the migrants", "the caravan") are kept as NORP entities
named by the noun's lemma; "the caravan's members" and "members of the caravan" are mentions of
the caravan. Disagreements between articles (the same word a
person here and a place there) are settled later, in resolve, by a vote across the story.

More mended slips, most of them common in a truecased scrape: a province after a town
("Oakville, Ont.") and a list or route of places ("Calgary, Brooks and Medicine Hat", "through
Medicine Hat") are places; a school, hospital or tower named after a person is not the person,
and grows over its lowercased noun ("James Hill high school", "Trump tower"); a name stops
before the clause's verb ("Kim May simply be") and goes on over a hyphenated given name ("Moon
Jae - in"); "Justin Trudeau's Liberals" is a person and a party; "the Obama Administration" gives
the person (resolve builds the government); a name with a digit ("Bill C-48"), a capitalised
generic body ("the Federal Government", "the Legislature") and an adjective for people
("Indigenous communities", "Black Canadians") are not bodies or people; a short name tagged as a
body whose last word the article calls a person ("Damon Green" beside "Green said") is that
person; a one-word "body" before a common noun ("the Glenholm arena") is the place the article
tags elsewhere ("in Glenholm"). A bare surname that mostly stands before the only full name
that has it ("President Trump … first lady Melania Trump") is not that person
(``introduced_late``). A bare surname the tagger missed ('," Okonkwo states.') is added where
the article names that person in full or mostly tags the word as a person, and never as a place
or a date; a lone surname tagged as a people but acting as a person ("Wendl expects") is a
person; the portfolio of "Secretary of State" is part of the title, not a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from storyline.model import EntityType, LocalEntity, Mention, Role
from storyline.vocabulary import COLLECTIVE_NOUNS, GROUP_NOUNS, HONORIFICS, OFFICE_TITLES, country_of

KEPT_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "LOC": "LOC",
    "FAC": "FAC",
}
TITLES = HONORIFICS
FEMALE_TITLES = {"dame", "lady", "baroness", "mrs", "ms", "miss"}
MALE_TITLES = {"sir", "lord", "baron", "mr"}
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
PLACE_NOUNS = {
    "ward",
    "council",
    "borough",
    "constituency",
    "street",
    "road",
    "town",
    "city",
    "county",
    "district",
    "village",
    "valley",
    "lane",
    "avenue",
    "square",
    "bridge",
}
# Place nouns that follow an area's name but never a body's ("Harwick council" is the body).
_AREA_NOUNS = {"ward", "constituency", "district", "village", "street", "road", "lane", "avenue", "square"}
_RELCL_ROLE_VERBS = {"represent", "lead", "chair", "head", "run", "manage", "direct"}


@dataclass
class _Candidate:
    start: int  # token indices
    end: int
    label: EntityType
    title: str | None = None  # lowercase title word, when the mention starts with one


@dataclass
class _Cluster:
    name_tokens: list[str]
    label: EntityType
    mentions: list[tuple[_Candidate, Span]] = field(default_factory=list)


def extract_entities(doc: Doc, article_id: str) -> list[LocalEntity]:
    """The article's entities, each with its mentions and roles, in order of first mention."""
    candidates = _candidates(doc)
    clusters = _cluster(doc, candidates)
    entities = []
    for n, cluster in enumerate(clusters):
        mentions = [
            Mention(
                id=f"{article_id}:m{n}.{k}",
                article=article_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind="title" if cand.title else "name",
            )
            for k, (cand, span) in enumerate(cluster.mentions)
        ]
        roles = _roles(doc, cluster, article_id, n) if cluster.label == "PERSON" else []
        entities.append(
            LocalEntity(
                article=article_id,
                name=" ".join(cluster.name_tokens),
                type=cluster.label,
                mentions=mentions,
                roles=roles,
                gender=_cluster_gender(cluster) if cluster.label == "PERSON" else None,
            )
        )
    taken = {i for cand in candidates for i in range(cand.start, cand.end)}
    entities.extend(_groups(doc, article_id, taken))
    return entities


# -- groups of people ---------------------------------------------------------------------------


def _groups(doc: Doc, article_id: str, taken: set[int]) -> list[LocalEntity]:
    """The groups of people the article writes about with a common noun: "the caravan", "the
    migrants", "Central American migrants", "supporters" (``GROUP_NOUNS``).

    One entity per head noun, typed NORP, named by the lowercase lemma; resolve keeps only the
    groups a story writes about as definite participants in two or more articles.
    """
    found: dict[str, list[Span]] = {}
    for chunk in doc.noun_chunks:
        root = chunk.root
        members = root.lemma_.lower() in _MEMBER_NOUNS
        for token in chunk:
            if token.dep_ == "poss" and token.lemma_.lower() in GROUP_NOUNS and token.i not in taken:
                # "the caravan's members" are the caravan; "the caravan's route" mentions it.
                end = root.i + 1 if members and token.lemma_.lower() in COLLECTIVE_NOUNS else token.i + 1
                found.setdefault(token.lemma_.lower(), []).append(doc[chunk.start : end])
        if members and root.i not in taken:
            of = [c for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
            whole = [c for c in of if c.dep_ == "pobj" and c.lemma_.lower() in COLLECTIVE_NOUNS]
            if whole and whole[0].i not in taken:  # "members of the caravan"
                found.setdefault(whole[0].lemma_.lower(), []).append(doc[chunk.start : whole[0].i + 1])
                taken.add(whole[0].i)
                continue
        lemma = root.lemma_.lower()
        if lemma not in GROUP_NOUNS or root.ent_type_ or root.i in taken or chunk[0].lower_ == "no":
            continue  # "Central American migrants" is a group; "no asylum seekers" is none
        if root.tag_ != "NNS" and lemma not in COLLECTIVE_NOUNS:
            continue  # "a migrant" is one person; "the caravan" is the group
        start = chunk.start
        while start < root.i and (doc[start].tag_ in ("PRP$", "POS") or doc[start].pos_ == "NUM"):
            start += 1  # "their supporters", "200 migrants": the group noun phrase without them
        found.setdefault(lemma, []).append(doc[start : root.i + 1])
    return [
        LocalEntity(
            article=article_id,
            name=lemma,
            type="NORP",
            mentions=[
                Mention(
                    id=f"{article_id}:g{n}.{k}",
                    article=article_id,
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                )
                for k, span in enumerate(spans)
            ],
        )
        for n, (lemma, spans) in enumerate(found.items())
    ]


# The people a collective is made of: "the caravan's members", "members of the caravan".
_MEMBER_NOUNS = {"member", "participant"}


# -- finding mentions ---------------------------------------------------------------------------


def _candidates(doc: Doc) -> list[_Candidate]:
    found: list[_Candidate] = []
    taken: set[int] = set()
    votes = _label_votes(doc)
    people = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
    for ent in doc.ents:
        label = KEPT_LABELS.get(ent.label_)
        if label is None:
            continue
        ent, label = _head_of_government(doc, ent, label, votes, people)
        for part, part_label in _split_possessive(doc, ent, label, votes):
            cand = _mend(doc, part, part_label, votes)
            if cand is not None:
                found.append(cand)
                taken.update(range(cand.start, cand.end))
    found.extend(_titled_names(doc, taken))
    found.extend(_repeated_surnames(doc, found, taken, votes))
    found.sort(key=lambda c: c.start)
    return found


def _repeated_surnames(
    doc: Doc, found: list[_Candidate], taken: set[int], votes: dict[str, str]
) -> list[_Candidate]:
    """Bare surnames the tagger missed where the article uses them ('," Okonkwo states.'):
    the last word of a full name found as a person, or a lone name the article mostly tags as
    a person ("Trump"), capitalised and not all capitals, where the tagger never calls that
    word a place, a date or the like (not "May" the month)."""
    surnames = {
        doc[c.end - 1].text
        for c in found
        if c.label == "PERSON"
        and doc[c.end - 1].is_alpha
        and (c.end - c.start >= 2 or votes.get(doc[c.start].lower_) == "PERSON")
    }
    # A bare surname tagged as a body is a common slip of the tagger; as a place or a date, the
    # word has another sense in this article ("Washington", "May").
    other = {t.text for e in doc.ents if e.label_ not in ("PERSON", "ORG", "NORP") for t in e}
    surnames = {w for w in surnames if w[:1].isupper() and not w.isupper() and w not in other}
    added = []
    for token in doc:
        if token.i in taken or token.text not in surnames or token.pos_ not in ("PROPN", "NOUN"):
            continue
        if any(_is_proper_noun(doc, k) for k in (token.i - 1, token.i + 1)):
            continue  # part of a longer name: "Okonkwo Ross", "Nora Foster"
        added.append(_Candidate(token.i, token.i + 1, "PERSON"))
        taken.add(token.i)
    return added


_GOVERNMENT_NOUNS = {"administration", "government"}


def _head_of_government(
    doc: Doc, ent: Span, label: EntityType, votes: dict[str, str], people: set[str]
) -> tuple[Span, EntityType]:
    """The person in a body tagged with their name ("the Obama Administration", "the Trudeau
    Government"): their name, a person the article names; resolve builds the government from it,
    as it does for "the Obama administration" where the model tags only the name. A person is a
    word the article tags as one somewhere ("Trudeau", not "Ontario")."""
    end = ent.end - 1 if ent[-1].tag_ == "POS" else ent.end
    if label != "ORG" or end - ent.start < 2 or doc[end - 1].lower_ not in _GOVERNMENT_NOUNS:
        return ent, label
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    name = doc[start : end - 1]
    if len(name) != 1 or not name.text[:1].isupper():
        return ent, label
    word = name[0].lower_
    return (name, "PERSON") if votes.get(word) == "PERSON" or word in people else (ent, label)


def _split_possessive(
    doc: Doc, ent: Span, label: EntityType, votes: dict[str, str]
) -> list[tuple[Span, EntityType]]:
    """A person's name and what is theirs, tagged as one person ("Justin Trudeau's Liberals"):
    the name, and the rest labelled as the article labels it elsewhere (else a body)."""
    cut = [t.i for t in ent[1:-1] if t.tag_ == "POS"] if label == "PERSON" else []
    if not cut:
        return [(ent, label)]
    owner, owned = doc[ent.start : cut[0]], doc[cut[0] + 1 : ent.end]
    owned_label = KEPT_LABELS.get(votes.get(owned.text.lower(), "ORG"), "ORG")
    return [(owner, "PERSON"), (owned, owned_label)]


def _label_votes(doc: Doc) -> dict[str, str]:
    """The label each one-word name gets most often in this article ("Labour": ORG)."""
    counts: dict[str, dict[str, int]] = {}
    for ent in doc.ents:
        if len(ent) == 1 and ent.label_ in KEPT_LABELS:
            by_label = counts.setdefault(ent.text.lower(), {})
            by_label[ent.label_] = by_label.get(ent.label_, 0) + 1
    # Two or more votes: one odd tag ("Bhaimia said" as ORG) must not outvote a full name.
    return {
        word: max(labels, key=lambda k: labels[k])
        for word, labels in counts.items()
        if sum(labels.values()) >= 2
    }


def _tagged_place(doc: Doc, word: str) -> bool:
    """Whether the tagger calls the one-word name ``word`` a place somewhere in the article."""
    return any(len(e) == 1 and e.label_ == "GPE" and e.text.lower() == word for e in doc.ents)


def _mend(doc: Doc, ent: Span, label: EntityType, votes: dict[str, str]) -> _Candidate | None:
    """Trim and relabel one NER span by the rules in the module docstring."""
    start, end = ent.start, ent.end
    if label == "NORP" and _is_named_subject(ent, votes):
        label = "PERSON"  # "Wendl expects", "Wendl's sale": a surname the model took for a people
    if label in ("ORG", "PERSON") and _is_portfolio(doc, ent):
        return None  # "Secretary of State", "Minister of Justice": part of a title, not a body
    if label == "PERSON" and any(c.isdigit() for c in ent.text):
        return None  # "Bill C-48" is a law; no one's name has a digit in it
    if label == "PERSON" and _modifies_outside(doc, ent):
        # "Blackburn Labour" councillor: Labour is a party in this article. Only where the span
        # modifies a noun after it: "Donald Trump said" keeps its Trump, tagged ORG elsewhere.
        while end - start > 1 and votes.get(doc[end - 1].lower_, "PERSON") in ("ORG", "NORP"):
            end -= 1
        if end - start == 1 and votes.get(doc[start].lower_, "PERSON") != "PERSON":
            label = KEPT_LABELS[votes[doc[start].lower_]]
    while start < end and (doc[start].pos_ in ("ADV", "DET", "INTJ") or doc[start].lower_ in ("the",)):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    while label == "PERSON" and end - start > 1 and _is_clause_verb(doc[end - 1]):
        end -= 1  # "Kim May simply be trying", "Kim Held three summits": the name is "Kim"
    if label == "PERSON" and end - start > 1 and _hyphenated_tail(doc, end):
        end += 2  # the tagger stops at a hyphen: "Moon Jae" of "Moon Jae-in", "Kim Jong - un"
    if start >= end:
        return None
    span = doc[start:end]
    title = None
    if start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES:
        start -= 1
        title = doc[start].lower_.rstrip(".")
        label = "PERSON"
    elif doc[start].lower_.rstrip(".") in TITLES and end - start > 1:
        title = doc[start].lower_.rstrip(".")
        label = "PERSON"
    nxt = doc[end] if end < len(doc) else None
    if (
        label in ("PERSON", "ORG")
        and not title
        and (_is_region_abbreviation(doc, start, end) or _region_after(doc, end))
    ):
        label = "GPE"  # "Mississauga, Ont.", "Miramichi, N.B.": a town and its province or state
    elif label in ("PERSON", "ORG") and not title and _is_place_by_syntax(doc[start:end]):
        label = "GPE"  # "Calgary, Brooks and Medicine Hat", "travelled through Medicine Hat"
    elif label == "PERSON" and not title and doc[end - 1].lower_ in INSTITUTION_NOUNS and end - start > 1:
        label = "ORG"  # "James Hill High School" is named after a person, it is not one
    elif label in ("PERSON", "ORG") and not title and _building_after(doc, end):
        end, label = end + 1, "FAC"  # "Trump tower", "Dixon hall" in a scrape that lost its capitals
    elif label == "PERSON" and not title and (grown := _institution_after(doc, end)) is not None:
        end, label = grown, "ORG"  # "James Hill high school" in a scrape that lost its capitals
    elif label == "PERSON" and not title:
        if nxt is not None and nxt.lower_ in PLACE_NOUNS:
            label = "GPE"  # "Roe Lee ward", "Blackburn council"
        elif (
            end - start == 1
            and doc[start].dep_ in ("compound", "pobj")
            and not _is_name_head(doc[start], ent)
        ):
            label = "GPE"  # a lone "Blackburn" modifying a noun is a place, not a person
        elif any(t.lower_ in ROLE_NOUNS for t in span):
            return None  # "Luton North MP" is a role, handled by the role rules
    if (
        label == "ORG"
        and end - start == 1
        and not title
        and nxt is not None
        and nxt.is_lower
        and nxt.pos_ == "NOUN"
        and doc[start].dep_ == "compound"
        and _tagged_place(doc, doc[start].lower_)
    ):
        label = "GPE"  # "the Glenholm arena" where the article says "in Glenholm": the place
    if label == "ORG" and nxt is not None and nxt.lower_ in _AREA_NOUNS:
        label = "GPE"  # "the Ashby Cross ward", "the Harwick West constituency"
    if label == "ORG" and _is_people_of(doc[end - 1]):
        label = "NORP"  # "Black Canadians", "French Canadians" are people, not a body
    if label == "ORG" and end - start == 1 and _describes_people(doc[start]):
        label = "NORP"  # "Indigenous communities", "Sikh youth": who people are, not a body
    if label == "ORG" and _is_full_name_of(doc[start:end], votes):
        label = "PERSON"  # "Damon Green's" tagged ORG where the article's "Green" is a person
    if label == "ORG" and _has_age_apposition(doc, end):
        label = "PERSON"  # "Arsalan, 17, …"
    if not any(t.text[:1].isupper() for t in doc[start:end]):
        return None  # lowercase leftovers are not names
    if label in ("ORG", "GPE") and _is_generic(doc[start:end]):
        return None
    return _Candidate(start, end, label, title)


# A capitalised common noun is not a name ("the Council called"), nor is a group of people
# ("Luton's Councillors"): the model tags both ORG.
_GENERIC_BODIES = {
    "council",
    "government",
    "party",
    "police",
    "army",
    "ministry",
    "court",
    "committee",
    "cabinet",
    "union",
    "authority",
    "department",
    "agency",
    "board",
    "office",
}
_PEOPLE_NOUNS = {
    "councillors",
    "members",
    "voters",
    "residents",
    "officials",
    "people",
    "supporters",
    "mps",
    "activists",
    "leaders",
    "campaigners",
    "protesters",
}


# Common words a scrape's truecasing may capitalise into a "body": "the Federal Government",
# "the Legislature", "Federal" (a federal plan), "Digital" (digital titles).
_GENERIC_WORDS = {
    "commission",
    "legislature",
    "election",
    "elections",
    "bank",
    "federal",
    "provincial",
    "municipal",
}
_GENERIC_PHRASE = {"federal", "provincial", "municipal", "government", "election", "elections", "cabinet"}


def _is_generic(span: Span) -> bool:
    words = [t.lower_ for t in span if t.tag_ != "POS"]
    if len(words) == 1 and (words[0] in _GENERIC_BODIES or words[0] in _GENERIC_WORDS):
        return True
    if len(words) > 1 and all(w in _GENERIC_PHRASE for w in words):
        return True
    return bool(words) and words[-1] in _PEOPLE_NOUNS


def _hyphenated_tail(doc: Doc, end: int) -> bool:
    """Whether a short name syllable follows the span after a hyphen ("Jae" + "-in", "Jong" +
    "-un"): a given name of two syllables, not "Trump - Kim" nor a "Smith-led" coalition."""
    if end + 1 >= len(doc) or doc[end].tag_ != "HYPH" or not doc[end - 1].text[:1].isupper():
        return False
    tail = doc[end + 1]
    after = doc[end + 2] if end + 2 < len(doc) else None
    return (
        tail.is_alpha
        and len(tail) <= 4
        and tail.tag_ in ("NNP", "NN", "NNPS", "FW", "XX")
        and tail.ent_iob_ != "B"
        and (after is None or after.tag_ != "HYPH")
    )


# Prepositions of movement and position that take a place, seldom a person ("in" takes both).
_PLACE_PREPOSITIONS = {"through", "outside", "near", "across", "throughout", "toward", "towards"}


def _is_place_by_syntax(span: Span) -> bool:
    """Whether the parse makes a name a place: the object of "through" or "outside", or a
    conjunct of a list the model tags as places ("Edmonton, Calgary, Brooks and Edson")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS and root.ent_type_ == "PERSON":
        return True
    if root.dep_ != "conj":
        return False
    first = root.head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.head.i < t.i)]
    places = sum(1 for t in members if t.ent_type_ in ("GPE", "LOC"))
    return places >= 2 and places * 2 > len(members) - 1


# Places and bodies named after a person ("James Hill High School", "the Ada Lovelace Centre").
INSTITUTION_NOUNS = {
    "school", "college", "university", "academy", "hospital", "clinic", "cathedral", "mosque",
    "synagogue", "complex", "centre", "center", "stadium", "arena", "library", "museum", "institute",
    "foundation", "airport", "theatre", "theater", "gallery", "prison",
}  # fmt: skip


_BUILDING_NOUNS = {"tower", "towers", "hall", "building", "plaza", "stadium", "arena"}


def _building_after(doc: Doc, end: int) -> bool:
    """Whether a building noun the name modifies follows it: "Trump" + "tower"."""
    return end < len(doc) and doc[end].lower_ in _BUILDING_NOUNS and doc[end - 1].head.i == end


def _institution_after(doc: Doc, end: int) -> int | None:
    """The end of an institution's name a person's name starts: one or two modifiers and an
    institution noun that the name modifies ("James Hill" + "high school"), else None."""
    for size in (2, 3):
        last = end + size - 1
        if last >= len(doc) or doc[last].lower_ not in INSTITUTION_NOUNS:
            continue
        between = doc[end:last]
        if all(t.is_alpha and t.dep_ in ("amod", "compound", "nmod") for t in between) and doc[
            end - 1
        ].head.i in range(end, last + 1):
            return last + 1
    return None


_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}|(?:[A-Z]\.){2,3}")


def _is_region_abbreviation(doc: Doc, start: int, end: int) -> bool:
    """Whether the span is a province or state abbreviated after a town and a comma ("Ont."
    of "Mississauga, Ont.", "N.B."): one short word glued to a full stop."""
    if end - start != 1 or start < 2 or doc[start - 1].text != "," or not doc[start - 2].text[:1].isupper():
        return False
    word = doc[start]
    if word.text.endswith("."):
        return _ABBREVIATION.fullmatch(word.text) is not None
    glued_stop = end < len(doc) and doc[end].text == "." and not word.whitespace_
    return glued_stop and _ABBREVIATION.fullmatch(word.text) is not None


def _region_after(doc: Doc, end: int) -> bool:
    """Whether an abbreviated province or state follows the span after a comma ("Dundas, Ont.")."""
    return end + 1 < len(doc) and doc[end].text == "," and _is_region_abbreviation(doc, end + 1, end + 2)


_CLAUSE_DEPS = {"ROOT", "aux", "auxpass", "ccomp", "conj", "advcl", "relcl", "xcomp", "acl", "parataxis"}


def _is_clause_verb(token: Token) -> bool:
    """A verb the parser makes the head (or auxiliary) of a clause: a name's last word that is
    really the sentence's verb, capitalised by a scrape's truecasing ("Kim Gave no sign")."""
    if token.dep_ in ("aux", "auxpass"):
        return True
    return (token.tag_.startswith("VB") or token.tag_ == "MD") and token.dep_ in _CLAUSE_DEPS


_POPULATION_NOUNS = {
    "people", "peoples", "person", "persons", "community", "communities", "youth", "youths", "teen",
    "teens", "teenager", "teenagers", "child", "children", "women", "men", "families", "elders",
    "population", "populations", "residents", "students",
}  # fmt: skip


def _is_full_name_of(span: Span, votes: dict[str, str]) -> bool:
    """Whether a short run of capitalised words ends in a word the article mostly tags as a
    person: "Damon Green" beside "Green said", "Green, 58"."""
    words = [t for t in span if t.tag_ != "POS"]
    return (
        2 <= len(words) <= 3
        and all(t.is_alpha and t.text[:1].isupper() and t.text[1:].islower() for t in words)
        and votes.get(words[-1].lower_) == "PERSON"
    )


def _is_people_of(token: Token) -> bool:
    """A plural demonym ("Canadians"): a people, whatever adjective comes before it."""
    hit = country_of(token.text)
    return hit is not None and hit[1] == "demonym" and token.tag_ in ("NNS", "NNPS")


def _is_portfolio(doc: Doc, ent: Span) -> bool:
    """A one-word span after "secretary of" or "minister of": the office's portfolio."""
    if len(ent) != 1 or ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return False
    return doc[ent.start - 2].lower_ in ("secretary", "minister")


def _is_named_subject(ent: Span, votes: dict[str, str]) -> bool:
    """A lone singular name tagged as a people that acts as a person: the subject of a verb
    or an owner ("Wendl expects", "Wendl's"), and no demonym ("Canadian", "French")."""
    if len(ent) != 1 or ent[0].tag_ != "NNP" or country_of(ent.text) is not None:
        return False
    token = ent[0]
    if token.lower_.endswith(_GROUP_WORD_ENDINGS) or any(c.dep_ == "det" for c in token.children):
        return False  # "Republican said", "a Democrat said": a member of a party or faith
    acts = token.dep_ in ("nsubj", "nsubjpass", "poss") and not token.text.isupper()
    return acts and votes.get(token.lower_) in (None, "PERSON", "NORP")


# How words for members of a party, faith or people end: "Republican", "Democrat", "Baptist".
_GROUP_WORD_ENDINGS = ("an", "ist", "ic", "ish", "ese", "al", "at", "ite", "i", "y")


def _describes_people(token: Token) -> bool:
    """An adjective before a noun for people ("Indigenous people", "Sikh communities")."""
    return token.tag_ == "JJ" and token.dep_ == "amod" and token.head.lower_ in _POPULATION_NOUNS


def _modifies_outside(doc: Doc, ent: Span) -> bool:
    """Whether the span's last word modifies a noun after the span ("Blackburn Labour councillor")."""
    last = doc[ent.end - 1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i >= ent.end


def _is_name_head(token: Token, ent: Span) -> bool:
    """Whether the word modifies another person's name (outside its own NER span)."""
    head = token.head
    return head.ent_type_ == "PERSON" and not ent.start <= head.i < ent.end


def _has_age_apposition(doc: Doc, end: int) -> bool:
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ","


_TITLED = re.compile(
    r"\b(?:Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?"
    r"\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
)


def _is_proper_noun(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_title


def _titled_names(doc: Doc, taken: set[int]) -> list[_Candidate]:
    """Titled names NER missed: "Cllr Desai", "Mr Qureshi"."""
    found = []
    for m in _TITLED.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is None or any(t.i in taken for t in span):
            continue
        end = span.end
        while end > span.start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        found.append(_Candidate(span.start, end, "PERSON", span[0].lower_.rstrip(".")))
        taken.update(range(span.start, end))
    return found


# -- merging mentions inside the article --------------------------------------------------------


def name_tokens(text: str) -> list[str]:
    """A name's words without titles or possessives: "Sir Keir Starmer’s" -> [Keir, Starmer]."""
    return list(_name_tokens(text))


@lru_cache(maxsize=65536)
def _name_tokens(text: str) -> tuple[str, ...]:
    words = re.sub(r"['’]s$", "", text.strip()).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _NAME_PREFIXES:
        words = words[1:]
    return tuple(words)


_NAME_PREFIXES = TITLES | OFFICE_TITLES


@lru_cache(maxsize=65536)
def org_key(text: str) -> str:
    """A key under which "the Labour party", "Labour" and "labour party" are one body."""
    words = re.sub(r"['’]s\b", "", text.lower()).replace("&", "and").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    return " ".join(words)


def _cluster(doc: Doc, candidates: list[_Candidate]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    # Longest names first, so "Sajid Ali" exists before a bare "Ali" looks for a home.
    order = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start))
    bare: dict[str, list[int]] = {}  # where each one-word name stands alone
    for cand in candidates:
        words = name_tokens(doc[cand.start : cand.end].text) if cand.label == "PERSON" else []
        if len(words) == 1:
            bare.setdefault(words[0].lower(), []).append(cand.start)
    for cand in order:
        span = doc[cand.start : cand.end]
        target = _find_cluster(clusters, cand, span, bare)
        if target is None:
            words = name_tokens(span.text) if cand.label == "PERSON" else span.text.split()
            target = _Cluster(words or span.text.split(), cand.label)
            clusters.append(target)
        target.mentions.append((cand, span))
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m[0].start)
    clusters.sort(key=lambda c: c.mentions[0][0].start)
    return clusters


_FEMALE_WORDS = {
    "mrs",
    "ms",
    "miss",
    "dame",
    "lady",
    "baroness",
    "queen",
    "wife",
    "mother",
    "daughter",
    "sister",
    "princess",
    "duchess",
    "madam",
    "madame",
}
_MALE_WORDS = {"mr", "sir", "lord", "baron", "king", "husband", "father", "son", "brother", "prince", "duke"}


def _title_gender(title: str | None) -> str | None:
    if title in _FEMALE_WORDS:
        return "f"
    return "m" if title in _MALE_WORDS else None


def _cluster_gender(cluster: _Cluster) -> str | None:
    """Gender the article gives a person: titles, or a word just before a mention ("first lady")."""
    votes: set[str] = set()
    for cand, span in cluster.mentions:
        doc = span.doc
        before = [t.lower_.rstrip(".") for t in doc[max(0, span.start - 2) : span.start]]
        after = doc[span.end : span.end + 4]
        apposition = [t.lower_ for t in after] if len(after) and after[0].text == "," else []
        words = {cand.title or "", *before, *apposition, span[0].lower_.rstrip(".")}
        if words & _FEMALE_WORDS:
            votes.add("f")
        if words & _MALE_WORDS:
            votes.add("m")
    return votes.pop() if len(votes) == 1 else None


def _full_start(cluster: _Cluster) -> int:
    """Where the article first names the cluster's person in full (token index)."""
    return min((cand.start for cand, span in cluster.mentions if len(name_tokens(span.text)) > 1), default=0)


def introduced_late(full_start: int, bare_starts: list[int]) -> bool:
    """Whether the bare surname mostly stands before the full name that has it: then it is
    someone the article already knew by that word. News names a person in full at their first
    mention (a headline aside); "President Trump warned …", "Trump said …" and only then "first
    lady Melania Trump" make the earlier "Trump"s Donald, not Melania."""
    before = sum(1 for s in bare_starts if s < full_start)
    return before >= 2 and before > len(bare_starts) - before


def _find_cluster(
    clusters: list[_Cluster], cand: _Candidate, span: Span, bare: dict[str, list[int]] | None = None
) -> _Cluster | None:
    bare = bare or {}
    if cand.label != "PERSON":
        key = org_key(span.text)
        for cluster in clusters:
            if cluster.label == cand.label and org_key(" ".join(cluster.name_tokens)) == key:
                return cluster
        return None
    words = [w.lower() for w in name_tokens(span.text)]
    people = [c for c in clusters if c.label == "PERSON"]
    exact = [c for c in people if [w.lower() for w in c.name_tokens] == words]
    if exact or not words:
        return exact[0] if exact else None
    if len(words) == 1:
        word = words[0]
        surname = [c for c in people if len(c.name_tokens) > 1 and c.name_tokens[-1].lower() == word]
        first = [c for c in people if len(c.name_tokens) > 1 and c.name_tokens[0].lower() == word]
        surname = [c for c in surname if not introduced_late(_full_start(c), bare.get(word, []))]
        # "Sir Keir" is the knight's first name; a bare "Desai" is a surname.
        pool = first if cand.title in ("sir", "dame") and first else surname or first
        gender = _title_gender(cand.title)
        if gender is not None:  # "Mr. Trump" is not "first lady Melania Trump"
            pool = [c for c in pool if _cluster_gender(c) in (None, gender)]
        office = span[0].lower_
        if office in OFFICE_TITLES:
            # "President Trump" is not "Melania Trump": an office joins only a name that holds it.
            pool = [c for c in pool if any(s[0].lower_ == office for _, s in c.mentions)]
            if not pool:
                return None
        if len(pool) == 1:
            return pool[0]
        ranked = sorted(pool, key=lambda c: -len(c.mentions))
        if len(ranked) >= 2 and len(ranked[0].mentions) >= 2 * len(ranked[1].mentions):
            return ranked[0]  # a bare "Trump" is the Trump the article is about
        if pool:  # two Alis: the one mentioned last before this mention
            return max(
                pool,
                key=lambda c: max((m[0].start for m in c.mentions if m[0].start < cand.start), default=-1),
            )
    return None


# -- roles --------------------------------------------------------------------------------------


def _roles(doc: Doc, cluster: _Cluster, article_id: str, n: int) -> list[Role]:
    roles: list[Role] = []
    seen: set[tuple[int, int]] = set()
    for cand, span in cluster.mentions:
        spans = _role_spans(doc, span)
        if cand.title in ("cllr", "councillor"):
            spans.append(_councillor_role(doc, span))
        if span[0].lower_ in OFFICE_TITLES and len(span) > 1:
            spans.append((span.start, span.start + 1))  # "President Trump": the office is a role
        for start, end in spans:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            role_span = doc[start:end]
            roles.append(
                Role(
                    id=f"{article_id}:r{n}.{len(roles)}",
                    article=article_id,
                    start=role_span.start_char,
                    end=role_span.end_char,
                    text=role_span.text,
                    role=_role_name(role_span),
                    org=_org_in(role_span),
                )
            )
    return roles


def _role_spans(doc: Doc, span: Span) -> list[tuple[int, int]]:
    """Token ranges of the roles a person mention is given, by the shapes news uses."""
    head = span.root
    found = []
    premod = _premodifier(doc, span)
    if premod:
        found.append(premod)
    for child in head.children:
        if child.dep_ == "appos" and child.i >= span.end:
            found.append(_noun_phrase(child))
        if child.dep_ == "relcl" and child.lemma_ in _RELCL_ROLE_VERBS:
            found.append((child.i, child.right_edge.i + 1))
    if head.dep_ == "appos" and head.head.i < span.start and _is_role_noun(head.head):
        role_head = head.head
        start, end = _noun_phrase(role_head)
        found.append((start, min(end, span.start)))
    of_head = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if of_head is not None and _is_role_noun(of_head.head) and of_head.head.i < span.start:
        # "the deputy leader of the party Angela Rayner", parsed as "leader of (the party Rayner)"
        found.append((_skip_determiners(doc, of_head.head.left_edge.i, span.start), span.start))
    found.extend(_as_roles(head))
    return [(s, _trim_end(doc, s, e)) for s, e in found if _is_role(doc[s:e])]


_AS_VERBS = {"continue", "remain", "serve", "sit", "stay", "work", "stand", "describe", "return", "act"}


def _as_roles(head: Token) -> list[tuple[int, int]]:
    """ "intends to continue as an independent councillor", "described himself as a … activist"."""
    verbs: list[Token] = []
    subject = head.head if head.dep_ == "appos" else head  # "Member …, Cllr Desai, intends …"
    if subject.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(subject.head)
    verbs.extend(c for c in head.children if c.dep_ == "relcl")
    verbs.extend(r for a in head.children if a.dep_ == "appos" for r in a.children if r.dep_ == "relcl")
    found = []
    for verb in verbs:
        for token in _verb_chain(verb):
            if token.lemma_ not in _AS_VERBS:
                continue
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and _is_role_noun(obj):
                            found.append(_noun_phrase(obj))
    return found


def _verb_chain(verb: Token, depth: int = 3) -> list[Token]:
    """The verb and the verbs it coordinates or controls: "believed … and intends to work"."""
    chain = [verb]
    frontier = [verb]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ in ("xcomp", "conj")]
        chain.extend(frontier)
    return chain


def _skip_determiners(doc: Doc, start: int, end: int) -> int:
    while start < end and doc[start].dep_ == "det":
        start += 1
    return start


def _councillor_role(doc: Doc, span: Span) -> tuple[int, int]:
    """ "Roe Lee ward's Cllr Sajid Ali": the title, with the ward that precedes it."""
    start = span.start
    if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].lower_ == "ward":
        start = doc[start - 2].left_edge.i
    return start, span.start + 1


def _premodifier(doc: Doc, span: Span) -> tuple[int, int] | None:
    """ "Luton council leader Hazel Simmons": the words before the name that modify it."""
    i = span.start - 1
    members = set(range(span.start, span.end))
    while i >= 0 and doc[i].head.i in members and doc[i].dep_ in ("compound", "amod", "nmod", "nummod"):
        members.add(i)
        i -= 1
    start = i + 1
    while start < span.start and doc[start].dep_ == "det":
        start += 1
    return (start, span.start) if start < span.start else None


def _noun_phrase(head: Token) -> tuple[int, int]:
    """The head noun with its left modifiers and an 'of'/'for' phrase: not the relative clause."""
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "in"):
            end = child.right_edge.i + 1
            # Stop at a comma: "Leader of X Council, Cllr Desai, who …" ends at "Council".
            commas = [t.i for t in head.doc[head.i : end] if t.text == ","]
            end = commas[0] if commas else end
            break
        if child.dep_ in ("compound", "amod"):
            end = child.right_edge.i + 1
    doc = head.doc
    while start < end and doc[start].dep_ == "det":
        start += 1
    return start, end


def _trim_end(doc: Doc, start: int, end: int) -> int:
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return end


def _is_role_noun(token: Token) -> bool:
    return token.lower_ in ROLE_NOUNS


def _is_role(span: Span) -> bool:
    return (0 < len(span) <= 14 and any(t.lower_ in ROLE_NOUNS for t in span)) or (
        len(span) > 0 and span[0].lemma_ in _RELCL_ROLE_VERBS
    )


def _role_name(span: Span) -> str:
    """The role as a reader would write it: "Councillor (Roe Lee ward)" for a title."""
    words = [t for t in span if t.tag_ != "POS"]
    if len(words) == 1 and words[0].lower_ in ("cllr", "councillor"):
        return "Councillor"
    if words and words[-1].lower_ in ("cllr", "councillor") and any(t.text[:1].isupper() for t in words[:-1]):
        place = " ".join(t.text for t in words[:-1])
        return f"Councillor ({place})" if place else "Councillor"
    text = span.text.replace('"', "").replace("“", "").replace("”", "").strip()
    return text[:1].upper() + text[1:]


def _org_in(span: Span) -> str | None:
    for ent in span.ents:
        if ent.label_ in ("ORG", "GPE", "NORP"):
            return ent.text
    return None
