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

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.model import Quote, QuoteKind

QUOTE_MARKS = frozenset('"“”„«»‟')


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPEN_BEFORE = frozenset(" \t([{—–-:/")
_PUNCT_AFTER = frozenset(" \t.,;:!?)]}—–-…")

# Reporting verbs (lemmas). Speech and writing verbs that introduce a quote or a reported clause.
CUE_LEMMAS = _words(
    """say tell add state argue claim explain note warn confirm announce suggest acknowledge
    concede insist admit allege predict stress write report tweet post maintain indicate believe
    recall reply respond comment complain declare emphasise emphasize assert contend observe
    accuse describe urge ask promise vow deny reveal caution joke quip remark recount conclude
    agree read testify shout chant counter estimate speculate pledge propose recommend demand
    repeat learn mention elaborate lament muse boast concur reiterate stipulate announce inform
    whisper scream yell cry exclaim plead reason wonder acknowledge advise charge continue
    blast slam praise criticise criticize question call"""
)
# Verbs too general to report speech unless they govern a quotation directly.
_WEAK_LEMMAS = frozenset(
    {"read", "continue", "learn", "believe", "question", "cry", "wonder", "charge", "ask", "urge", "call"}
)
TITLES = _words(
    """mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lady lord cllr
    councillor rev rev. revd hon hon. sen. sen rep. rep gov. gov president minister premier
    chancellor mayor judge justice chief inspector sergeant sgt det constable captain capt
    general gen. colonel col. major"""
)
_MALE = _words(
    "mr mr. sir lord he him his himself spokesman chairman king prince father son "
    "brother husband man boy businessman congressman councilman"
)
_FEMALE = _words(
    "mrs mrs. ms ms. miss dame lady she her hers herself spokeswoman chairwoman queen "
    "princess mother daughter sister wife woman girl businesswoman congresswoman"
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}
_MEDIA_NOUNS = _words(
    """letter statement interview email e-mail post tweet release memo video speech podcast blog
    op-ed column message broadcast briefing conference radio television tv programme program
    show media facebook twitter instagram tiktok youtube linkedin x documentary book report
    newsletter article essay op-ed editorial affidavit filing submission address"""
)
_SPEAKER_KEEP = frozenset(
    {"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod", "flat", "cc", "conj", "case"}
)
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl"})
# Words that may stand between a cue and its quote without being reported content ("told X:").
_CUE_DEPENDENTS = _words(
    "dobj dative prep pobj npadvmod advmod nsubj agent det compound amod poss case nummod appos "
    "punct cc conj acomp oprd attr"
)
_BETWEEN_AFTER_OK = frozenset({"advmod", "aux", "neg", "npadvmod", "auxpass"})
_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass
class _Frame:
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
class _QuoteSpan:
    start: int
    end: int
    continues: bool = False  # opens a paragraph after an unclosed quote


@dataclass
class _Context:
    doc: Doc
    text: str  # doc.text, cached: spaCy rebuilds it on every access
    quotes: list[_QuoteSpan]
    in_quote: list[bool]
    sent_of: list[int]  # sentence number of each token
    sent_spans: list[tuple[int, int]]  # token start and end of each sentence
    genders: dict[str, str] = field(default_factory=dict)
    candidates: list[tuple[int, str, bool, int]] = field(default_factory=list)  # pos, name, subj, sent


def extract_quotes(doc: Doc, article_id: str) -> list[Quote]:
    """Every quote of the article, in text order (see the module docstring for the contract)."""
    text = doc.text
    quotes = find_quote_spans(text)
    sent_spans = [(s.start, s.end) for s in doc.sents]
    sent_of = [0] * len(doc)
    for n, (lo, hi) in enumerate(sent_spans):
        sent_of[lo:hi] = [n] * (hi - lo)
    ctx = _Context(doc, text, quotes, _mark_quoted_tokens(doc, quotes), sent_of, sent_spans)
    ctx.candidates = _person_candidates(ctx)
    _learn_genders(ctx)
    frames = _find_frames(ctx)
    direct = _attach_quotes(ctx, frames)
    items = direct + _reported_clauses(ctx, frames, direct)
    items.sort(key=lambda q: (q.start, q.end))
    _carry_speakers(items)
    for n, item in enumerate(items, 1):
        item.id = f"{article_id}:q{n}"
        item.article = article_id
    return items


# --- quotation marks -------------------------------------------------------------------------


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


