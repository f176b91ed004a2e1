"""The tense of the verb that governs a time expression, which decides whether a relative
expression ('Friday', 'in March') points back or ahead of the publication date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# Characters before an expression searched for 'as soon as', 'until', 'by'.
LOOKS_AHEAD_WINDOW_CHARS = 16
# Characters before an expression searched for a bare 'until'/'till'.
UNTIL_WINDOW_CHARS = 8
# How many steps up the dependency tree the search for the governing verb may climb.
MAX_TENSE_STEPS = 6

_FUTURE_VERBS = {
    "schedule",
    "plan",
    "expect",
    "set",
    "intend",
    "slate",
    "want",
    "hope",
    "agree",
    "aim",
    "prepare",
}


_DEFERRAL_VERBS = {"postpone", "delay", "defer", "extend", "adjourn", "give", "suspend", "push"}


_FUTURE_WORDS = {"payable", "due", "effective", "scheduled", "slated", "expected", "planned", "upcoming"}


_LOOKS_AHEAD = re.compile(r"\b(?:as (?:soon|early) as|until|till|by) $", re.I)


SHIFTED = re.compile(r"ago|earlier|last|previous|prior", re.I)


def governing_tense(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb that governs the expression: past, present, future or None."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    looks_ahead = _LOOKS_AHEAD.search(doc.text[max(0, start - LOOKS_AHEAD_WINDOW_CHARS) : start]) is not None
    tense = _verb_tense(span)
    # 'by Friday' looks ahead unless the verb is plainly past ('had filed reports by Wednesday').
    if looks_ahead and tense != "past":
        return "future"
    # 'postponed until Tuesday', 'extended the deadline until 9 a.m. Friday': a deferral's
    # 'until' points past the (reported) act, so the day is ahead even after a past verb.
    until = re.search(r"\b(?:until|till) $", doc.text[max(0, start - UNTIL_WINDOW_CHARS) : start], re.I)
    if until and any(t.lemma_ in _DEFERRAL_VERBS for t in span.sent if t.i < span.start):
        return "future"
    return tense


def _verb_tense(span: Span) -> str | None:
    token = span.root
    path = []
    for _ in range(MAX_TENSE_STEPS):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        path.append(token.lower_)
    words = [c for c in token.children if c.dep_ in ("aux", "auxpass")] + [token]
    lowers = {w.lower_ for w in words}
    if lowers & {"will", "'ll", "shall", "going"} or set(path) & _FUTURE_WORDS:
        return "future"
    # 'is scheduled to close Monday', 'plans to meet on Saturday': an infinitive looks ahead.
    if (
        token.tag_ == "VB"
        and (token.dep_ == "xcomp" or "to" in lowers)
        and token.head.lemma_ in _FUTURE_VERBS
    ):
        return "future"
    if token.tag_ != "VBD" and token.lower_ in _FUTURE_WORDS:
        return "future"
    tags = {w.tag_ for w in words}
    if "VBD" in tags or ("VBN" in tags and lowers & {"has", "have", "had"}):
        return "past"
    if tags & {"VBZ", "VBP"} or "VBG" in tags:
        return "present"
    return None
