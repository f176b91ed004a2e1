"""Dated happenings: each time expression with a calendar value anchors the clause around it.

``extract_events(doc, article_id, timexes)`` turns every DATE time expression whose value is
a calendar date (2023-10-07, 2024-02, 2024-W10, 2025) into an ``Event`` whose span is the
clause that says what happened: the verb the expression hangs from, with its subject and
objects, inside its sentence. Actors are filled in later, by resolve, from the entity
mentions inside that span.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.model import Cite, Event, Precision, TimeExpression

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# An event clause shorter than this many tokens is widened (too short to say what happened).
MIN_CLAUSE_TOKENS = 4
# How many steps up the dependency tree the search for the clause's verb may climb.
MAX_HEAD_STEPS = 6

_CALENDAR = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]))?$")


def precision_of(value: str) -> Precision:
    if "W" in value:
        return "week"
    if "Q" in value:
        return "quarter"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")  # type: ignore[return-value]


def extract_events(doc: Doc, article_id: str, timexes: list[TimeExpression]) -> list[Event]:
    events: list[Event] = []
    for timex in timexes:
        if timex.type != "DATE" or not _CALENDAR.match(timex.value):
            continue
        anchor = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if anchor is None:
            continue
        clause = _clause(anchor)
        events.append(
            Event(
                id=f"{article_id}:v{len(events)}",
                article=article_id,
                start=clause.start_char,
                end=clause.end_char,
                text=clause.text,
                date=timex.value,
                precision=precision_of(timex.value),
                timex=Cite.from_span(article_id, doc.text, timex.start, timex.end),
            )
        )
    return events


def _clause(anchor: Span) -> Span:
    """The verb the date hangs from, with its subtree, kept inside the sentence."""
    sentence = anchor.sent
    verb = _governing_verb(anchor.root)
    if verb is None:
        return sentence
    start = max(_clause_start(verb), sentence.start)
    end = min(verb.right_edge.i + 1, sentence.end)
    # A subject clause that is itself just the date or a pronoun says too little: take the sentence.
    span = anchor.doc[start:end]
    if len(span) < MIN_CLAUSE_TOKENS:
        return sentence
    while len(span) > 1 and span[-1].is_punct:
        span = span.doc[span.start : span.end - 1]
    return span


_SUBORDINATORS = {"after", "before", "when", "while", "as", "since", "until", "once", "because"}


def _clause_start(verb: Token) -> int:
    """Where the clause's text starts. A relative clause starts at the noun it is about ("the
    attacks by Hamas which killed …", not "which killed …"); a leading subordinator is left out
    ("the group massacred …", not "after the group massacred …")."""
    if verb.dep_ == "relcl" and verb.head.i < verb.i:
        return verb.head.left_edge.i
    start = verb.left_edge.i
    first = verb.doc[start]
    if first.head.i == verb.i and first.dep_ in ("mark", "advmod") and first.lower_ in _SUBORDINATORS:
        return start + 1
    return start


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(MAX_HEAD_STEPS):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:  # spaCy makes a new Token per access: compare indices
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


_POSITION_WORDS = {"stance", "position", "policy"}
_POSITION_VERBS = {"support", "back", "oppose", "reject", "demand", "call", "urge", "favour", "endorse"}


def extract_position_events(
    doc: Doc, article_id: str, published: str | None, events: list[Event]
) -> list[Event]:
    """Undated statements of position in the present tense ("the party supports … pauses").

    A position stated in the present holds on the day the article was published, so it is
    dated to that day; this is what lets a later change of position be shown as a change.
    Sentences that already carry a dated event are left alone.
    """
    if not published:
        return []
    taken = [(e.start, e.end) for e in events]
    found: list[Event] = []
    for sentence in _line_sentences(doc):
        if any(s < sentence.end_char and sentence.start_char < e for s, e in taken):
            continue
        if not _states_position(sentence):
            continue
        found.append(
            Event(
                id=f"{article_id}:p{len(found)}",
                article=article_id,
                start=sentence.start_char,
                end=sentence.end_char,
                text=sentence.text,
                date=published,
                precision="day",
            )
        )
    return found


def _line_sentences(doc: Doc) -> list[Span]:
    """Sentences, split again at line breaks (the parser sometimes runs two paragraphs together)."""
    pieces: list[Span] = []
    for sentence in doc.sents:
        start = sentence.start_char
        for line in sentence.text.split("\n"):
            span = doc.char_span(start, start + len(line), alignment_mode="contract")
            if span is not None and span.text.strip():
                pieces.append(span)
            start += len(line) + 1
    return pieces


def _states_position(sentence: Span) -> bool:
    """A position noun or verb, with a present-tense main verb, not itself a quotation."""
    if sentence.text.lstrip()[:1] in ('"', "“", "”", "'"):
        return False
    has_position = any(t.lemma_.lower() in _POSITION_WORDS for t in sentence) or any(
        t.pos_ == "VERB" and t.lemma_.lower() in _POSITION_VERBS and t.tag_ in ("VBZ", "VBP")
        for t in sentence
    )
    present = any(t.tag_ in ("VBZ", "VBP") and t.dep_ in ("ROOT", "ccomp") for t in sentence)
    return has_position and present
