"""Reporting frames: cue verbs ('said', 'told'), 'according to' phrases and the content span each
introduces.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.quotes.context import Frame, QuoteContext, inside_report
from storyline.extract.quotes.lexicon import CUE_LEMMAS, MEDIA_NOUNS
from storyline.extract.quotes.marks import QUOTE_MARKS
from storyline.extract.quotes.speakers import fallback_subject, name_for, speaker_of, speaker_span


def _medium(cue: Token) -> str | None:
    """'told BBC Radio X', 'in a letter', 'on social media' where the clause says so."""
    for child in cue.children:
        if (
            child.dep_ in ("dobj", "dative")
            and cue.lemma_ == "tell"
            and (child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON"))
        ):
            obj = [t for t in child.subtree if t.dep_ not in ("appos", "relcl", "punct")]
            return cue.text + " " + cue.doc[obj[0].i : obj[-1].i + 1].text
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "through", "during", "over"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lower_ in MEDIA_NOUNS or pobj.lemma_.lower() in MEDIA_NOUNS):
                left = [t for t in pobj.lefts]
                first = left[0].i if left else pobj.i
                return child.lower_ + " " + cue.doc[first : pobj.i + 1].text
    return None


def _content_of(ctx: QuoteContext, cue: Token) -> tuple[int, int] | None:
    """Character span of what the cue reports: its ccomp, or the clause it interrupts."""
    para_start = ctx.text.rfind("\n", 0, cue.idx) + 1
    para_end = ctx.text.find("\n", cue.idx) % (len(ctx.text) + 1)
    # The parser sometimes hangs a headline's clause on the cue as well: take the ccomp in the
    # cue's paragraph, the one after the cue first.
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and para_start <= c.idx < para_end]
    if clauses:
        after = [c for c in clauses if c.i > cue.i]
        clause = after[0] if after else clauses[-1]
        lo, hi = _clause_start(cue, clause), clause.right_edge.i
        for sibling in cue.rights:  # "says he drank, used drugs and …": conjuncts left on the cue
            if (
                sibling.i > hi
                and sibling.dep_ == "conj"
                and sibling.pos_ == "VERB"
                and _shares_subject(sibling)
            ):
                hi = sibling.right_edge.i
        return trim_clause(cue.doc, lo, hi)
    head = cue.head
    if cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and head.i < cue.i and cue.nbor(-1).is_punct):
        own = {t.i for t in cue.subtree}
        rest = [t.i for t in head.subtree if t.i not in own and ctx.sent_of[t.i] == ctx.sent_of[cue.i]]
        if rest:
            return trim_clause(cue.doc, min(rest), max(rest))
    return None


def _clause_start(cue: Token, clause: Token) -> int:
    """Where the reported clause starts. A clause without a subject had it taken by the cue
    ("claimed around 50 of them have been killed": the parser hangs "around 50 …" on
    "claimed"): the cue's dependent right before the clause is the clause's subject."""
    lo = clause.left_edge.i
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return lo
    for child in cue.children:
        if cue.i < child.i < clause.i and child.dep_ in ("prep", "dobj") and child.right_edge.i + 1 == lo:
            return child.left_edge.i
    return lo


def _shares_subject(verb: Token) -> bool:
    """A conjoined verb with no subject of its own that is not itself a reporting verb."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return not has_subject and verb.lemma_.lower() not in CUE_LEMMAS


def clip_to_paragraph(text: str, pos: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Reported content never crosses a paragraph break (the parser's sentences sometimes do)."""
    if span is None:
        return None
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    start, end = max(span[0], para_start), min(span[1], para_end)
    return (start, end) if start < end else None


def trim_clause(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo <= hi and ((doc[lo].is_punct and doc[lo].text not in QUOTE_MARKS) or doc[lo].is_space):
        lo += 1
    while hi >= lo and ((doc[hi].is_punct and doc[hi].text not in QUOTE_MARKS) or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def find_frames(ctx: QuoteContext) -> list[Frame]:
    frames: list[Frame] = []
    for tok in ctx.doc:
        if ctx.in_quote[tok.i]:
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in CUE_LEMMAS:
            frame = _verb_frame(ctx, tok, frames)
        elif tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            frame = _according_frame(ctx, tok, frames)
        else:
            continue
        if frame is not None:
            frames.append(frame)
    return _drop_nested(frames)


def _verb_frame(ctx: QuoteContext, cue: Token, frames: list[Frame]) -> Frame | None:
    if cue.dep_ in ("amod", "acl") and cue.tag_ == "VBN":
        return None  # "the so-called", "a report published": not a speech act here
    if any(c.dep_ == "neg" and c.i < cue.i for c in cue.children):
        return None  # "has not said he would …" reports nothing
    subject = speaker_of(cue)
    if subject is None and cue.dep_ == "ROOT":
        subject = fallback_subject(ctx, cue)
    speaker = speaker_span(subject) if subject is not None else None
    if speaker is not None and ctx.in_quote[speaker.root.i]:
        speaker = None
    if speaker is not None and _is_quantity(speaker):
        return None  # "29 per cent said they did not know" is a poll result, not a quote
    name = name_for(ctx, speaker, frames) if speaker is not None else None
    content = clip_to_paragraph(ctx.text, cue.idx, _content_of(ctx, cue))
    return Frame(cue.idx, cue.idx + len(cue), cue, speaker, name, content, _medium(cue))


def _is_quantity(speaker: Span) -> bool:
    """A speaker that is a share or count of people: "29 per cent", "one in four", "over one"."""
    words = [t.lower_ for t in speaker]
    return (
        speaker.root.like_num
        or speaker.root.lower_ in ("cent", "%", "percent")
        or bool(
            words
            and (
                speaker[0].like_num
                or (words[0] in ("over", "just", "some") and len(words) > 1 and speaker[1].like_num)
            )
        )
    )


def _according_frame(ctx: QuoteContext, tok: Token, frames: list[Frame]) -> Frame | None:
    to = ctx.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = speaker_span(pobj)
    own = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    head = tok.head
    rest = [t.i for t in head.subtree if t.i not in own and ctx.sent_of[t.i] == ctx.sent_of[tok.i]]
    content = trim_clause(ctx.doc, min(rest), max(rest)) if rest else None
    content = clip_to_paragraph(ctx.text, tok.idx, content)
    name = name_for(ctx, speaker, frames)
    return Frame(tok.idx, to.idx + len(to), None, speaker, name, content, None)


def _drop_nested(frames: list[Frame]) -> list[Frame]:
    """A cue inside another cue's reported clause is part of that report, not a report of its own."""
    return [f for f in frames if not inside_report(f, frames)]
