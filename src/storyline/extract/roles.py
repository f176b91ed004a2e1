"""The roles one article gives a person: "Luton council leader Hazel Simmons", "MP for Luton
South", "Cllr Sajid Ali", "intends to continue as an independent councillor".

``extract_roles(doc, mentions, article_id, n)`` reads the shapes news uses around each mention
of the person (a premodifier, an appositive, a relative clause, "as a …", an office title) and
returns one cited ``Role`` per distinct phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.mending import Candidate
from storyline.model import Role
from storyline.names import ROLE_NOUNS
from storyline.vocabulary import OFFICE_TITLES

__all__ = ["extract_roles"]

# Verbs of a relative clause that give a role ("who represents Luton South", "who leads the
# council"); set by hand on the dev data, not tuned.
_RELCL_ROLE_VERBS = {"represent", "lead", "chair", "head", "run", "manage", "direct"}

# Most words a role phrase may have ("the deputy leader of the party's group on the council"):
# longer spans are a parse gone astray; set by hand on the dev data, not tuned.
ROLE_MAX_WORDS = 14

# How many steps of coordinated or controlled verbs ("believed … and intends to work as") the
# "as a …" rule follows from the person's verb; set by hand on the dev data, not tuned.
VERB_CHAIN_DEPTH = 3


def extract_roles(doc: Doc, mentions: list[tuple[Candidate, Span]], article_id: str, n: int) -> list[Role]:
    """The roles given to the person of ``mentions`` (the n-th entity of the article), cited."""
    roles: list[Role] = []
    seen: set[tuple[int, int]] = set()
    for cand, span in mentions:
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


# Verbs that give a role with "as" ("continue as an independent councillor"); set by hand.
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


def _verb_chain(verb: Token, depth: int = VERB_CHAIN_DEPTH) -> list[Token]:
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
    return (0 < len(span) <= ROLE_MAX_WORDS and any(t.lower_ in ROLE_NOUNS for t in span)) or (
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
