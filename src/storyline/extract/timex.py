"""Time expressions: find them in a parsed article and normalise them to TIMEX3 values.

Contract: ``extract_timexes(doc, article_id, published)`` returns ``TimeExpression`` items in
text order, ids ``f"{article_id}:t{n}"``, each a view into ``doc.text`` (``text ==
doc.text[start:end]``). Extents follow TimeML/TempEval-3 conventions: leading prepositions
("on", "in", "by") and hedges ("about", "only") are left out, bounds ("at least", "nearly",
"more than") are kept; determiners and temporal modifiers ("the last two years", "early next
year") are kept, but not an article that belongs to the noun ("a fourth-quarter loss", "the
Aug. 7 report"); a possessive "'s" is dropped.

Values are TIMEX3 values relative to ``published`` (the document creation time, DCT):
``2023-10-07``, ``2024-02``, ``2024-W10``, ``2023-Q3``, ``2023-FA``, ``199`` (a decade),
``P2M``, ``PXY``, ``PAST_REF``. Granularity is kept: a month is ``2024-02``, never its 1st.
Relative expressions are resolved against the DCT using the tense of the governing verb
(past tense "on Monday" is the Monday before). Without a DCT, absolute values are still
given and relative ones keep unknown parts as ``X`` ("XXXX-10-07") rather than inventing.

Candidates come from spaCy's DATE/TIME entities (trimmed and split to TIMEX3 extents) and
from a small lexicon of expressions spaCy does not tag ("now", "recently", "daily"). A
candidate that cannot be normalised is dropped: that filters ages ("52 years old") and
bare numbers that spaCy mislabels. Nothing here calls a date parser per token.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.model import Precision, TimeExpression, TimexType
from storyline.vocabulary import NUMBER_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS: dict[str, float] = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "hundred": 100,
    "a hundred": 100,
    "a couple of": 2,
    "a couple": 2,
    "twenty four": 24,
    "twenty-four": 24,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
}
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI"}
SET_WORDS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "nightly": "P1D",
    "hourly": "PT1H",
}
REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "the past": "PAST_REF",
    "recent years": "PAST_REF",
    "recent days": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "the years to come": "FUTURE_REF",
    "the months and years to come": "FUTURE_REF",
    # 'this time' in news contrasts the present occasion with earlier ones.
    "this time": "PRESENT_REF",
}
# 'since the start of the war': a beginning the text names only by its event.
_EVENT_START = re.compile(r"the (?:start|beginning|outbreak) of the \w+")

_MON_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON = r"(?P<mon>" + _MON_WORD + r")\.?"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUM = (
    r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + ")"
)
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"

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
_SHIFTED = re.compile(r"ago|earlier|last|previous|prior", re.I)
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


# Calendar dates spaCy sometimes misses when they modify a noun ('the Aug. 7 bombings').
_WD_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_CALENDAR = re.compile(
    rf"\b(?:(?:{_WD_WORD},? )?(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\. \d{{1,2}}\b(?:, \d{{4}}\b)?"
    rf"|(?:{_WD_WORD},? )?{_MONTH_NAME} (?:\d{{1,2}}\b(?:, \d{{4}}\b)?|\d{{4}}\b)"
    rf"|\d{{1,2}} {_MONTH_NAME}(?: \d{{4}})?\b|{_WD_WORD}\b"
    r"|(?:Thanksgiving|Election|Christmas|New Year's) Day\b|Christmas(?: Eve)?\b)"
)


@dataclass(frozen=True)
class _Context:
    """What a relative expression is resolved against."""

    dct: dt.date | None
    tense: str | None  # 'past' | 'present' | 'future' | None
    quarter: str | None  # the quarter the article last spoke of, e.g. '1989-Q3'
    last: bool = False  # the expression said 'last' ('last May')


@dataclass(frozen=True)
class _Norm:
    type: TimexType
    value: str
    precision: Precision | None


_YEAR_IN = re.compile(r"\b(1[5-9]|20)\d\d\b")


def extract_timexes(doc: Doc, article_id: str, published: dt.date | None) -> list[TimeExpression]:
    """Find and normalise the TIMEX3 time expressions of one parsed article (see module doc)."""
    if isinstance(published, dt.datetime):
        published = published.date()
    text = doc.text
    spans = _candidate_spans(doc)
    items: list[TimeExpression] = []
    quarter: str | None = None
    for start, end in spans:
        ctx = _Context(published, _tense(doc, start, end), quarter)
        norm = normalise_timex(text[start:end], ctx)
        if norm is None:
            continue
        if (
            "election" in text[start:end].lower()
            and norm.precision == "day"
            and not _YEAR_IN.search(text[start:end])
        ):
            # 'election day' is whichever election the story is about, not necessarily the US
            # Election Day (the Tuesday after the first Monday of November): its date is unknown.
            # (Case is no evidence: restored lowercase text may capitalise it.)
            norm = _Norm("DATE", "XXXX-XX-XX", "day")
        if re.fullmatch(r"\d{4}-Q\d", norm.value) and not _SHIFTED.search(text[start:end]):
            quarter = norm.value
        items.append(
            TimeExpression(
                id=f"{article_id}:t{len(items)}",
                article=article_id,
                start=start,
                end=end,
                text=text[start:end],
                type=norm.type,
                value=norm.value,
                precision=norm.precision,
            )
        )
    return items


# --------------------------------------------------------------------------- finding


def _candidate_spans(doc: Doc) -> list[tuple[int, int]]:
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
_DAY_TAIL = re.compile(rf"(?:{_WD_WORD}|{_MONTH_NAME}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)")


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
    the_date = re.match(r"the (?=" + _MON_WORD + r"\.? \d)", text[start:end], re.I)
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
    after = text[end : end + 40]
    grows = re.match(r"\s+(?:(?P<rel>ago|earlier)|(?:morning|afternoon|evening|night)s?)", after, re.I)
    # 'ago'/'earlier' belong to a quantity ('two weeks ago'), not to a date ('Friday earlier').
    relative_ok = grows is not None and (grows.group("rel") is None or _is_quantity(text[start:end]))
    if grows and relative_ok and not re.search(r"\b(?:ago|earlier|later)$", text[start:end], re.I):
        end += grows.end()
    before = text[max(0, start - 12) : start]
    m2 = re.search(r"\b(?:early|late|mid)[- ]$", before, re.I)
    if m2 and re.match(r"(?:\d{4}|" + _MON_WORD + r")\b", text[start:end], re.I):
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


def _tense(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb that governs the expression: past, present, future or None."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    looks_ahead = _LOOKS_AHEAD.search(doc.text[max(0, start - 16) : start]) is not None
    tense = _verb_tense(span)
    # 'by Friday' looks ahead unless the verb is plainly past ('had filed reports by Wednesday').
    if looks_ahead and tense != "past":
        return "future"
    # 'postponed until Tuesday', 'extended the deadline until 9 a.m. Friday': a deferral's
    # 'until' points past the (reported) act, so the day is ahead even after a past verb.
    until = re.search(r"\b(?:until|till) $", doc.text[max(0, start - 8) : start], re.I)
    if until and any(t.lemma_ in _DEFERRAL_VERBS for t in span.sent if t.i < span.start):
        return "future"
    return tense


def _verb_tense(span: Span) -> str | None:
    token = span.root
    path = []
    for _ in range(6):
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


# --------------------------------------------------------------------------- normalising


def normalise_timex(expression: str, ctx: _Context) -> _Norm | None:
    """The TIMEX3 type, value and precision of one expression, or None if it is not one."""
    s = re.sub(r"\s+", " ", expression.lower().replace("’", "'")).strip()
    fiscal = re.match(r"^(?:the )?(?:fiscal|calendar) ", s)
    if fiscal:
        s = s[fiscal.end() :]
        if s == "year":  # 'the fiscal year': TimeBank reads it as a year's length
            return _Norm("DURATION", "P1Y", None)
    # 'the current fiscal year', 'next fiscal year': the fiscal year named as the calendar one.
    s = re.sub(
        r"^(this|next|last|the current|the coming|the previous) (?:fiscal|calendar) year$", r"\1 year", s
    )
    for rule in _RULES:
        norm = rule(s, ctx)
        if norm is not None:
            return norm
    return None


def _ref(s: str, ctx: _Context) -> _Norm | None:
    if s in REFS:
        return _Norm("DATE", REFS[s], None)
    if _EVENT_START.fullmatch(s):
        return _Norm("DATE", "PAST_REF", None)
    return None


def _set(s: str, ctx: _Context) -> _Norm | None:
    if s in SET_WORDS:
        return _Norm("SET", SET_WORDS[s], None)
    m = re.fullmatch(r"(?:every|each|per|a) (?:single )?(day|week|month|year|morning|night|quarter)", s)
    if m and not s.startswith("a "):
        unit = {"morning": "day", "night": "day"}.get(m.group(1), m.group(1))
        return _Norm("SET", _duration(1, unit), None)
    m = re.fullmatch(r"(?:every|each) " + _WD, s)
    if m:
        return _Norm("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}", None)
    return None


def _deictic(s: str, ctx: _Context) -> _Norm | None:
    """today, yesterday, tomorrow, tonight, with day parts and early/late."""
    m = re.fullmatch(
        r"(?:(?:early|late|earlier|later) )?(?P<d>today|yesterday|tomorrow|tonight|last night|this "
        r"(?P<p>morning|afternoon|evening))(?: (?P<p2>morning|afternoon|evening|night))?",
        s,
    )
    if not m:
        return None
    word = m.group("d")
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    part = m.group("p") or m.group("p2") or ("night" if "night" in word else None)
    if ctx.dct is None:
        return _Norm("DATE" if part is None else "TIME", "PRESENT_REF" if shift == 0 else "XXXX-XX-XX", None)
    day = (ctx.dct + dt.timedelta(days=shift)).isoformat()
    if part is None:
        return _Norm("DATE", day, "day")
    return _Norm("TIME", day + DAY_PARTS[part], "time")


def _weekday(s: str, ctx: _Context) -> _Norm | None:
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this|early|late|earlier|later|the day|the previous|the following) )?"
        + _WD
        + r"(?:,? (?:"
        + _PART
        + r"|"
        + _MON
        + r" (?P<day>\d{1,2})(?:, "
        + _YEAR
        + r")?))?",
        s,
    )
    if not m:
        return None
    if m.group("mon"):
        return _absolute(
            f"{m.group('mon')} {m.group('day')}" + (f", {m.group('year')}" if m.group("year") else ""), ctx
        )
    target = WEEKDAYS[m.group("wd")]
    if s.endswith("s") and not m.group("part"):
        return _Norm("SET", f"XXXX-WXX-{target + 1}", None)
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-WXX-{target + 1}", "day")
    rel = m.group("rel")
    rel = {"the previous": "last", "the following": "next"}.get(rel or "", rel)
    direction = {"last": "past", "next": "future"}.get(rel or "", ctx.tense)
    value = _resolve_weekday(ctx.dct, target, direction, rel).isoformat()
    # TimeBank annotates 'Friday evening' and 'Friday afternoon' with the part of the day, but
    # mostly 'Friday morning' and 'Friday night' as the day itself.
    if m.group("part") in ("evening", "afternoon"):
        return _Norm("TIME", value + DAY_PARTS[m.group("part")], "time")
    return _Norm("DATE", value, "day")


def _resolve_weekday(dct: dt.date, target: int, direction: str | None, rel: str | None) -> dt.date:
    """News convention: the DCT's own weekday is the DCT; else past tense looks back."""
    delta = target - dct.weekday()
    if delta == 0 and rel not in ("last", "next"):
        return dct
    if direction == "future":
        return dct + dt.timedelta(days=delta % 7 or 7)
    return dct - dt.timedelta(days=(-delta) % 7 or 7)