def find_quote_spans(text: str) -> list[_QuoteSpan]:
    """Pair double quotation marks paragraph by paragraph; an unclosed quote runs to its paragraph end."""
    spans: list[_QuoteSpan] = []
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
                spans.append(_QuoteSpan(open_at, i + 1, continues))
                open_at = None
            first_mark = False
        if open_at is not None:
            end = line_start + len(line.rstrip())
            if end - open_at > 1:
                continues = previous_unclosed and not text[line_start:open_at].strip()
                spans.append(_QuoteSpan(open_at, end, continues))
                unclosed = True
        previous_unclosed = unclosed
    return spans


def _mark_quoted_tokens(doc: Doc, quotes: list[_QuoteSpan]) -> list[bool]:
    flags = [False] * len(doc)
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags


# --- speakers --------------------------------------------------------------------------------


def _strip_title(tokens: list[Token]) -> str:
    words = [t for t in tokens if t.lower_ not in TITLES and t.tag_ != "POS" and t.text not in "'’"]
    return " ".join(t.text for t in words).strip()


def _name_tokens(tok: Token) -> list[Token]:
    """The name around a proper-noun head: its PERSON/ORG entity, else its run of proper nouns."""
    doc = tok.doc
    if tok.ent_iob_ != "O":
        lo, hi = tok.i, tok.i + 1
        while doc[lo].ent_iob_ == "I" and lo > 0:
            lo -= 1
        while hi < len(doc) and doc[hi].ent_iob_ == "I":
            hi += 1
        return list(doc[lo:hi])
    left = [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    return [*left, tok]


def _person_candidates(ctx: _Context) -> list[tuple[int, str, bool, int]]:
    """PERSON mentions outside quotes, by position, with the full name a surname refers to."""
    out: list[tuple[int, str, bool, int]] = []
    full: dict[str, str] = {}
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or ctx.in_quote[ent.start]:
            continue
        name = _strip_title(list(ent))
        if not name:
            continue
        last = name.split()[-1]
        if " " in name:
            full[last] = name
        name = full.get(last, name)
        title = ctx.doc[ent.start - 1].lower_ if ent.start else ""
        gender = _word_gender(ent[0].lower_) or _word_gender(title)
        if gender:
            ctx.genders.setdefault(name, gender)
        is_subject = ent.root.dep_ in ("nsubj", "nsubjpass")
        out.append((ent.start_char, name, is_subject, ctx.sent_of[ent.start]))
    out.extend(_aged_people(ctx))
    out.sort(key=lambda c: c[0])
    return out


def _aged_people(ctx: _Context) -> list[tuple[int, str, bool, int]]:
    """Proper-noun subjects given an age ("Sam, 17, said", "Jo Roe, a 63-year-old who …"):
    people, whatever NER tagged them (the small model often calls a lone name an ORG)."""
    out = []
    for tok in ctx.doc:
        if (
            tok.pos_ == "PROPN"
            and tok.ent_type_ != "PERSON"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and not ctx.in_quote[tok.i]
            and any(c.dep_ == "appos" and any(t.like_num for t in c.subtree) for c in tok.children)
        ):
            name = " ".join(t.text for t in _name_tokens(tok))
            out.append((tok.idx, name, True, ctx.sent_of[tok.i]))
    return out


def _word_gender(word: str) -> str | None:
    if word in _MALE:
        return "m"
    if word in _FEMALE:
        return "f"
    return None


def _learn_genders(ctx: _Context) -> None:
    """A sentence with one person and only his/her pronouns tells that person's gender."""
    names_by_sent: dict[int, set[str]] = {}
    for _pos, name, _subj, sent_no in ctx.candidates:
        names_by_sent.setdefault(sent_no, set()).add(name)
    for n, (lo, hi) in enumerate(ctx.sent_spans):
        names = names_by_sent.get(n)
        if not names or len(names) != 1:
            continue
        pronouns = [t for t in ctx.doc[lo:hi] if t.pos_ == "PRON" and not ctx.in_quote[t.i]]
        genders = {_word_gender(t.lower_) for t in pronouns}
        genders.discard(None)
        if len(genders) == 1:
            ctx.genders.setdefault(next(iter(names)), genders.pop() or "")


def _resolve_pronoun(ctx: _Context, pronoun: Token, frames: list[_Frame]) -> str | None:
    """Most recent compatible antecedent, preferring a subject of the last few sentences."""
    want = _PRONOUN_GENDER.get(pronoun.lower_)
    if want is None:
        return None
    pool = [(p, name, subj, sent) for p, name, subj, sent in ctx.candidates if p < pronoun.idx]
    for f in frames:  # earlier speakers, role nouns included ("a Labour spokesman")
        if _inside_report(f, frames):
            continue
        if f.speaker is None or not f.speaker_name or f.cue_start >= pronoun.idx:
            continue
        if f.speaker.root.pos_ != "PRON" or f.speaker_name != f.speaker.text:
            pool.append((f.speaker.start_char, f.speaker_name, True, -1))
    pool.sort(key=lambda c: c[0])
    people = {name for _p, name, _s, _n in ctx.candidates}
    fallback: str | None = None
    for pos, name, subj, _sent in reversed(pool):
        gender = ctx.genders.get(name) or _role_gender(name)
        plural = _looks_plural(ctx.doc, pos, name in people)
        if want == "p":
            if plural:
                return name
            continue
        if plural or (gender and gender != want):
            continue
        if subj and pronoun.idx - pos < 1500:
            fallback = name
            break
        fallback = fallback or name
    if fallback and want in ("m", "f"):
        ctx.genders.setdefault(fallback, want)
    return fallback


def _role_gender(phrase: str) -> str | None:
    for word in phrase.lower().split():
        if g := _word_gender(word):
            return g
    return None


def _looks_plural(doc: Doc, pos: int, is_person: bool = False) -> bool:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0].head if span[0].dep_ in ("det", "compound", "amod") else span[0]
    return (
        tok.tag_ in ("NNS", "NNPS")
        or (tok.ent_type_ in ("ORG", "NORP") and not is_person)
        or any(c.dep_ == "conj" for c in tok.children)
    )


