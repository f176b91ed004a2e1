"""Which spans of an article are numbers: spaCy's numeric entities and vague quantities, widened to
their currency, scale and qualifier ('more than'), without dates, ages, scores and list markers.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.extract.numbers.values import (
    CURRENCIES,
    FRACTION,
    FRACTIONS,
    ONE_IN,
    SCALE_WORDS,
    VAGUE,
    WORD_VALUES,
    parse_value,
)
from storyline.vocabulary import MONTH_ABBREVIATIONS, MONTHS, VAGUE_QUANTITIES

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# Characters either side of a figure looked at to tell a sports score ('3-1').
SCORE_WINDOW_CHARS = 12
# How far (tokens) after a number-word span a restated '(35 per cent)' figure may start and close.
FIGURE_LOOKAHEAD_TOKENS = 6
# Characters before a figure searched for a qualifier ('more than', 'about').
QUALIFIER_WINDOW_CHARS = 20

_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}


# Longest first, so "just over" wins over "over".
_QUALIFIERS = [
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "just over",
    "just under",
    "well over",
    "some",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "estimated",
    "an estimated",
    "as many as",
    "as few as",
    "close to",
    "upwards of",
]


# "between 1,200 and 1,400": the NER tags the two ends as two numbers; it is one range.
_AMOUNT = r"[£$€]?\d(?:[\d,.]*\d)?(?:\s*(?:k|m|mn|bn|million|billion))?(?:\s*(?:%|per\s*cent|percent))?"


_BETWEEN = re.compile(rf"\bbetween\s+{_AMOUNT}\s+and\s+{_AMOUNT}", re.IGNORECASE)


def number_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = [e for e in doc.ents if e.label_ in _NUMBER_LABELS]
    taken = {t.i for s in spans for t in s}
    date_tokens = {t.i for e in doc.ents if e.label_ in ("DATE", "TIME") for t in e}
    for pattern in (VAGUE, ONE_IN, FRACTION, _BETWEEN):
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(t.i in date_tokens for t in span):
                continue
            spans = [s for s in spans if not (s.start < span.end and span.start < s.end)]
            spans.append(span)
            taken.update(t.i for t in span)
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if not _is_excluded(doc, s)]


def _is_excluded(doc: Doc, span: Span) -> bool:
    text = span.text
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start else None
    if re.fullmatch(r"(1[5-9]|20)\d\d", text.strip()):
        return True  # a year
    if re.search(r"\d{4}\s+\d{3}\s+\d{3,4}|\d{5,}\s\d|^\d+\s+\d{3,4}$", text.strip()):
        return True  # a phone number: English writes thousands with a comma, not a space
    if prev is not None and re.fullmatch(r"0\d{3,}", prev.text):
        return True  # the rest of a phone number after its area code ("01632 960 123")
    if (
        nxt is not None
        and nxt.text in ("-", "–")
        and span.end + 1 < len(doc)
        and doc[span.end + 1].lower_ in ("year", "years")
    ):
        return True  # "63-year-old" is an age, not a count
    if (prev is not None and prev.text in (")", "(")) or (nxt is not None and nxt.text == ")"):
        return True  # "a)" list markers
    if _is_score(doc, span):
        return True  # "a 5-4 ruling", "passed 219 to 212": a tally, not a count of anything
    if any(t is not None and t.lower_ in _MONTH_NAMES for t in (prev, nxt)):
        return True  # "30 September" is a date the NER read as a number
    return not any(ch.isdigit() for ch in text) and not _has_number_word(span)


def _is_score(doc: Doc, span: Span) -> bool:
    line = doc.text[max(0, span.start_char - SCORE_WINDOW_CHARS) : span.end_char + SCORE_WINDOW_CHARS]
    at = span.start_char - max(0, span.start_char - 12)
    for m in re.finditer(r"(?<![\d,.])(\d+)\s*(?:-|–|to)\s*(\d+)(?![\d,.%])", line):
        if m.start() <= at < m.end() and int(m.group(1)) > int(m.group(2)):
            return True
    return False


def _has_number_word(span: Span) -> bool:
    return any(
        t.lower_ in WORD_VALUES
        or t.lower_ in FRACTIONS
        or t.lower_.rstrip("s") in FRACTIONS
        or t.lower_ in VAGUE_QUANTITIES
        for t in span
    )


def restated_figure(doc: Doc, span: Span) -> Span | None:
    """The exact figure in brackets right after a figure in words: "one third of Labour voters
    (35 per cent)", "just over one in four (27 per cent)". The words round; the bracketed figure
    is what the outlet measured, and is what should be compared across outlets."""
    if any(ch.isdigit() for ch in span.text):
        return None
    at = span.end
    # The counted noun may come between: "one third of Labour voters (35 per cent)".
    while (
        at < len(doc)
        and at - span.end < FIGURE_LOOKAHEAD_TOKENS
        and doc[at].text != "("
        and doc[at].pos_ != "VERB"
    ):
        at += 1
    if at >= len(doc) or doc[at].text != "(":
        return None
    close = next((t.i for t in doc[at + 1 : at + FIGURE_LOOKAHEAD_TOKENS] if t.text == ")"), None)
    if close is None:
        return None
    inner = doc[at + 1 : close]
    if not any(ch.isdigit() for ch in inner.text) or parse_value(inner.text) is None:
        return None
    return inner


_MONTH_NAMES = set(MONTHS) | MONTH_ABBREVIATIONS


def with_currency(doc: Doc, span: Span) -> Span:
    """The small model tags only "12" in "£12m": take the symbol and the scale back in."""
    start, end = span.start, span.end
    if start > 0 and doc[start - 1].text in CURRENCIES:
        start -= 1
    if (
        end < len(doc)
        and bare_word(doc[end]) in SCALE_WORDS
        and doc[end].idx == doc[end - 1].idx + len(doc[end - 1])
    ):
        end += 1
    return doc[start:end]


def bare_word(token: Token) -> str:
    """A token lowercased without a trailing full stop: spaCy keeps "m." whole at a sentence end."""
    return token.lower_.rstrip(".") or token.lower_


def with_qualifier(doc: Doc, span: Span) -> tuple[Span, str | None]:
    """Move a leading qualifier inside or before the span into ``approx``; keep it in the span."""
    lowered = span.text.lower()
    for qualifier in _QUALIFIERS:
        if lowered.startswith(qualifier + " "):
            return span, qualifier
    before = doc.text[max(0, span.start_char - QUALIFIER_WINDOW_CHARS) : span.start_char].lower()
    for qualifier in _QUALIFIERS:
        if re.search(rf"\b{re.escape(qualifier)}\s+$", before):
            start = span.start_char - len(re.search(rf"{re.escape(qualifier)}\s+$", before).group())  # type: ignore[union-attr]
            wider = doc.char_span(start, span.end_char, alignment_mode="expand")
            return (wider or span), qualifier
    return span, None
