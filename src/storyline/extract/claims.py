"""Claims: statements normalised enough to align across outlets.

``extract_claims(doc, article_id, numbers)`` returns two kinds of ``Claim``:

- **number claims**, one per number that says what it counts: the span is the number's
  sentence, ``subject`` what is counted, ``predicate`` the (folded) verb, ``value`` and
  ``number`` the figure, ``key`` the number's key, so the figure's claim aligns exactly where the
  figure does;
- **statements of position** reported by someone ("Starmer said Israel had a right to defend
  herself"): the span is the reported clause, ``source`` the speaker, ``key``
  ``subject|predicate|object`` with lemmas folded ("israel|have|right defend"), so "Israel has
  a right to defend herself" in another outlet, said by another Labour voice, gets the same key.

Only clauses with a named or nominal subject and an object become statement claims: "it was a
concern" is a claim about nothing that could align across outlets.

``attribution(sentence)`` — who a sentence's content is attributed to ("according to X",
"X said/found …") — is shared with the number extractor, which puts it in ``Number.source``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.model import Claim, Number

# Verbs that attribute the content of their clause to their subject.
_REPORTING = frozenset({
    "say", "find", "show", "report", "estimate", "claim", "suggest", "reveal", "indicate", "state",
    "announce", "confirm", "tell", "warn", "insist", "argue", "believe", "maintain", "stress",
    "add", "write", "declare", "assert", "acknowledge", "admit", "deny", "predict", "conclude",
})  # fmt: skip
# Bodies whose findings are attributed to whoever carried them out ("a survey by YouGov").
_FINDING_NOUNS = frozenset({
    "survey", "poll", "study", "report", "analysis", "figure", "data", "research", "census",
    "estimate", "review", "investigation", "statistic",
})  # fmt: skip
_NAME_LABELS = ("ORG", "PERSON", "GPE", "NORP")
# Verb lemmas folded so that outlets' wordings of one predicate align.
_PREDICATE_FOLDS = {
    "massacre": "kill", "murder": "kill", "slaughter": "kill", "die": "kill",
    "wound": "injure", "hurt": "injure", "seize": "take", "kidnap": "take", "abduct": "take",
    "possess": "have", "retain": "have", "hold": "have", "deserve": "have",
    "urge": "call", "demand": "call", "condemn": "condemn", "denounce": "condemn",
    "back": "support", "endorse": "support", "oppose": "oppose", "reject": "oppose",
}  # fmt: skip
_PRONOUNS = frozenset({"it", "this", "that", "they", "he", "she", "we", "i", "you", "there", "which", "who"})


def extract_claims(doc: Doc, article_id: str, numbers: list[Number]) -> list[Claim]:
    """Number claims (one per counted number) then statement claims, in text order within each."""
    mine = [n for n in numbers if n.article == article_id]
    claims = [c for c in (_number_claim(doc, n) for n in mine) if c is not None]
    for sent in doc.sents:
        for verb in sent:
            if verb.lemma_.lower() in _REPORTING and verb.pos_ == "VERB":
                claim = _statement_claim(doc, article_id, verb, len(claims))
                # A reported clause with a figure in it is already a number claim.
                if claim is not None and not any(claim.start <= n.start < claim.end for n in mine):
                    claims.append(claim)
    return [c.model_copy(update={"id": f"{article_id}:c{n}"}) for n, c in enumerate(claims)]


def attribution(sentence: Span) -> str | None:
    """Who the sentence attributes its content to, or None (pronouns are left to quotes)."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0], whole=True)
            tail = sentence.doc.text[token.nbor().idx + 3 : sentence.end_char]
            return re.split(r"[,.;:]", tail, maxsplit=1)[0].strip() or None
    for token in sentence:
        if token.lemma_.lower() in _REPORTING and token.pos_ == "VERB":
            subject = _subject(token)
            # "One third of voters said …": those who answered are what is counted, not a source.
            if subject is not None and not any(
                t.like_num or t.lower_ in _SHARE_WORDS for t in subject.subtree
            ):
                return _name_of(subject)
    return None


_SHARE_WORDS = frozenset({"cent", "percent", "%", "third", "quarter", "half", "majority", "most", "one"})


# -- number claims ------------------------------------------------------------------------------


