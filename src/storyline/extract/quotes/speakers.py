"""Finding who speaks: the speaker span of a cue verb, the name it gives, and the antecedent of a
pronoun speaker (by gender and number, from the people named so far).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.quotes.context import Frame, QuoteContext, inside_report
from storyline.extract.quotes.lexicon import CLAUSE_DEPS, FEMALE, MALE, PRONOUN_GENDER, SPEAKER_KEEP, TITLES

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# Farthest back (characters) a subject may stand to be a pronoun's antecedent.
MAX_ANTECEDENT_CHARS = 1500
# How many steps up the dependency tree the search for a cue's subject may climb.
MAX_CUE_STEPS = 3


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


def person_candidates(ctx: QuoteContext) -> list[tuple[int, str, bool, int]]:
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


def _aged_people(ctx: QuoteContext) -> list[tuple[int, str, bool, int]]:
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
    if word in MALE:
        return "m"
    if word in FEMALE:
        return "f"
    return None


def learn_genders(ctx: QuoteContext) -> None:
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


def _resolve_pronoun(ctx: QuoteContext, pronoun: Token, frames: list[Frame]) -> str | None:
    """Most recent compatible antecedent, preferring a subject of the last few sentences."""
    want = PRONOUN_GENDER.get(pronoun.lower_)
    if want is None:
        return None
    pool = [(p, name, subj, sent) for p, name, subj, sent in ctx.candidates if p < pronoun.idx]
    for f in frames:  # earlier speakers, role nouns included ("a Labour spokesman")
        if inside_report(f, frames):
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
        if subj and pronoun.idx - pos < MAX_ANTECEDENT_CHARS:
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


def speaker_span(tok: Token) -> Span:
    """The speaker phrase: head noun with its determiners, titles, modifiers and joint speakers,
    plus a named appositive ("the chair of the board, Jane Roe")."""
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ in SPEAKER_KEEP or (
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


def fallback_subject(ctx: QuoteContext, cue: Token) -> Token | None:
    """No parsed subject (long fronted phrases confuse the parser): the nearest person named
    before the cue in its sentence, outside relative clauses ("…, Cllr Roe, who represents X, said")."""
    for tok in reversed(list(cue.doc[ctx.sent_spans[ctx.sent_of[cue.i]][0] : cue.i])):
        ends_name = tok.ent_type_ == "PERSON" and tok.nbor(1).ent_iob_ != "I"
        if ends_name and not any(a.dep_ in CLAUSE_DEPS and a.i < cue.i for a in tok.ancestors):
            return tok
    return None


def speaker_of(cue: Token) -> Token | None:
    """The subject of the cue verb, climbing through conjoined, participial and relative clauses."""
    verb: Token | None = cue
    for _ in range(MAX_CUE_STEPS):
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


def name_for(ctx: QuoteContext, speaker: Span, frames: list[Frame]) -> str:
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
