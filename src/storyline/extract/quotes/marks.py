"""Quotation-mark spans: which stretches of the text are inside quotation marks, and which tokens."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

QUOTE_MARKS = frozenset('"“”„«»‟')


_OPEN_BEFORE = frozenset(" \t([{—–-:/")


_PUNCT_AFTER = frozenset(" \t.,;:!?)]}—–-…")


@dataclass
class QuoteSpan:
    start: int
    end: int
    continues: bool = False  # opens a paragraph after an unclosed quote


def _mark_role(text: str, i: int, line_start: int, line_end: int) -> str:
    """'open', 'close' or 'either', judged from the characters around the mark."""
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < line_end else " "
    opens = prev in _OPEN_BEFORE and nxt not in _PUNCT_AFTER
    closes = nxt in _PUNCT_AFTER and prev not in " \t"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair double quotation marks paragraph by paragraph; an unclosed quote runs to its paragraph end."""
    spans: list[QuoteSpan] = []
    pos = 0
    previous_unclosed = False
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            continue
        first_mark = True
        unclosed = False
        open_at: int | None = None
        for i in range(line_start, line_end):
            if text[i] not in QUOTE_MARKS:
                continue
            role = _mark_role(text, i, line_start, line_end)
            if open_at is None:
                if role == "close" and not first_mark:
                    continue  # a stray closing mark; nothing to pair it with
                open_at = i
            elif role == "open" and text[open_at + 1 : i].strip():
                open_at = i  # the earlier mark was never closed: start again here
            else:
                continues = previous_unclosed and not text[line_start:open_at].strip()
                spans.append(QuoteSpan(open_at, i + 1, continues))
                open_at = None
            first_mark = False
        if open_at is not None:
            end = line_start + len(line.rstrip())
            if end - open_at > 1:
                continues = previous_unclosed and not text[line_start:open_at].strip()
                spans.append(QuoteSpan(open_at, end, continues))
                unclosed = True
        previous_unclosed = unclosed
    return spans


def mark_quoted_tokens(doc: Doc, quotes: list[QuoteSpan]) -> list[bool]:
    flags = [False] * len(doc)
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags
