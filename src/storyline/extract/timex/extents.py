"""Candidate extents: spaCy's DATE/TIME entities and lexicon matches, trimmed, split and extended to
TIMEX3 extents (leading prepositions off, kept bounds and articles on).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.timex.lexicon import MON_WORD, MONTH_NAME, WD_WORD

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# Characters after a time expression searched for words TimeML includes ('ago', a day part).
GROW_WINDOW_CHARS = 40
# Characters before a time expression searched for a kept bound or article.
LEAD_WINDOW_CHARS = 12

# Words that head a spaCy span but are not part of the TIMEX3 extent.
_LEAD_TRIM = re.compile(
    # Longer alternatives first: 'at least' must not stop at 'at'.
    r"^(?:(?:as early as|as late as|as long as|at least|at most|more than|less than|up to|"
    r"on|in|at|by|for|since|until|till|from|during|of|over|within|to|through|between|before|after|"
    r"about|around|approximately|roughly|only|just|barely|some|both|"
    r"an?|nearly|almost|sometime|and|or)\s+)+",
    re.I,
)


_ARTICLE_QUANTITY = (
    r"(?:(?:few|couple|dozen|half|additional|extra|further|full|whole|single|while|little|long|short)\b"
    r"|(?:[\w-]+ )?(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur)"
    r"|[\w-]+ (?:ago|earlier|later))"
)


_KEPT_BOUND = re.compile(r"\b(?:no more than|at least|more than|less than|nearly)\s+(?:an?\s+)?$", re.I)


_TAIL_TRIM = re.compile(r"(?:'s|’s|'|[.,;:])+$")


# Connectors that join two time expressions inside one spaCy span ("the quarter ended Sept. 30").
_SPLIT = re.compile(
    r"\s+(?:ended|ending|to|through|and|-)\s+|\s*-\s*(?=\d)"
    # 'the first nine months of 1997' is a duration and a year.
    r"|(?:(?<=months)|(?<=weeks)|(?<=quarters)|(?<=years))\s+of\s+(?=\d{4}\b|the year\b)",
    re.I,
)


_ANCHORED = re.compile(r"\s+(?:later|before|after)$", re.I)


_AGE = re.compile(r"-year-old|years? old|-month-old", re.I)


_LEXICON = re.compile(
    r"\b(?:right now|now|currently|recently|more recently|daily|weekly|nightly|every (?:day|week|"
    r"month|year|morning|night)|each (?:day|week|month|year)|the weekend|tonight|the future|the near future|"
    r"the latest (?:period|quarter)|(?:the )?year-(?:ago|earlier) (?:period|quarter)|"
    r"recent (?:years|months|weeks|days)|this time|"
    r"the (?:weeks|months|years)(?: and (?:months|years))? (?:to come|ahead)|"
    r"(?<=since )the (?:start|beginning|outbreak) of the (?:war|conflict|crisis|pandemic|fighting)|"
    r"(?<=\bfor )(?:(?:several|many) )?"
    r"(?:years|months|weeks|decades))\b",
    re.I,
)


_CALENDAR = re.compile(
    rf"\b(?:(?:{WD_WORD},? )?(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\. \d{{1,2}}\b(?:, \d{{4}}\b)?"
    rf"|(?:{WD_WORD},? )?{MONTH_NAME} (?:\d{{1,2}}\b(?:, \d{{4}}\b)?|\d{{4}}\b)"
    rf"|\d{{1,2}} {MONTH_NAME}(?: \d{{4}})?\b|{WD_WORD}\b"
    r"|(?:Thanksgiving|Election|Christmas|New Year's) Day\b|Christmas(?: Eve)?\b)"
)


def candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of candidate expressions, non-overlapping, in text order."""
    text = doc.text
    found: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not _AGE.search(ent.text):
            found.extend(_split_and_trim(text, ent.start_char, ent.end_char))
    for pattern in (_LEXICON, _CALENDAR):
        found.extend((m.start(), m.end()) for m in pattern.finditer(text))
    found = [_extend(text, s, e) for s, e in found if e > s]
    return _join_clock_and_day(text, _drop_overlaps(found))


