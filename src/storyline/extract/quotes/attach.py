"""Attaching quotes to frames: which reporting frame governs each quoted span, reported clauses
without quotation marks, and the speaker carried on to continuing quotes.
"""

from __future__ import annotations

import re

from storyline.extract.quotes.context import Frame, QuoteContext
from storyline.extract.quotes.frames import clip_to_paragraph, trim_clause
from storyline.extract.quotes.lexicon import BETWEEN_AFTER_OK, CUE_DEPENDENTS, SENTENCE_END, WEAK_LEMMAS
from storyline.extract.quotes.marks import QUOTE_MARKS, QuoteSpan
from storyline.model import Quote, QuoteKind

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# Farthest (characters) a cue after a quote may start from its closing mark.
MAX_CUE_AFTER_CHARS = 160
# Farthest (characters) a cue before a quote may end from its opening mark.
MAX_CUE_BEFORE_CHARS = 400
# How many of the nearest cues before a quote are tried, nearest first.
CUES_BEFORE_TRIED = 3
# A sentence-opening quote with no cue is kept only from this many words (shorter ones are scare quotes).
MIN_UNATTRIBUTED_WORDS = 4


def _frame_after(ctx: QuoteContext, q: QuoteSpan, frames: list[Frame]) -> Frame | None:
    """`"…," he said` / `"…," said Ms Smith`: a cue right after the quote, only its subject between."""
    doc = ctx.doc
    for f in frames:
        if f.cue_start < q.end or f.cue_start - q.end > MAX_CUE_AFTER_CHARS:
            continue
        if f.cue_token is not None and f.cue_token.tag_ == "VBG":
            return None  # "…." Responding to X, she said: the participle opens a new report
        if f.content is not None and f.content[0] > f.cue_start:
            return None  # the cue reports a clause of its own, after it
        between = doc.char_span(q.end, f.cue_start, alignment_mode="expand")
        if between is None:
            return None
        allowed = set(range(f.speaker.start, f.speaker.end)) if f.speaker is not None else set()
        if f.speaker is not None:
            allowed |= {t.i for t in f.speaker.root.subtree}
        if f.cue_token is not None:
            for child in f.cue_token.children:
                if child.dep_ in BETWEEN_AFTER_OK:
                    allowed |= {t.i for t in child.subtree}
        if all(t.i in allowed or t.is_punct or t.is_space or t.text in QUOTE_MARKS for t in between):
            if "\n" in ctx.text[q.end : f.cue_start]:
                return None
            return f
        return None
    return None


def _frame_before(ctx: QuoteContext, q: QuoteSpan, frames: list[Frame]) -> tuple[Frame | None, bool]:
    """`He said: "…"`: the nearest cue before the quote in its sentence that governs it. True if
    words of the reported clause stand between the cue and the quote (then the quote is partial)."""
    before = [f for f in frames if f.cue_end <= q.start and q.start - f.cue_end < MAX_CUE_BEFORE_CHARS]
    for f in reversed(
        before[-CUES_BEFORE_TRIED:]
    ):  # "accused X of failing to call for …, and for "…"": skip "call"
        if "\n" in ctx.text[f.cue_end : q.start] or SENTENCE_END.search(
            _blank_quotes(ctx, f.cue_end, q.start)
        ):
            return None, False
        verdict = _governs(ctx, f, q)
        if verdict is not None:
            return f, verdict
    return None, False