def _number_claim(doc: Doc, number: Number) -> Claim | None:
    if not number.key or number.sentence is None:
        return None
    sentence = number.sentence
    token = _token_at(doc, number.start)
    verb = _governing_verb(token) if token is not None else None
    predicate = _fold(verb.lemma_.lower()) if verb is not None else "be"
    return Claim(
        id="",
        article=number.article,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        subject=number.about,
        predicate=predicate,
        value=number.value,
        number=number.id,
        date=number.date,
        source=number.source,
        key=f"#{number.key}" + (f"@{number.date}" if number.date else ""),
    )


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _governing_verb(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        if ancestor.pos_ == "VERB":
            return ancestor
    return None


# -- statement claims -------------------------------------------------------------------------


def _statement_claim(doc: Doc, article_id: str, cue: Token, n: int) -> Claim | None:
    """The clause a reporting verb introduces, if it has a nominal subject and an object."""
    clauses = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    if not clauses:
        return None
    clause = clauses[0]
    subject = _subject(clause)
    obj = _object(clause)
    if subject is None or obj is None or subject.lower_ in _PRONOUNS:
        return None
    speaker = _outer_speaker(cue)
    tokens = sorted(t.i for t in clause.subtree)
    start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]])
    text = doc.text[start:end].strip(" \"'“”‘’,")
    start = doc.text.index(text, start) if text else start
    if not text:
        return None
    negated = any(c.dep_ == "neg" for c in clause.children)
    predicate = ("not " if negated else "") + _fold(clause.lemma_.lower())
    subject_key = _name_of(subject) or subject.lemma_
    return Claim(
        id=f"{article_id}:c{n}",
        article=article_id,
        start=start,
        end=start + len(text),
        text=text,
        subject=subject_key,
        predicate=predicate,
        source=_name_of(speaker) if speaker is not None else None,
        key=claim_key(subject_key, predicate, _object_head(obj)),
    )


def _outer_speaker(cue: Token) -> Token | None:
    """The subject of the outermost reporting verb: in "a spokesman said the position was to
    say that …" the spokesman says it, not the position."""
    speaker = _subject(cue)
    for ancestor in cue.ancestors:
        if ancestor.lemma_.lower() in _REPORTING and ancestor.pos_ == "VERB":
            speaker = _subject(ancestor) or speaker
    return speaker


def claim_key(subject: str, predicate: str, obj: str) -> str:
    """``subject|predicate|object``, lowercased, with a leading article and a negation dropped.

    The negation is left out of the key on purpose: "has a right" and "has no right" must align
    so that compare can see they conflict.
    """
    subject = re.sub(r"^(the|a|an)\s+", "", subject.lower()).strip()
    predicate = predicate.removeprefix("not ").strip()
    return f"{subject}|{predicate}|{obj.lower()}"


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "acomp", "oprd"):
            return child
    for child in verb.children:  # "call for a ceasefire": the object of a bound preposition
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _object_head(obj: Token) -> str:
    """The object's lemma, plus the verb of a complement it takes ("right to defend")."""
    words = [obj.lemma_.lower()]
    for child in obj.children:
        if child.dep_ in ("acl", "relcl", "xcomp") and child.pos_ == "VERB":
            words.append(_fold(child.lemma_.lower()))
            break
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and child.lower_ in ("of", "for", "to"):
                words.append(objects[0].lemma_.lower())
                break
    return " ".join(words)


def _fold(lemma: str) -> str:
    return _PREDICATE_FOLDS.get(lemma, lemma)


def _name_of(token: Token) -> str | None:
    """A source's name: its named entity, the body behind a finding, or its noun phrase."""
    if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in _NAME_LABELS:
            return ent.text
    if token.lemma_.lower() in _FINDING_NOUNS:
        names = [e for e in token.doc.ents if e.label_ in ("ORG", "PERSON") and token.is_ancestor(e.root)]
        if names:
            return names[0].text  # "a survey … carried out by pollsters YouGov" → YouGov
    phrase = _phrase(token, whole=False)
    for prep in token.rights:  # "many political leaders, including Sir Keir Starmer"
        if prep.lower_ == "including":
            names = [e for e in token.doc.ents if e.label_ in ("PERSON", "ORG") and prep.is_ancestor(e.root)]
            if names:
                return f"{phrase}, including {names[0].text}"
    return phrase


def _phrase(token: Token, whole: bool) -> str:
    """The noun phrase of ``token``: its whole subtree, or its left modifiers and itself."""
    if whole:
        tokens = list(token.subtree)
    else:
        tokens = [t for t in token.lefts if t.dep_ in ("compound", "amod", "poss", "nmod")]
        tokens = [t2 for t in tokens for t2 in t.subtree] + [token]
    tokens.sort(key=lambda t: t.i)
    text = token.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return text.strip(" ,.;:\"'“”")
