"""Mending the small spaCy model's named-entity spans into names, one span at a time.

``mend(doc, span, label, votes)`` trims and relabels one NER span into a ``Candidate`` mention
(or None where it names nothing); ``votes`` is the label each one-word name gets most often in
the article (``extract.entities.label_votes``).

The model slips in known ways; these rules mend the ones that matter for news: a title
("Cllr", "Ms", "Sir") makes a person; a name followed by "ward" or "council" is a place (so is
an organisation before "ward"); a "person" that is really a role ("Luton North MP") is not a
person; "Maybe Rishi Sunak's" loses its adverb and possessive; a party trimmed from a name
("Blackburn Labour" councillor) only where the name modifies a noun.

More mended slips, most of them common in a truecased scrape: a province after a town
("Oakville, Ont.") and a list or route of places ("Calgary, Brooks and Medicine Hat", "through
Medicine Hat") are places; a school, hospital or tower named after a person is not the person,
and grows over its lowercased noun ("James Hill high school", "Trump tower"); a name stops
before the clause's verb ("Kim May simply be") and goes on over a hyphenated given name ("Moon
Jae - in"); a name with a digit ("Bill C-48"), a capitalised generic body ("the Federal
Government", "the Legislature") and an adjective for people ("Indigenous communities", "Black
Canadians") are not bodies or people; a short name tagged as a body whose last word the article
calls a person ("Damon Green" beside "Green said") is that person; a one-word "body" before a
common noun ("the Glenholm arena") is the place the article tags elsewhere ("in Glenholm"); a
lone surname tagged as a people but acting as a person ("Wendl expects") is a person; the
portfolio of "Secretary of State" is part of the title, not a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.model import EntityType
from storyline.names import ROLE_NOUNS, TITLES
from storyline.vocabulary import country_of

__all__ = ["INSTITUTION_NOUNS", "KEPT_LABELS", "PLACE_NOUNS", "Candidate", "mend"]

# The NER labels kept as entities, and the entity type each becomes (the rest are dates,
# numbers and the like, which other extractors handle).
KEPT_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "LOC": "LOC",
    "FAC": "FAC",
}
# Nouns after a name that make it a place ("Roe Lee ward", "Blackburn council"); set by hand
# on the dev data, not tuned.
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


@dataclass
class Candidate:
    """One mention of a name: its token range, entity type and title."""

    start: int  # token indices
    end: int
    label: EntityType
    title: str | None = None  # lowercase title word, when the mention starts with one


def mend(doc: Doc, ent: Span, label: EntityType, votes: dict[str, str]) -> Candidate | None:
    """Trim and relabel one NER span by the rules in the module docstring (None: not a name)."""
    if label == "NORP" and _is_named_subject(ent, votes):
        label = "PERSON"  # "Wendl expects", "Wendl's sale": a surname the model took for a people
    if _is_not_a_name(doc, ent, label):
        return None
    start, end, label = _trim(doc, ent, label, votes)
    if start >= end:
        return None
    span = doc[start:end]
    start, title = _title_of(doc, start, end)
    if title:
        label = "PERSON"
    nxt = doc[end] if end < len(doc) else None
    if not title:
        relabelled = _relabel_untitled(doc, ent, span, label, nxt)
        if relabelled is None:
            return None
        end, label = relabelled
    label = _relabel_body(doc, start, end, label, title, nxt, votes)
    if not any(t.text[:1].isupper() for t in doc[start:end]):
        return None  # lowercase leftovers are not names
    if label in ("ORG", "GPE") and _is_generic(doc[start:end]):
        return None
    return Candidate(start, end, label, title)


def _is_not_a_name(doc: Doc, ent: Span, label: EntityType) -> bool:
    """Spans that name no person or body, whatever is trimmed from them."""
    if label in ("ORG", "PERSON") and _is_portfolio(doc, ent):
        return True  # "Secretary of State", "Minister of Justice": part of a title, not a body
    return label == "PERSON" and any(c.isdigit() for c in ent.text)  # "Bill C-48" is a law


def _trim(doc: Doc, ent: Span, label: EntityType, votes: dict[str, str]) -> tuple[int, int, EntityType]:
    """The span's name without a trailing party, leading adverbs and determiners, a trailing
    possessive or punctuation, or the clause's verb; grown over a hyphenated given name."""
    start, end = ent.start, ent.end
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
    return start, end, label


def _title_of(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """The span's start with a title before or at it ("Cllr", "Ms"), and the title (lowercase)."""
    if start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES:
        return start - 1, doc[start - 1].lower_.rstrip(".")
    if doc[start].lower_.rstrip(".") in TITLES and end - start > 1:
        return start, doc[start].lower_.rstrip(".")
    return start, None


def _relabel_untitled(
    doc: Doc, ent: Span, span: Span, label: EntityType, nxt: Token | None
) -> tuple[int, EntityType] | None:
    """The end and label of an untitled name by what stands around it: a place, a body named
    after a person, a building; None for a role the tagger took for a person."""
    start, end = span.start, span.end
    if label in ("PERSON", "ORG") and (_is_region_abbreviation(doc, start, end) or _region_after(doc, end)):
        return end, "GPE"  # "Mississauga, Ont.", "Miramichi, N.B.": a town and its province or state
    if label in ("PERSON", "ORG") and _is_place_by_syntax(span):
        return end, "GPE"  # "Calgary, Brooks and Medicine Hat", "travelled through Medicine Hat"
    if label == "PERSON" and doc[end - 1].lower_ in INSTITUTION_NOUNS and end - start > 1:
        return end, "ORG"  # "James Hill High School" is named after a person, it is not one
    if label in ("PERSON", "ORG") and _building_after(doc, end):
        return end + 1, "FAC"  # "Trump tower", "Dixon hall" in a scrape that lost its capitals
    if label == "PERSON" and (grown := _institution_after(doc, end)) is not None:
        return grown, "ORG"  # "James Hill high school" in a scrape that lost its capitals
    if label == "PERSON":
        if nxt is not None and nxt.lower_ in PLACE_NOUNS:
            return end, "GPE"  # "Roe Lee ward", "Blackburn council"
        lone = end - start == 1 and doc[start].dep_ in ("compound", "pobj")
        if lone and not _is_name_head(doc[start], ent):
            return end, "GPE"  # a lone "Blackburn" modifying a noun is a place, not a person
        if any(t.lower_ in ROLE_NOUNS for t in span):
            return None  # "Luton North MP" is a role, handled by the role rules
    return end, label


def _relabel_body(
    doc: Doc,
    start: int,
    end: int,
    label: EntityType,
    title: str | None,
    nxt: Token | None,
    votes: dict[str, str],
) -> EntityType:
    """The label of a span tagged as a body that is a place, a people or a person. ``nxt`` is
    the word after the span as it stood before any growing (as the rules have always read it)."""
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
    return label


def _tagged_place(doc: Doc, word: str) -> bool:
    """Whether the tagger calls the one-word name ``word`` a place somewhere in the article."""
    return any(len(e) == 1 and e.label_ == "GPE" and e.text.lower() == word for e in doc.ents)


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
# Words that, all together, make a generic phrase, not a name ("the Federal Government").
_GENERIC_PHRASE = {"federal", "provincial", "municipal", "government", "election", "elections", "cabinet"}


def _is_generic(span: Span) -> bool:
    words = [t.lower_ for t in span if t.tag_ != "POS"]
    if len(words) == 1 and (words[0] in _GENERIC_BODIES or words[0] in _GENERIC_WORDS):
        return True
    if len(words) > 1 and all(w in _GENERIC_PHRASE for w in words):
        return True
    return bool(words) and words[-1] in _PEOPLE_NOUNS


# Most letters of a given name's syllable after a hyphen ("in" of "Jae-in", "un" of "Jong-un");
# set by hand on the dev data, not tuned.
HYPHEN_TAIL_MAX_LETTERS = 4


def _hyphenated_tail(doc: Doc, end: int) -> bool:
    """Whether a short name syllable follows the span after a hyphen ("Jae" + "-in", "Jong" +
    "-un"): a given name of two syllables, not "Trump - Kim" nor a "Smith-led" coalition."""
    if end + 1 >= len(doc) or doc[end].tag_ != "HYPH" or not doc[end - 1].text[:1].isupper():
        return False
    tail = doc[end + 1]
    after = doc[end + 2] if end + 2 < len(doc) else None
    return (
        tail.is_alpha
        and len(tail) <= HYPHEN_TAIL_MAX_LETTERS
        and tail.tag_ in ("NNP", "NN", "NNPS", "FW", "XX")
        and tail.ent_iob_ != "B"
        and (after is None or after.tag_ != "HYPH")
    )


# Prepositions of movement and position that take a place, seldom a person ("in" takes both).
_PLACE_PREPOSITIONS = {"through", "outside", "near", "across", "throughout", "toward", "towards"}


# Fewest conjuncts of a list tagged as places that make the list one of places; set by hand
# on the dev data, not tuned.
MIN_LISTED_PLACES = 2


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
    return places >= MIN_LISTED_PLACES and places * 2 > len(members) - 1


# Places and bodies named after a person ("James Hill High School", "the Ada Lovelace Centre").
INSTITUTION_NOUNS = {
    "school", "college", "university", "academy", "hospital", "clinic", "cathedral", "mosque",
    "synagogue", "complex", "centre", "center", "stadium", "arena", "library", "museum", "institute",
    "foundation", "airport", "theatre", "theater", "gallery", "prison",
}  # fmt: skip


# Buildings named after a person ("Trump tower", "Dixon hall").
_BUILDING_NOUNS = {"tower", "towers", "hall", "building", "plaza", "stadium", "arena"}


def _building_after(doc: Doc, end: int) -> bool:
    """Whether a building noun the name modifies follows it: "Trump" + "tower"."""
    return end < len(doc) and doc[end].lower_ in _BUILDING_NOUNS and doc[end - 1].head.i == end


# How many words an institution's lowercased name may add after a person's name: one or two
# modifiers and the noun ("high school"); set by hand on the dev data, not tuned.
INSTITUTION_TAIL_WORDS = (2, 3)


def _institution_after(doc: Doc, end: int) -> int | None:
    """The end of an institution's name a person's name starts: one or two modifiers and an
    institution noun that the name modifies ("James Hill" + "high school"), else None."""
    for size in INSTITUTION_TAIL_WORDS:
        last = end + size - 1
        if last >= len(doc) or doc[last].lower_ not in INSTITUTION_NOUNS:
            continue
        between = doc[end:last]
        if all(t.is_alpha and t.dep_ in ("amod", "compound", "nmod") for t in between) and doc[
            end - 1
        ].head.i in range(end, last + 1):
            return last + 1
    return None


# A province or state abbreviated: "Ont.", "Alta", "N.B.", "B.C.".
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


# Dependency labels of a clause's verb (or its auxiliary) in the parse.
_CLAUSE_DEPS = {"ROOT", "aux", "auxpass", "ccomp", "conj", "advcl", "relcl", "xcomp", "acl", "parataxis"}


def _is_clause_verb(token: Token) -> bool:
    """A verb the parser makes the head (or auxiliary) of a clause: a name's last word that is
    really the sentence's verb, capitalised by a scrape's truecasing ("Kim Gave no sign")."""
    if token.dep_ in ("aux", "auxpass"):
        return True
    return (token.tag_.startswith("VB") or token.tag_ == "MD") and token.dep_ in _CLAUSE_DEPS


# Nouns for people that an adjective of who they are may modify ("Indigenous communities").
_POPULATION_NOUNS = {
    "people", "peoples", "person", "persons", "community", "communities", "youth", "youths", "teen",
    "teens", "teenager", "teenagers", "child", "children", "women", "men", "families", "elders",
    "population", "populations", "residents", "students",
}  # fmt: skip


# How many capitalised words a body's span may have to be read as a person's full name
# ("Damon Green", "Mary Ann Green"); set by hand on the dev data, not tuned.
FULL_NAME_WORDS = (2, 3)


def _is_full_name_of(span: Span, votes: dict[str, str]) -> bool:
    """Whether a short run of capitalised words ends in a word the article mostly tags as a
    person: "Damon Green" beside "Green said", "Green, 58"."""
    words = [t for t in span if t.tag_ != "POS"]
    return (
        FULL_NAME_WORDS[0] <= len(words) <= FULL_NAME_WORDS[1]
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