def _speaker_span(tok: Token) -> Span:
    """The speaker phrase: head noun with its determiners, titles, modifiers and joint speakers,
    plus a named appositive ("the chair of the board, Jane Roe")."""
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ in _SPEAKER_KEEP or (
            child.dep_ == "prep"
            and tok.pos_ != "PROPN"
            and child.lower_ in ("for", "of", "at", "with", "including")
        ):
            keep.update(_subtree_without(child, ("appos", "relcl", "acl", "punct", "prep")))
        elif child.dep_ == "appos" and child.i > tok.i and _is_person(child):
            keep.update(_subtree_without(child, ("relcl", "acl", "punct", "prep", "appos")))
    doc = tok.doc
    for i in sorted(keep):
        if doc[i].dep_ == "conj":
            # A joint speaker: each conjunct with its own description ("and Rachel Roe, MP for
            # Eastfield"), so the span covers every speaker and resolve can find them all.
            keep.update(_subtree_without(doc[i], ("relcl", "acl")))
    lo, hi = min(keep), max(keep)
    for t in doc[lo:hi]:  # a speaker never runs over a paragraph break (a stray headline before it)
        if "\n" in t.text_with_ws and t.i < tok.i:
            lo = t.i + 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc" or doc[hi].tag_ == "POS"):
        hi -= 1
    return doc[lo : hi + 1]


def _subtree_without(tok: Token, deps: tuple[str, ...]) -> set[int]:
    """Indices of tok's subtree, leaving out whole subtrees hanging from the given relations."""
    out = {tok.i}
    for child in tok.children:
        if child.dep_ not in deps or (child.dep_ == "prep" and child.lower_ == "of"):
            out |= _subtree_without(child, deps)
    return out


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.ent_type_ == "")


def _fallback_subject(ctx: _Context, cue: Token) -> Token | None:
    """No parsed subject (long fronted phrases confuse the parser): the nearest person named
    before the cue in its sentence, outside relative clauses ("…, Cllr Roe, who represents X, said")."""
    for tok in reversed(list(cue.doc[ctx.sent_spans[ctx.sent_of[cue.i]][0] : cue.i])):
        ends_name = tok.ent_type_ == "PERSON" and tok.nbor(1).ent_iob_ != "I"
        if ends_name and not any(a.dep_ in _CLAUSE_DEPS and a.i < cue.i for a in tok.ancestors):
            return tok
    return None


def _speaker_of(cue: Token) -> Token | None:
    """The subject of the cue verb, climbing through conjoined, participial and relative clauses."""
    verb: Token | None = cue
    for _ in range(3):
        if verb is None:
            return None
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("it", "there"):
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return _named_head(verb.head)
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head.pos_ in ("VERB", "AUX", "NOUN"):
            if verb.dep_ == "relcl":
                return _named_head(verb.head)
            verb = verb.head
        else:
            return None
    return None


