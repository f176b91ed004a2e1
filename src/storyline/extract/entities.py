"""People, organisations and places in one article, with their roles.

``extract_entities(doc, article_id)`` returns one ``LocalEntity`` per person or body the
article mentions: its mentions (names, titled names) merged inside the article, and the
roles the article gives it ("Luton council leader", "MP for Luton South"), each cited
(``extract.roles``).

The small spaCy model slips in known ways; each NER span is mended one at a time
(``extract.mending`` says how). Here, over the whole article: "Justin Trudeau's Liberals" is a
person and a party; "the Obama Administration" gives the person (resolve builds the
government); titled names the model missed ("Cllr Desai") are added. Groups of people named by
a common noun ("the migrants", "the caravan") are kept as NORP entities named by the noun's
lemma; "the caravan's members" and "members of the caravan" are mentions of the caravan.
Disagreements between articles (the same word a person here and a place there) are settled
later, in resolve, by a vote across the story.

A bare surname that mostly stands before the only full name that has it ("President Trump …
first lady Melania Trump") is not that person (``names.introduced_late``). A bare surname the
tagger missed ('," Okonkwo states.') is added where the article names that person in full or
mostly tags the word as a person, and never as a place or a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from storyline.extract.mending import KEPT_LABELS, Candidate, mend
from storyline.extract.roles import extract_roles
from storyline.model import EntityType, LocalEntity, Mention
from storyline.names import introduced_late, name_tokens, org_key
from storyline.vocabulary import COLLECTIVE_NOUNS, GROUP_NOUNS, OFFICE_TITLES

__all__ = ["extract_entities", "introduced_late", "label_votes", "name_tokens", "org_key"]


# Fewest times the tagger must label a one-word name before its label counts as the article's
# vote: one odd tag ("Bhaimia said" as ORG) must not outvote a full name. Set by hand on the dev
# data, not tuned.
MIN_LABEL_VOTES = 2

# How many words before a mention, and after it past a comma, are read for a gendered word
# ("first lady Melania Trump", "Ali, her husband"); set by hand on the dev data, not tuned.
GENDER_WORDS_BEFORE = 2
GENDER_WORDS_AFTER = 4

# A bare surname is the person with the most mentions when they have at least this many times
# the mentions of the next ("Trump" in a story about Donald Trump); set by hand, not tuned.
DOMINANT_MENTION_RATIO = 2


@dataclass
class _Cluster:
    name_tokens: list[str]
    label: EntityType
    mentions: list[tuple[Candidate, Span]] = field(default_factory=list)


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
        roles = extract_roles(doc, cluster.mentions, article_id, n) if cluster.label == "PERSON" else []
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


def _candidates(doc: Doc) -> list[Candidate]:
    found: list[Candidate] = []
    taken: set[int] = set()
    votes = label_votes(doc)
    people = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
    for ent in doc.ents:
        label = KEPT_LABELS.get(ent.label_)
        if label is None:
            continue
        ent, label = _head_of_government(doc, ent, label, votes, people)
        for part, part_label in _split_possessive(doc, ent, label, votes):
            cand = mend(doc, part, part_label, votes)
            if cand is not None:
                found.append(cand)
                taken.update(range(cand.start, cand.end))
    found.extend(_titled_names(doc, taken))
    found.extend(_repeated_surnames(doc, found, taken, votes))
    found.sort(key=lambda c: c.start)
    return found


def _repeated_surnames(
    doc: Doc, found: list[Candidate], taken: set[int], votes: dict[str, str]
) -> list[Candidate]:
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
        added.append(Candidate(token.i, token.i + 1, "PERSON"))
        taken.add(token.i)
    return added


# Nouns after a head's name that make a government ("the Obama Administration").
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


def label_votes(doc: Doc) -> dict[str, str]:
    """The label each one-word name gets most often in this article ("Labour": ORG)."""
    counts: dict[str, dict[str, int]] = {}
    for ent in doc.ents:
        if len(ent) == 1 and ent.label_ in KEPT_LABELS:
            by_label = counts.setdefault(ent.text.lower(), {})
            by_label[ent.label_] = by_label.get(ent.label_, 0) + 1
    return {
        word: max(labels, key=lambda k: labels[k])
        for word, labels in counts.items()
        if sum(labels.values()) >= MIN_LABEL_VOTES
    }


# A title and up to three capitalised words after it: "Cllr Desai", "Mr. Sajid Ali".
_TITLED = re.compile(
    r"\b(?:Cllr|Councillor|Sir|Dame|Lord|Lady|Baroness|Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?"
    r"\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
)


def _is_proper_noun(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_title


def _titled_names(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Titled names NER missed: "Cllr Desai", "Mr Qureshi"."""
    found = []
    for m in _TITLED.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is None or any(t.i in taken for t in span):
            continue
        end = span.end
        while end > span.start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        found.append(Candidate(span.start, end, "PERSON", span[0].lower_.rstrip(".")))
        taken.update(range(span.start, end))
    return found


def _cluster(doc: Doc, candidates: list[Candidate]) -> list[_Cluster]:
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


# Words before a mention, or in an apposition after it, that say a person's gender.
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
        before = [t.lower_.rstrip(".") for t in doc[max(0, span.start - GENDER_WORDS_BEFORE) : span.start]]
        after = doc[span.end : span.end + GENDER_WORDS_AFTER]
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


def _find_cluster(
    clusters: list[_Cluster], cand: Candidate, span: Span, bare: dict[str, list[int]] | None = None
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
        if len(ranked) >= 2 and len(ranked[0].mentions) >= DOMINANT_MENTION_RATIO * len(ranked[1].mentions):
            return ranked[0]  # a bare "Trump" is the Trump the article is about
        if pool:  # two Alis: the one mentioned last before this mention
            return max(
                pool,
                key=lambda c: max((m[0].start for m in c.mentions if m[0].start < cand.start), default=-1),
            )
    return None
