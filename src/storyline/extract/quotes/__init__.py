"""Quotes: direct, partial and indirect speech with its speaker, cue and medium.

Contract: ``extract_quotes(doc, article_id)`` reads one parsed spaCy ``Doc`` (tagger, parser
and NER; no further model runs) and returns ``Quote`` items in text order with ids
``f"{article_id}:q{n}"``. Every offset is a ``str`` offset into ``doc.text``, so
``doc.text[q.start:q.end] == q.text``, and the same holds for the speaker and the cue.

Kinds:
- ``direct``: a span between double quotation marks (straight, curly, mixed or unbalanced),
  marks included. A paragraph that opens a quote and does not close it runs to its end, and the
  next paragraph that opens with a mark continues it (letters and statements).
- ``partial``: reported speech that quotes only some of the words. The span is the reported
  clause (``said it was a "concern"`` → ``it was a "concern"``), or the quoted fragment itself
  where the cue has no clause (``described it as "horrifying"``).
- ``indirect``: reported speech without marks; the span is the reported clause (the cue's
  ``ccomp`` subtree, or the main clause for ``…, X said`` and ``according to X, …``).

The speaker span is given once, on the first quote its reporting clause introduces; quotes that
merely continue a speaker (the second half of a split quote, later paragraphs of a letter, an
unattributed quote paragraph) carry ``speaker_name`` only, with no speaker span or cue. This is
how GenderGapTracker annotates them. ``speaker_name`` is the name without title, the antecedent
of a pronoun, or the role phrase itself; ``speaker`` (an entity id) is left to a later stage.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.quotes.attach import attach_quotes, carry_speakers, reported_clauses
from storyline.extract.quotes.context import QuoteContext
from storyline.extract.quotes.frames import find_frames
from storyline.extract.quotes.lexicon import CUE_LEMMAS, TITLES
from storyline.extract.quotes.marks import QUOTE_MARKS, QuoteSpan, find_quote_spans, mark_quoted_tokens
from storyline.extract.quotes.speakers import learn_genders, person_candidates
from storyline.model import Quote

__all__ = ["CUE_LEMMAS", "QUOTE_MARKS", "TITLES", "QuoteSpan", "extract_quotes", "find_quote_spans"]


def extract_quotes(doc: Doc, article_id: str) -> list[Quote]:
    """Every quote of the article, in text order (see the module docstring for the contract)."""
    text = doc.text
    quotes = find_quote_spans(text)
    sent_spans = [(s.start, s.end) for s in doc.sents]
    sent_of = [0] * len(doc)
    for n, (lo, hi) in enumerate(sent_spans):
        sent_of[lo:hi] = [n] * (hi - lo)
    ctx = QuoteContext(doc, text, quotes, mark_quoted_tokens(doc, quotes), sent_of, sent_spans)
    ctx.candidates = person_candidates(ctx)
    learn_genders(ctx)
    frames = find_frames(ctx)
    direct = attach_quotes(ctx, frames)
    items = direct + reported_clauses(ctx, frames, direct)
    items.sort(key=lambda q: (q.start, q.end))
    carry_speakers(items)
    for n, item in enumerate(items, 1):
        item.id = f"{article_id}:q{n}"
        item.article = article_id
    return items