_CLOCK_HEAD = re.compile(
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{2,4}T?)?|noon|midday|midnight)$", re.I
)


_DAY_TAIL = re.compile(rf"(?:{WD_WORD}|{MONTH_NAME}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)")


def _join_clock_and_day(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'noon Thursday', '5 p.m. EST, Nov. 9': a clock time and its day are one TIMEX3."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            prev_start, prev_end = joined[-1]
            gap = text[prev_end:start]
            if (
                gap in (" ", ", ")
                and _CLOCK_HEAD.match(text[prev_start:prev_end])
                and _DAY_TAIL.match(text, start)
            ):
                joined[-1] = (prev_start, end)
                continue
        joined.append((start, end))
    return joined


def _split_and_trim(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _SPLIT.finditer(text, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    return [_trim(text, s, e) for s, e in pieces]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and hedges and a trailing possessive or full stop."""
    span = text[start:end]
    lead = _LEAD_TRIM.match(span)
    if lead and lead.end() < len(span) and not _keeps_article(span, lead.group(0)):
        # TimeBank keeps a bound in the extent ('at least 30 days', 'nearly two weeks ago').
        bound = _KEPT_BOUND.search(lead.group(0))
        start += bound.start() if bound else lead.end()
        # 'nearly an hour', 'over a week': the hedge goes, the article (the number one) stays.
        article = re.search(r"\ban?\s+$", lead.group(0), re.I)
        if not bound and article and lead.group(0) != article.group(0) and _is_quantity(text[start:end]):
            start -= len(article.group(0))
    # 'three days later', 'two months before the elections': the quantity is a duration
    # anchored on another event, not on the DCT; TimeML leaves the anchor word out.
    anchored = _ANCHORED.search(text[start:end])
    if anchored and _is_quantity(text[start : start + anchored.start()]):
        end = start + anchored.start()
    the_date = re.match(r"the (?=" + MON_WORD + r"\.? \d)", text[start:end], re.I)
    if the_date:
        start += the_date.end()
    tail = _TAIL_TRIM.search(text[start:end])
    if tail and not re.search(r"\b[ap]\.m\.$|\b[A-Z][a-z]{0,3}\.$", text[start:end]):
        end = start + tail.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _keeps_article(span: str, lead: str) -> bool:
    """'a year ago', 'a decade', 'a few weeks' keep their article: it is the number one.

    Before anything else ('a fourth-quarter loss', 'an Aug. 10 letter') it is the noun's.
    """
    rest = span[len(lead) :].lower()
    return lead.strip().lower() in ("a", "an") and re.match(_ARTICLE_QUANTITY, rest) is not None


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span over neighbours TimeML includes: 'ago', 'earlier', a day part after a weekday."""
    after = text[end : end + GROW_WINDOW_CHARS]
    grows = re.match(r"\s+(?:(?P<rel>ago|earlier)|(?:morning|afternoon|evening|night)s?)", after, re.I)
    # 'ago'/'earlier' belong to a quantity ('two weeks ago'), not to a date ('Friday earlier').
    relative_ok = grows is not None and (grows.group("rel") is None or _is_quantity(text[start:end]))
    if grows and relative_ok and not re.search(r"\b(?:ago|earlier|later)$", text[start:end], re.I):
        end += grows.end()
    before = text[max(0, start - LEAD_WINDOW_CHARS) : start]
    m2 = re.search(r"\b(?:early|late|mid)[- ]$", before, re.I)
    if m2 and re.match(r"(?:\d{4}|" + MON_WORD + r")\b", text[start:end], re.I):
        start -= len(before) - m2.start()
    return start, end


def _is_quantity(span: str) -> bool:
    return re.search(r"(?:second|minute|hour|day|week|month|year|decade)s?$", span, re.I) is not None


def _drop_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping spans, first come first served among equals."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda p: (-(p[1] - p[0]), p[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)