def _named_head(tok: Token) -> Token:
    """ "Jo Bloggs, a 40-year-old who described himself as …": the relative clause hangs on the
    appositive; the speaker is the named person it describes."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        return tok.head
    return tok


def _name_for(ctx: _Context, speaker: Span, frames: list[_Frame]) -> str:
    root = speaker.root
    appos = [c for c in root.children if c.dep_ == "appos" and c.i < speaker.end and _is_person(c)]
    if appos and root.ent_type_ != "PERSON":
        root = appos[0]
    if root.pos_ == "PRON":
        return _resolve_pronoun(ctx, root, frames) or speaker.text
    if root.pos_ == "PROPN" and not any(c.dep_ == "conj" for c in root.children):
        name = _strip_title(_name_tokens(root)) or speaker.text
        for _pos, full, _subj, _sent in ctx.candidates:
            if full.endswith(" " + name) or full == name:
                return full
        return name
    return speaker.text


# --- reporting clauses -----------------------------------------------------------------------


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
            if pobj is not None and (pobj.lower_ in _MEDIA_NOUNS or pobj.lemma_.lower() in _MEDIA_NOUNS):
                left = [t for t in pobj.lefts]
                first = left[0].i if left else pobj.i
                return child.lower_ + " " + cue.doc[first : pobj.i + 1].text
    return None


def _content_of(ctx: _Context, cue: Token) -> tuple[int, int] | None:
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
        return _trim(cue.doc, lo, hi)
    head = cue.head
    if cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and head.i < cue.i and cue.nbor(-1).is_punct):
        own = {t.i for t in cue.subtree}
        rest = [t.i for t in head.subtree if t.i not in own and ctx.sent_of[t.i] == ctx.sent_of[cue.i]]
        if rest:
            return _trim(cue.doc, min(rest), max(rest))
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


def _clip_to_paragraph(text: str, pos: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Reported content never crosses a paragraph break (the parser's sentences sometimes do)."""
    if span is None:
        return None
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    start, end = max(span[0], para_start), min(span[1], para_end)
    return (start, end) if start < end else None


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo <= hi and ((doc[lo].is_punct and doc[lo].text not in QUOTE_MARKS) or doc[lo].is_space):
        lo += 1
    while hi >= lo and ((doc[hi].is_punct and doc[hi].text not in QUOTE_MARKS) or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _find_frames(ctx: _Context) -> list[_Frame]:
    frames: list[_Frame] = []
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


def _verb_frame(ctx: _Context, cue: Token, frames: list[_Frame]) -> _Frame | None:
    if cue.dep_ in ("amod", "acl") and cue.tag_ == "VBN":
        return None  # "the so-called", "a report published": not a speech act here
    if any(c.dep_ == "neg" and c.i < cue.i for c in cue.children):
        return None  # "has not said he would …" reports nothing
    subject = _speaker_of(cue)
    if subject is None and cue.dep_ == "ROOT":
        subject = _fallback_subject(ctx, cue)
    speaker = _speaker_span(subject) if subject is not None else None
    if speaker is not None and ctx.in_quote[speaker.root.i]:
        speaker = None
    if speaker is not None and _is_quantity(speaker):
        return None  # "29 per cent said they did not know" is a poll result, not a quote
    name = _name_for(ctx, speaker, frames) if speaker is not None else None
    content = _clip_to_paragraph(ctx.text, cue.idx, _content_of(ctx, cue))
    return _Frame(cue.idx, cue.idx + len(cue), cue, speaker, name, content, _medium(cue))


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


def _according_frame(ctx: _Context, tok: Token, frames: list[_Frame]) -> _Frame | None:
    to = ctx.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _speaker_span(pobj)
    own = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    head = tok.head
    rest = [t.i for t in head.subtree if t.i not in own and ctx.sent_of[t.i] == ctx.sent_of[tok.i]]
    content = _trim(ctx.doc, min(rest), max(rest)) if rest else None
    content = _clip_to_paragraph(ctx.text, tok.idx, content)
    name = _name_for(ctx, speaker, frames)
    return _Frame(tok.idx, to.idx + len(to), None, speaker, name, content, None)


def _inside_report(f: _Frame, frames: list[_Frame]) -> bool:
    return any(
        g is not f and g.content is not None and g.content[0] <= f.cue_start < g.content[1] for g in frames
    )


def _drop_nested(frames: list[_Frame]) -> list[_Frame]:
    """A cue inside another cue's reported clause is part of that report, not a report of its own."""
    return [f for f in frames if not _inside_report(f, frames)]


# --- attaching quotes to reporting clauses ---------------------------------------------------


def _frame_after(ctx: _Context, q: _QuoteSpan, frames: list[_Frame]) -> _Frame | None:
    """`"…," he said` / `"…," said Ms Smith`: a cue right after the quote, only its subject between."""
    doc = ctx.doc
    for f in frames:
        if f.cue_start < q.end or f.cue_start - q.end > 160:
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
                if child.dep_ in _BETWEEN_AFTER_OK:
                    allowed |= {t.i for t in child.subtree}
        if all(t.i in allowed or t.is_punct or t.is_space or t.text in QUOTE_MARKS for t in between):
            if "\n" in ctx.text[q.end : f.cue_start]:
                return None
            return f
        return None
    return None


def _frame_before(ctx: _Context, q: _QuoteSpan, frames: list[_Frame]) -> tuple[_Frame | None, bool]:
    """`He said: "…"`: the nearest cue before the quote in its sentence that governs it. True if
    words of the reported clause stand between the cue and the quote (then the quote is partial)."""
    before = [f for f in frames if f.cue_end <= q.start and q.start - f.cue_end < 400]
    for f in reversed(before[-3:]):  # "accused X of failing to call for …, and for "…"": skip "call"
        if "\n" in ctx.text[f.cue_end : q.start] or _SENTENCE_END.search(
            _blank_quotes(ctx, f.cue_end, q.start)
        ):
            return None, False
        verdict = _governs(ctx, f, q)
        if verdict is not None:
            return f, verdict
    return None, False


def _governs(ctx: _Context, f: _Frame, q: _QuoteSpan) -> bool | None:
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
        return not (direct and all(t.dep_ in _CUE_DEPENDENTS for t in words))
    return None


def _blank_quotes(ctx: _Context, start: int, end: int) -> str:
    """The text between start and end with quoted stretches blanked (their full stops don't count)."""
    chars = list(ctx.text[start:end])
    for q in ctx.quotes:
        for i in range(max(q.start, start), min(q.end, end)):
            chars[i - start] = "x"
    return "".join(chars)


def _starts_sentence(ctx: _Context, q: _QuoteSpan) -> bool:
    text = ctx.text
    line_start = text.rfind("\n", 0, q.start) + 1
    lead = text[line_start : q.start]
    tail = re.split(r"[.!?…:][\"”’)]*\s", lead)[-1] if lead else ""
    return not re.search(r"\w", tail)


def _attach_quotes(ctx: _Context, frames: list[_Frame]) -> list[Quote]:
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
            if q.continues or (_starts_sentence(ctx, q) and len(ctx.text[q.start : q.end].split()) >= 4):
                items.append(_make(ctx, q.start, q.end, "direct", None, first=False))
            continue
        items.append(_make(ctx, start, q.end, kind, f, first=not f.used))
        f.used = True
    return items


def _continuing_clause(ctx: _Context, f: _Frame, q: _QuoteSpan) -> tuple[int, int] | None:
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
    clause = _trim(ctx.doc, tok.left_edge.i, tok.right_edge.i)
    if clause is None:
        return None
    return _clip_to_paragraph(ctx.text, q.start, _cover_quotes(ctx, *clause))


def _is_title_after_say(f: _Frame) -> bool:
    """`said on CBS' "Face the Nation"`: a quoted name after say/tell is a title, not a quotation."""
    return f.cue_token is not None and f.cue_token.lemma_ in ("say", "tell")


def _sentence_start(ctx: _Context, pos: int) -> int:
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    sent_start = ctx.doc[ctx.sent_spans[ctx.sent_of[span[0].i]][0]].idx if span is not None else 0
    return max(sent_start, line_start)


def _reported_clauses(ctx: _Context, frames: list[_Frame], taken: list[Quote]) -> list[Quote]:
    """Indirect (and partial) speech: reporting clauses whose content no direct quote took."""
    items: list[Quote] = []
    for f in frames:
        if f.used or f.content is None:
            continue
        start, end = _cover_quotes(ctx, *f.content)
        if f.cue_token is not None and f.cue_token.lemma_ in _WEAK_LEMMAS and not _has_mark(ctx, start, end):
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


def _has_mark(ctx: _Context, start: int, end: int) -> bool:
    return any(c in QUOTE_MARKS for c in ctx.text[start:end])


def _cover_quotes(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Stretch a reported clause over quotes that begin or end inside it (the parser often leaves
    a closing `."` outside the clause)."""
    for q in ctx.quotes:
        if start <= q.start < end:
            end = max(end, q.end)
        elif start < q.end <= end:
            start = min(start, q.start)
    return start, end


def _make(ctx: _Context, start: int, end: int, kind: QuoteKind, f: _Frame | None, first: bool) -> Quote:
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


def _carry_speakers(items: list[Quote]) -> None:
    """Unattributed quotes continue the last speaker (and medium) named before them."""
    last: Quote | None = None
    for item in items:
        if item.speaker_name is None and item.cue is None and last is not None:
            item.speaker_name = last.speaker_name
            item.medium = last.medium
        if item.speaker_name is not None:
            last = item
