"""The state the quote extractor shares between its steps: the reporting frames found and the
per-article context (quote spans, sentences, known speakers and their genders).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.extract.quotes.marks import QuoteSpan


@dataclass
class Frame:
    """One reporting clause: cue verb, speaker and (if any) the reported content span."""

    cue_start: int
    cue_end: int
    cue_token: Token | None
    speaker: Span | None
    speaker_name: str | None
    content: tuple[int, int] | None
    medium: str | None
    used: bool = False


@dataclass
class QuoteContext:
    doc: Doc
    text: str  # doc.text, cached: spaCy rebuilds it on every access
    quotes: list[QuoteSpan]
    in_quote: list[bool]
    sent_of: list[int]  # sentence number of each token
    sent_spans: list[tuple[int, int]]  # token start and end of each sentence
    genders: dict[str, str] = field(default_factory=dict)
    candidates: list[tuple[int, str, bool, int]] = field(default_factory=list)  # pos, name, subj, sent


def inside_report(f: Frame, frames: list[Frame]) -> bool:
    return any(
        g is not f and g.content is not None and g.content[0] <= f.cue_start < g.content[1] for g in frames
    )