def _absolute(s: str, ctx: _Context) -> _Norm | None:
    """Calendar dates with a month name: 'Oct. 7, 2023', '7 October', 'March 2024', 'early March'."""
    lead = re.match(
        r"(?:early|late|mid|earlier|later|the end of|the beginning of|the start of|the middle of"
        r"|this|last|next|this past|this coming)[- ]",
        s,
    )
    if lead:
        s = s[lead.end() :]
        ctx = _Context(
            ctx.dct,
            {"last ": "past", "next ": "future", "this past ": "past", "this coming ": "future"}.get(
                lead.group(0), ctx.tense
            ),
            ctx.quarter,
            last=lead.group(0) == "last ",
        )
    spelled = re.fullmatch(
        r"(?P<head>" + _MON_WORD + r"|(?:the )?(?:spring|summer|fall|autumn|winter)(?: of)?) (?P<y>[a-z -]+)",
        s,
    )
    year_words = _spelled_year(spelled.group("y")) if spelled else None
    if spelled and year_words is not None:
        head = spelled.group("head")
        season = re.sub(r"^the | of$", "", head)
        if season in SEASONS:
            return _Norm("DATE", f"{year_words}-{SEASONS[season]}", "season")
        return _Norm("DATE", f"{year_words}-{MONTHS[head]:02d}", "month")
    m = (
        re.fullmatch(_MON + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? " + _YEAR + r")?", s)
        or re.fullmatch(
            r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: of)? " + _MON + r"(?:,? " + _YEAR + r")?", s
        )
        or re.fullmatch(_MON + r"(?:,? (?:of )?" + _YEAR + r"| (?P<rel>this|last|next) year)?", s)
    )
    if not m:
        return None
    month = MONTHS[m.group("mon")]
    day = int(m.group("day")) if "day" in m.groupdict() and m.group("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = _year_for(month, day, m, ctx, expression=s)
    ystr = "XXXX" if year is None else f"{year:04d}"
    if day is None:
        return _Norm("DATE", f"{ystr}-{month:02d}", "month")
    return _Norm("DATE", f"{ystr}-{month:02d}-{day:02d}", "day")


def _year_for(month: int, day: int | None, m: re.Match[str], ctx: _Context, expression: str) -> int | None:
    if m.groupdict().get("year"):
        return int(m.group("year"))
    if ctx.dct is None:
        return None
    rel = m.groupdict().get("rel")
    if rel:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    if ctx.last:
        # 'last May' is at least a month or two back: in March, 'last February' is a year ago
        # (the one just gone would be 'last month' or 'in February').
        return ctx.dct.year - (1 if month >= ctx.dct.month - 1 else 0)
    if expression.startswith("may") and day is None:
        return ctx.dct.year
    # Days from the DCT to this date in the DCT's year (a month counts from its middle).
    here = dt.date(ctx.dct.year, month, min(day or 15, 28))
    gap = (here - ctx.dct).days
    if ctx.tense == "future":
        # A deadline a day or two gone is still this year's ('by Jan. 14' in a Jan. 15 story).
        return ctx.dct.year + (1 if gap < -45 else 0)
    if ctx.tense == "past":
        # A past-tense verb can still name a date just ahead ('was extended to Nov. 16'), so
        # only a date well after the DCT is last year's ('14 November' in a March story).
        return ctx.dct.year - (1 if gap > 45 else 0)
    # No tense to go by: news mostly looks back, so a date up to about nine months before the
    # DCT is this year's, and one more than about three months ahead is last year's.
    return ctx.dct.year + (1 if gap < -280 else -1 if gap > 100 else 0)


def _relative_unit(s: str, ctx: _Context) -> _Norm | None:
    """'this week', 'last month', 'next year', 'earlier this year', 'the weekend', seasons."""
    m = re.fullmatch(
        r"(?:(?:early|earlier|late|later|mid|the end of|the rest of|the beginning of|the start of)"
        r"[- ])?(?:(?P<rel>this past|this coming|this|last|next|the past|the previous|the coming|the current"
        r"|the same|that|the) )?(?P<unit>week|weekend|month|year|spring|summer|fall|autumn|winter)",
        s,
    )
    if not m or (m.group("rel") in (None, "the") and m.group("unit") not in ("weekend", *SEASONS)):
        return None
    if m.group("rel") is None and m.group("unit") == "weekend":
        return None
    rel, unit = m.group("rel"), m.group("unit")
    if rel in ("this past", "this coming") and unit in SEASONS:
        return _nearest_season(ctx.dct, unit, ahead=rel == "this coming")
    back = ("last", "the past", "the previous", "this past")
    shift = -1 if rel in back else 1 if rel in ("next", "the coming", "this coming") else 0
    return _shifted(ctx.dct, m.group("unit"), shift, ctx.tense if m.group("rel") in (None, "the") else None)


_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _nearest_season(dct: dt.date | None, season: str, ahead: bool) -> _Norm:
    """'this past spring' is the latest spring begun by the DCT; 'this coming winter' the next one."""
    if dct is None:
        return _Norm("DATE", f"XXXX-{SEASONS[season]}", "season")
    begun = _SEASON_START[season] <= dct.month
    year = dct.year + (0 if begun != ahead else 1 if ahead else -1)
    return _Norm("DATE", f"{year}-{SEASONS[season]}", "season")


def _shifted(dct: dt.date | None, unit: str, shift: int, tense: str | None) -> _Norm | None:
    if unit in SEASONS:
        if dct is None:
            return _Norm("DATE", f"XXXX-{SEASONS[unit]}", "season")
        year = dct.year + shift
        return _Norm("DATE", f"{year}-{SEASONS[unit]}", "season")
    if dct is None:
        return _Norm(
            "DATE",
            {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}[unit],
            None,
        )
    if unit in ("week", "weekend"):
        iso = (dct + dt.timedelta(weeks=shift)).isocalendar()
        # Early in the week, 'the weekend' of a report is the one just gone.
        if unit == "weekend" and shift == 0 and tense != "future" and dct.weekday() < 4:
            iso = (dct - dt.timedelta(weeks=1)).isocalendar()
        return _Norm("DATE", f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else ""), "week")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 + shift
        return _Norm("DATE", f"{index // 12}-{index % 12 + 1:02d}", "month")
    return _Norm("DATE", str(dct.year + shift), "year")


def _quarter(s: str, ctx: _Context) -> _Norm | None:
    """'the third quarter', 'third-quarter', 'the latest quarter', 'the year-ago quarter'."""
    m = re.fullmatch(
        r"(?:the |its |this year's |last year's |next year's )?(?:(?P<year0>\d{4}) )?"
        r"(?:(?:fiscal|year-ago|year-earlier|latest|current|comparable|same|first|second|third|fourth|"
        r"1st|2nd|3rd|4th|last|next|previous)[- ]?)*(?:quarter|period)(?: of (?P<year>\d{4}))?",
        s,
    )
    if not m or ("period" in s and not re.search(r"year-ago|year-earlier|latest|same|comparable", s)):
        return None
    ordinal = next((ORDINALS[w] for w in re.split(r"[- ]", s) if w in ORDINALS), None)
    if m.group("year") or m.group("year0"):
        year: int | None = int(m.group("year") or m.group("year0"))
    elif ordinal is not None:
        # An explicit quarter is this year's unless it has not begun yet (news reports results).
        year = None if ctx.dct is None else ctx.dct.year - (1 if (ordinal - 1) * 3 + 1 > ctx.dct.month else 0)
    else:
        base = _current_quarter(ctx.dct) if "current" in s else (ctx.quarter or _previous_quarter(ctx.dct))
        year, ordinal = (int(base[:4]), int(base[-1])) if base else (None, None)
    if year is not None and re.search(r"year-ago|year-earlier|last year's|previous year", s):
        year -= 1
    if year is not None and "next year's" in s:
        year += 1
    ystr = "XXXX" if year is None else str(year)
    return _Norm("DATE", f"{ystr}-Q{ordinal if ordinal else 'X'}", "quarter")