def _governs(ctx: QuoteContext, f: Frame, q: QuoteSpan) -> bool | None:
    """None if the cue does not introduce the quote; else whether the quote is partial."""
    span = ctx.doc.char_span(f.cue_end, q.start, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    if not words:
        return False
    if f.content is not None and f.content[0] <= q.start < f.content[1]:
        return True
    cue = f.cue_token
    if cue is not None and all(cue in t.ancestors or t == cue for t in words):
        direct = cue.lemma_ in ("say", "tell", "add", "write")
        return not (direct and all(t.dep_ in CUE_DEPENDENTS for t in words))
    return None


def _blank_quotes(ctx: QuoteContext, start: int, end: int) -> str:
    """The text between start and end with quoted stretches blanked (their full stops don't count)."""
    chars = list(ctx.text[start:end])
    for q in ctx.quotes:
        for i in range(max(q.start, start), min(q.end, end)):
            chars[i - start] = "x"
    return "".join(chars)


def _starts_sentence(ctx: QuoteContext, q: QuoteSpan) -> bool:
    text = ctx.text
    line_start = text.rfind("\n", 0, q.start) + 1
    lead = text[line_start : q.start]
    tail = re.split(r"[.!?…:][\"”’)]*\s", lead)[-1] if lead else ""
    return not re.search(r"\w", tail)


def attach_quotes(ctx: QuoteContext, frames: list[Frame]) -> list[Quote]:
    """Direct and partial quotes from the quotation marks, each with its reporting clause."""
    items: list[Quote] = []
    for q in ctx.quotes:
        f = _frame_after(ctx, q, frames)
        if f is not None and _sentence_start(ctx, f.cue_start) > q.end:
            f = None  # a reporting verb in a later sentence speaks for that sentence, not this quote
        start = q.start
        kind: QuoteKind = "direct"
        if f is not None and not _starts_sentence(ctx, q):
            lead = f.content[0] if f.content is not None else q.start
            sent_start = _sentence_start(ctx, q.start)
            if sent_start <= lead < q.start:
                start, kind = lead, "partial"
            elif f.content is not None and not (f.content[0] < q.end and q.start < f.content[1]):
                f = None
        if f is None:
            f, inside = _frame_before(ctx, q, frames)
            if f is not None and inside:
                if f.content is None and not _is_title_after_say(f):
                    items.append(_make(ctx, q.start, q.end, "partial", f, first=not f.used))
                    f.used = True
                elif f.content is not None and not f.content[0] <= q.start < f.content[1]:
                    clause = _continuing_clause(ctx, f, q)
                    if clause is not None and not any(
                        i.start < clause[1] and clause[0] < i.end for i in items
                    ):
                        items.append(_make(ctx, *clause, "partial", f, first=False))
                continue  # the reported clause carries it (emitted as partial later)
        if f is None:
            if q.continues or (
                _starts_sentence(ctx, q) and len(ctx.text[q.start : q.end].split()) >= MIN_UNATTRIBUTED_WORDS
            ):
                items.append(_make(ctx, q.start, q.end, "direct", None, first=False))
            continue
        items.append(_make(ctx, start, q.end, kind, f, first=not f.used))
        f.used = True
    return items


def _continuing_clause(ctx: QuoteContext, f: Frame, q: QuoteSpan) -> tuple[int, int] | None:
    """`he stressed "…" and it was "vitally important" that …`: a clause conjoined to the cue
    carries the second half of the report. Its span, or None when the quote is not in one."""
    cue = f.cue_token
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if cue is None or span is None:
        return None
    tok = span.root  # spaCy makes a new Token object on every access: compare positions
    while tok.head.i != tok.i and tok.head.i != cue.i:
        tok = tok.head
    if tok.head.i != cue.i or tok.dep_ != "conj" or tok.i < cue.i:
        return None
    clause = trim_clause(ctx.doc, tok.left_edge.i, tok.right_edge.i)
    if clause is None:
        return None
    return clip_to_paragraph(ctx.text, q.start, _cover_quotes(ctx, *clause))


def _is_title_after_say(f: Frame) -> bool:
    """`said on CBS' "Face the Nation"`: a quoted name after say/tell is a title, not a quotation."""
    return f.cue_token is not None and f.cue_token.lemma_ in ("say", "tell")


def _sentence_start(ctx: QuoteContext, pos: int) -> int:
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    sent_start = ctx.doc[ctx.sent_spans[ctx.sent_of[span[0].i]][0]].idx if span is not None else 0
    return max(sent_start, line_start)


def reported_clauses(ctx: QuoteContext, frames: list[Frame], taken: list[Quote]) -> list[Quote]:
    """Indirect (and partial) speech: reporting clauses whose content no direct quote took."""
    items: list[Quote] = []
    for f in frames:
        if f.used or f.content is None:
            continue
        start, end = _cover_quotes(ctx, *f.content)
        if f.cue_token is not None and f.cue_token.lemma_ in WEAK_LEMMAS and not _has_mark(ctx, start, end):
            continue  # "believed people would …" is a thought; "believed people "will …"" quotes
        if f.speaker is None and f.cue_token is not None and f.cue_token.lemma_ != "say":
            continue
        if len(ctx.text[start:end].split()) < 2:
            continue
        if any(q.start < end and start < q.end for q in taken):
            continue
        kind: QuoteKind = "partial" if any(c in QUOTE_MARKS for c in ctx.text[start:end]) else "indirect"
        items.append(_make(ctx, start, end, kind, f, first=True))
        f.used = True
    return items


def _has_mark(ctx: QuoteContext, start: int, end: int) -> bool:
    return any(c in QUOTE_MARKS for c in ctx.text[start:end])


def _cover_quotes(ctx: QuoteContext, start: int, end: int) -> tuple[int, int]:
    """Stretch a reported clause over quotes that begin or end inside it (the parser often leaves
    a closing `."` outside the clause)."""
    for q in ctx.quotes:
        if start <= q.start < end:
            end = max(end, q.end)
        elif start < q.end <= end:
            start = min(start, q.start)
    return start, end


def _make(ctx: QuoteContext, start: int, end: int, kind: QuoteKind, f: Frame | None, first: bool) -> Quote:
    text = ctx.text
    quote = Quote(id="", article="", start=start, end=end, text=text[start:end], kind=kind)
    if f is None:
        return quote
    quote.speaker_name = f.speaker_name
    quote.medium = f.medium
    if first:
        if f.speaker is not None:
            quote.speaker_text = f.speaker.text
            quote.speaker_start = f.speaker.start_char
            quote.speaker_end = f.speaker.end_char
        quote.cue = text[f.cue_start : f.cue_end]
        quote.cue_start, quote.cue_end = f.cue_start, f.cue_end
    return quote


def carry_speakers(items: list[Quote]) -> None:
    """Unattributed quotes continue the last speaker (and medium) named before them."""
    last: Quote | None = None
    for item in items:
        if item.speaker_name is None and item.cue is None and last is not None:
            item.speaker_name = last.speaker_name
            item.medium = last.medium
        if item.speaker_name is not None:
            last = item