def _current_quarter(dct: dt.date | None) -> str | None:
    return None if dct is None else f"{dct.year}-Q{(dct.month - 1) // 3 + 1}"


def _previous_quarter(dct: dt.date | None) -> str | None:
    if dct is None:
        return None
    q = (dct.month - 1) // 3
    return f"{dct.year - 1}-Q4" if q == 0 else f"{dct.year}-Q{q}"


def _ago(s: str, ctx: _Context) -> _Norm | None:
    """'three weeks ago', 'a year earlier', 'year-earlier': the DCT shifted back."""
    m = re.fullmatch(
        r"(?:(?:just|only|about|some|nearly|almost|at least|more than|less than) )?"
        + _NUM
        + r"[- ]"
        + _UNIT
        + r" (?P<dir>ago|earlier|"
        r"later|before|from now|hence)",
        s,
    ) or re.fullmatch(
        r"(?P<num>a)?(?P<unit>year)[- ](?P<dir>"
        r"earlier|ago)",
        s,
    )
    if not m:
        m = re.fullmatch(r"(?P<vague>several|a few|many|some|few) " + _UNIT + r" (?P<dir>ago|earlier)", s)
        if m:
            return _Norm("DATE", "PAST_REF", None)
        return None
    n = _number(m.group("num") or "a")
    if n is None or n != int(n):
        return None
    unit = m.group("unit").rstrip("s")
    back = m.group("dir") in ("ago", "earlier", "before")
    if ctx.quarter and unit == "year" and back and int(n) == 1:
        return _Norm("DATE", f"{int(ctx.quarter[:4]) - 1}{ctx.quarter[4:]}", "quarter")
    if ctx.dct is None:
        return _Norm("DATE", "PAST_REF" if back else "FUTURE_REF", None)
    return _offset(ctx.dct, int(n) * (-1 if back else 1), unit)


def _offset(dct: dt.date, n: int, unit: str) -> _Norm | None:
    if unit in ("day", "night"):
        return _Norm("DATE", (dct + dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        iso = (dct + dt.timedelta(weeks=n)).isocalendar()
        return _Norm("DATE", f"{iso[0]}-W{iso[1]:02d}", "week")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 + n
        return _Norm("DATE", f"{index // 12}-{index % 12 + 1:02d}", "month")
    if unit == "year":
        return _Norm("DATE", str(dct.year + n), "year")
    if unit == "decade":
        return _Norm("DATE", str(dct.year + 10 * n)[:3], "decade")
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + n
        return _Norm("DATE", f"{index // 4}-Q{index % 4 + 1}", "quarter")
    return None


def _duration_rule(s: str, ctx: _Context) -> _Norm | None:
    """'two years', 'the past two months', 'the first nine months', 'two-year', 'a minute and a half'."""
    s = re.sub(
        r"^(?:(?:about|around|only|just|barely|nearly|almost|some|no more than|more than|less than|at least|"
        r"up to|over|"
        r"under|roughly|approximately|another|the|past|last|next|first|coming|latest|previous|final|"
        r"entire|whole|full|same|additional|further|recent)[- ])+",
        "",
        s,
    )
    s = re.sub(r" (?:more|long|old|or so)$", "", s)
    s = re.sub(r"^couple of ", "two ", s)
    # 'eight trading days': a working day is still a day in TIMEX3.
    s = re.sub(r" (?:trading|business|working) (?=days?$)", " ", s)
    s = re.sub(r"(?<=\d) 1/2(?= )", " and a half", s)
    m = re.fullmatch(_NUM + r"(?:[- ](?:and a half|more))?[- ]" + _UNIT + r"(?: and a half)?", s)
    if m:
        n = _number(m.group("num"))
        if n is None:
            return None
        if "and a half" in s:
            n += 0.5
        return _Norm("DURATION", _duration(n, m.group("unit")), None)
    m = re.fullmatch(r"(?P<vague>several|a few|few|many|some|the|recent|coming)? ?" + _UNIT, s)
    if m and (m.group("vague") or s.endswith("s")):
        unit = m.group("unit")
        if s.endswith("s") or m.group("vague") not in (None, "the"):
            return _Norm("DURATION", _duration(None, unit), None)
        return _Norm("DURATION", _duration(1, unit), None)
    m = re.fullmatch(_UNIT + r" or " + _UNIT.replace("unit", "unit2"), s)
    if m:
        return _Norm("DURATION", _duration(None, m.group("unit")), None)
    return None


_HALF_DATE = {"Y": "6M", "M": "15D", "D": "T12H"}
_HALF_TIME = {"H": "30M", "M": "30S"}


def _duration(n: float | None, unit: str) -> str:
    unit = re.sub(r"(?:ies|ie|s)$", lambda x: "y" if x.group(0).startswith("ie") else "", unit)
    code, is_time = UNITS.get(unit, ("X", False))
    if code == "DE" or (code == "CE" and n is not None):
        # Decades and centuries are counted in years, like TimeBank: 'two decades' P20Y,
        # 'half a century' P50Y, 'for decades' PXY.
        n = None if n is None else n * (10 if code == "DE" else 100)
        code = "Y"
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if n is not None and n != int(n) and n * 2 == int(n * 2):
        # A half is written in the next unit down: 'two and a half years' is P2Y6M.
        half = _HALF_TIME.get(code) if is_time else _HALF_DATE.get(code)
        if half:
            whole = f"{int(n)}{code}" if int(n) else ""  # 'half a year' is P6M, not P0Y6M
            return f"P{'T' if is_time else ''}{whole}{half}"
    return f"P{'T' if is_time else ''}{amount}{code}"


def _number(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return NUMBERS.get(word)


def _year(s: str, ctx: _Context) -> _Norm | None:
    """'1990', 'mid-1996', 'the end of 1990', 'the 1988 period', 'the 1990s', 'the 20th century'."""
    m = re.fullmatch(r"the " + _YEAR + r" (?:quarter|period)", s)
    if m:
        # Results news compares a quarter with the same quarter of another year.
        if ctx.quarter:
            return _Norm("DATE", f"{m.group('year')}{ctx.quarter[4:]}", "quarter")
        return _Norm("DATE", m.group("year"), "year")
    m = re.fullmatch(
        r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|the first half of|"
        r"the second half of)[- ])?(?:the )?" + _YEAR + r"(?: (?:period|season|year|levels?))?",
        s,
    )
    if m:
        return _Norm("DATE", m.group("year"), "year")
    m = re.fullmatch(
        r"(?:the )?(?:(?:early|late|mid)[- ])?(?:(?P<c>1[5-9]|20)(?P<d>\d)0|')(?P<d2>\d)?0?'?s", s
    )
    if m and (m.group("c") or m.group("d2")):
        prefix = m.group("c") or "19"
        return _Norm("DATE", prefix + (m.group("d") or m.group("d2")), "decade")
    m = re.fullmatch(r"the (?:(?:early|late|mid)[- ])?(?P<d>twen|thir|for|fif|six|seven|eigh|nine)ties", s)
    if m:
        # 'the nineties' in a 20th-century text; later texts mean the same decade.
        digit = ["twen", "thir", "for", "fif", "six", "seven", "eigh", "nine"].index(m.group("d")) + 2
        return _Norm("DATE", f"19{digit}", "decade")
    m = re.fullmatch(r"(?:the )?(?:(?:early|late|mid)[- ])?(?P<n>\d{1,2})(?:st|nd|rd|th) century", s)
    if m:
        return _Norm("DATE", f"{int(m.group('n')) - 1:02d}", "century")
    spelled = _spelled_year(re.sub(r"^(?:in )?(?:the year )?", "", s))
    if spelled is not None:
        return _Norm("DATE", str(spelled), "year")
    return None


def _spelled_year(s: str) -> int | None:
    """'nineteen ninety-one', 'two thousand and four' (broadcast transcripts spell years out)."""
    m = re.fullmatch(r"(?P<c>nineteen|eighteen|twenty)(?: hundred)? (?P<t>[a-z]+)(?:[- ](?P<u>[a-z]+))?", s)
    if m and m.group("t") in NUMBER_WORDS and 10 <= NUMBER_WORDS[m.group("t")] <= 90:
        units = NUMBER_WORDS.get(m.group("u") or "zero", -1)
        if 0 <= units <= 9 and (units == 0 or NUMBER_WORDS[m.group("t")] >= 20):
            return NUMBER_WORDS[m.group("c")] * 100 + NUMBER_WORDS[m.group("t")] + units
    m = re.fullmatch(r"two thousand(?: and)?(?: (?P<u>[a-z]+))?", s)
    if m:
        units = NUMBER_WORDS.get(m.group("u") or "zero", -1)
        return 2000 + units if 0 <= units <= 19 else None
    return None


def _clock(s: str, ctx: _Context) -> _Norm | None:
    """'10:00 GMT', '3 p.m.', 'noon', optionally followed by a day ('9 a.m. Tuesday')."""
    m = re.fullmatch(
        r"(?:about |around )?(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>[ap]\.?m\.?)?(?: (?:[a-z]{2,4}t|"
        r"gmt|utc|local time))?(?:,? (?P<rest>.+))?|(?P<noon>noon|midday|midnight)(?: (?P<rest2>.+))?",
        s,
    )
    if not m or (not m.group("noon") and not m.group("ap") and not m.group("mi")):
        return None
    if m.group("noon"):
        hour, minute = (24 if m.group("noon") == "midnight" else 12), 0
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if hour > 24 or minute > 59:
            return None
        if m.group("ap") and m.group("ap")[0] == "p" and hour < 12:
            hour += 12
    rest = m.group("rest") or m.group("rest2")
    day = "XXXX-XX-XX" if ctx.dct is None else ctx.dct.isoformat()
    if rest:
        base = _weekday(rest, ctx) or _absolute(rest, ctx) or _deictic(rest, ctx)
        if base is None or base.precision != "day":
            return None
        day = base.value
    return _Norm("TIME", f"{day}T{hour:02d}:{minute:02d}", "time")


def _holiday(s: str, ctx: _Context) -> _Norm | None:
    """Fixed and movable feasts news dates by: 'Thanksgiving Day', 'last Christmas'."""
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this) )?(?P<h>thanksgiving|christmas|christmas eve|new year's|election)"
        r"(?: day)?",
        s,
    )
    if not m:
        return None
    if ctx.dct is None:
        return _Norm("DATE", "XXXX-XX-XX", "day")
    year = ctx.dct.year
    for _ in range(2):
        day = _feast(m.group("h"), year)
        ahead = day > ctx.dct
        wanted = "future" if m.group("rel") == "next" else "past" if m.group("rel") == "last" else ctx.tense
        if (wanted == "past" and ahead) or (wanted in (None, "present") and (day - ctx.dct).days > 60):
            year -= 1
        elif wanted == "future" and not ahead:
            year += 1
        else:
            break
    return _Norm("DATE", _feast(m.group("h"), year).isoformat(), "day")


def _feast(name: str, year: int) -> dt.date:
    if name == "thanksgiving":  # fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election":  # the Tuesday after the first Monday of November
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return {"christmas": dt.date(year, 12, 25), "christmas eve": dt.date(year, 12, 24)}.get(
        name, dt.date(year, 1, 1)
    )


def _lone_unit(s: str, ctx: _Context) -> _Norm | None:
    """'the weekend', 'the day', 'year-end', holidays."""
    if s in ("year-end", "the year-end", "the end of the year"):
        return _Norm("DATE", "XXXX-12-31" if ctx.dct is None else f"{ctx.dct.year}-12-31", "day")
    if s in ("the day", "that day", "the same day"):
        return None
    if s in ("the year",):
        return _Norm("DURATION", "P1Y", None)
    if s in ("the week",):
        return _shifted(ctx.dct, "week", 0, ctx.tense)
    if s in ("the month",):
        return _shifted(ctx.dct, "month", 0, ctx.tense)
    return None


_RULES = (
    _ref,
    _set,
    _deictic,
    _weekday,
    _holiday,
    _clock,
    _absolute,
    _relative_unit,
    _quarter,
    _ago,
    _year,
    _lone_unit,
    _duration_rule,
)
