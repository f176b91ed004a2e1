"""The quote ledger: one entry per statement, listing every outlet's version of it.

Contract: ``build_ledger(quotes, articles)`` takes the story's quotes after resolve has set
their ``speaker``/``speakers`` entity ids, and returns ``LedgerEntry`` items with ids
``l1, l2, …``. Every quote is in exactly one entry; an entry holds at most one version per
article (an article that says the same thing twice keeps the second as an entry of its own).

Two quotes from different articles are the same statement when their speakers are
compatible and their wording is similar:

- *same speaker*: they share an entity id (``speaker`` or any of ``speakers``), or, with no
  entity ids, the same ``speaker_name``; then 60 % of the shorter quote's content words (and
  at least two) must be shared;
- *loose*: at least one side has no entity id (an unnamed "Labour spokesman", "many political
  leaders", an unattributed quote); then the wording must carry the match on its own: the
  shorter quote's words inside quotation marks (three or more) reappear in the other, or 80 %
  of all its content words (four or more) do;
- two different entities never share a statement.

Similarity is containment (shared / the shorter side's size), so a partial quote ("a right
to defend herself") inside another outlet's longer quote counts as the same statement. Word
overlap is taken on content words, and a character 4-gram containment rescues inflected
paraphrases ("has"/"had", "defend"/"defending").

Cost: quotes are indexed by their content words, and only quotes sharing a word that is not
in a large share of the story are compared, so the work grows with the number of quotes, not
with its square. Versions are ordered by publication date, then article order, and
``differences`` of each version are the word runs (character spans in its article) that a
word-level diff against the entry's first version does not match.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.model import Article, LedgerEntry, LedgerVersion, Quote

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _word_set(
    """a an the and or but of to in on at by for with from as is are was were be been being has
    have had do does did it its this that these those there their they them he she his her him
    we our us i my me you your not no so if than then which who whom what when where will would
    can could should may might must shall said says say also very just about into over up out"""
)
_QUOTED = re.compile(r'["“”„«»‟]([^"“”„«»‟]+)')
_SAME_SPEAKER_SIMILARITY = 0.6
_SAME_MIN_SHARED = 2
_SAME_SPEAKER_BONUS = 0.1
# Without a shared speaker, the wording must carry the match alone: either the shorter quote's
# quoted words (at least _QUOTED_MIN of them) reappear in the other, or most of its words do.
_QUOTED_MIN = 3
_QUOTED_SHARE = 0.75
_LOOSE_QUOTED_SIMILARITY = 0.6
_LOOSE_SIMILARITY = 0.8
_LOOSE_MIN_SHARED = 4
# A word found in more quotes than this share of the story (and at least _COMMON_FLOOR) says
# nothing about which quotes match; leaving it out of the index keeps candidate lists short.
_COMMON_SHARE = 0.2
_COMMON_FLOOR = 30


@dataclass
class _Words:
    """A quote's words: normalised forms with their character spans in the article."""

    quote: Quote
    order: tuple[str, int, int]  # (published or '9999', article position, start): version order
    forms: list[str]
    spans: list[tuple[int, int]]
    content: frozenset[str]
    quoted: frozenset[str]  # content words between quotation marks: the outlet's own claim to exactness
    grams: frozenset[str]
    entities: frozenset[str]
    name: str | None


@dataclass
class _Cluster:
    members: list[int]
    articles: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)


def build_ledger(quotes: list[Quote], articles: list[Article]) -> list[LedgerEntry]:
    """One entry per statement, ordered by speaker salience, then first appearance."""
    position = {a.id: n for n, a in enumerate(articles)}
    published = {a.id: a.published or "9999" for a in articles}
    outlets = {a.id: a.outlet for a in articles}
    words = [
        _words(q, (published.get(q.article, "9999"), position.get(q.article, len(articles)), q.start))
        for q in quotes
    ]
    clusters = _cluster(words)
    entries = [_entry(words, members, outlets) for members in clusters]
    speaker_articles = _speaker_articles(words)
    entries = [_with_missing(e, speaker_articles, position) for e in entries]
    firsts = [min(words[i].order[1:] for i in members) for members in clusters]
    counts = Counter(q.speaker for q in quotes if q.speaker)
    ranked = sorted(range(len(entries)), key=lambda n: (*_speaker_rank(entries[n], counts), firsts[n]))
    return [entries[n].model_copy(update={"id": f"l{k + 1}"}) for k, n in enumerate(ranked)]


# --- words -----------------------------------------------------------------------------------


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


def _words(quote: Quote, order: tuple[str, int, int]) -> _Words:
    forms, spans = [], []
    for match in _WORD.finditer(quote.text):
        forms.append(_normal(match.group()))
        spans.append((quote.start + match.start(), quote.start + match.end()))
    content = frozenset(w for w in forms if w not in _STOP)
    quoted = (
        frozenset(_normal(m.group()) for part in _QUOTED.findall(quote.text) for m in _WORD.finditer(part))
        & content
    )
    joined = " ".join(w for w in forms if w in content)
    grams = frozenset(joined[i : i + 4] for i in range(len(joined) - 3))
    entities = frozenset(e for e in (quote.speaker, *quote.speakers) if e)
    return _Words(quote, order, forms, spans, content, quoted, grams, entities, _speaker_name(quote))


def _speaker_name(quote: Quote) -> str | None:
    name = quote.speaker_name or quote.speaker_text
    return " ".join(_normal(name).split()) if name else None


# --- matching --------------------------------------------------------------------------------


def _candidate_pairs(words: list[_Words]) -> list[tuple[int, int]]:
    """Pairs of quotes from different articles that share at least one informative word."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        for form in w.content:
            index[form].append(i)
    limit = max(_COMMON_FLOOR, int(_COMMON_SHARE * len(words)))
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > limit:
            continue
        for a in range(len(posting)):
            for b in range(a + 1, len(posting)):
                i, j = posting[a], posting[b]
                if words[i].quote.article != words[j].quote.article:
                    pairs.add((i, j))
    return sorted(pairs)


def _speakers_relation(a: _Words, b: _Words) -> str:
    """'same', 'loose' (one side unnamed or unresolved) or 'different'."""
    if a.entities and b.entities:
        return "same" if a.entities & b.entities else "different"
    if not a.entities and not b.entities and a.name and a.name == b.name:
        return "same"
    return "loose"


def _similarity(a: _Words, b: _Words) -> tuple[float, int]:
    """Containment of the shorter quote in the longer, and the number of content words shared."""
    shared = len(a.content & b.content)
    if not a.content or not b.content:
        return 0.0, 0
    words = shared / min(len(a.content), len(b.content))
    grams = len(a.grams & b.grams) / min(len(a.grams), len(b.grams)) if a.grams and b.grams else 0.0
    return max(words, grams), shared


def _score(a: _Words, b: _Words) -> float | None:
    """How alike two quotes are, or None when they are not the same statement."""
    relation = _speakers_relation(a, b)
    if relation == "different":
        return None
    similarity, shared = _similarity(a, b)
    if relation == "same":
        if similarity >= _SAME_SPEAKER_SIMILARITY and shared >= _SAME_MIN_SHARED:
            return similarity + _SAME_SPEAKER_BONUS
        return None
    return similarity if _wording_matches(a, b, similarity, shared) else None


def _wording_matches(a: _Words, b: _Words, similarity: float, shared: int) -> bool:
    shorter, longer = (a, b) if len(a.content) <= len(b.content) else (b, a)
    if len(shorter.quoted) >= _QUOTED_MIN:
        kept = len(shorter.quoted & longer.content) / len(shorter.quoted)
        return kept >= _QUOTED_SHARE and similarity >= _LOOSE_QUOTED_SIMILARITY
    return similarity >= _LOOSE_SIMILARITY and shared >= _LOOSE_MIN_SHARED


def _cluster(words: list[_Words]) -> list[list[int]]:
    """Greedy, best pair first: join two clusters unless they would hold two versions from one
    article or two different speakers. Deterministic: ties go by position."""
    scored = []
    for i, j in _candidate_pairs(words):
        score = _score(words[i], words[j])
        if score is not None:
            scored.append((-score, i, j))
    scored.sort()
    clusters = {i: _Cluster([i], {w.quote.article}, set(w.entities)) for i, w in enumerate(words)}
    home = list(range(len(words)))  # the key of the cluster each quote is in
    for _negative_score, i, j in scored:
        ka, kb = home[i], home[j]
        a, b = clusters[ka], clusters[kb]
        if ka == kb or a.articles & b.articles or (a.entities and b.entities and not a.entities & b.entities):
            continue
        a.members += b.members
        a.articles |= b.articles
        a.entities |= b.entities
        for m in b.members:
            home[m] = ka
        del clusters[kb]
    return [sorted(clusters[k].members, key=lambda m: words[m].order) for k in sorted(clusters)]


# --- entries ---------------------------------------------------------------------------------


def _entry(words: list[_Words], members: list[int], outlets: dict[str, str | None]) -> LedgerEntry:
    first = words[members[0]]
    versions = [_version(words[m], first, outlets.get(words[m].quote.article)) for m in members]
    speaker_of = next((words[m] for m in members if words[m].quote.speaker), first)
    return LedgerEntry(
        id="",
        speaker=speaker_of.quote.speaker,
        speaker_name=speaker_of.quote.speaker_name or speaker_of.quote.speaker_text,
        versions=versions,
        verbatim=all(words[m].forms == first.forms for m in members),
    )


def _version(w: _Words, first: _Words, outlet: str | None) -> LedgerVersion:
    q = w.quote
    return LedgerVersion(
        article=q.article,
        start=q.start,
        end=q.end,
        text=q.text,
        quote=q.id,
        outlet=outlet,
        differences=[] if w is first else _differences(w, first),
    )


def _differences(w: _Words, first: _Words) -> list[tuple[int, int]]:
    """Runs of this version's words that the diff against the first version leaves unmatched."""
    matcher = difflib.SequenceMatcher(None, w.forms, first.forms, autojunk=False)
    matched = [False] * len(w.forms)
    for block in matcher.get_matching_blocks():
        matched[block.a : block.a + block.size] = [True] * block.size
    runs: list[tuple[int, int]] = []
    for n, ok in enumerate(matched):
        if ok:
            continue
        start, end = w.spans[n]
        if runs and n > 0 and not matched[n - 1]:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _speaker_keys(w: _Words) -> set[str]:
    if w.entities:
        return set(w.entities)
    return {f"name:{w.name}"} if w.name else set()


def _speaker_articles(words: list[_Words]) -> dict[str, set[str]]:
    """For every speaker key, the articles that quote that speaker at all."""
    out: dict[str, set[str]] = defaultdict(set)
    for w in words:
        for key in _speaker_keys(w):
            out[key].add(w.quote.article)
    return out


def _with_missing(
    entry: LedgerEntry, speaker_articles: dict[str, set[str]], position: dict[str, int]
) -> LedgerEntry:
    """Articles that quote this statement's speaker but not this statement."""
    keys = {entry.speaker} if entry.speaker else set()
    if not keys and entry.speaker_name:
        keys = {f"name:{' '.join(_normal(entry.speaker_name).split())}"}
    quoting = set().union(*(speaker_articles.get(k, set()) for k in keys)) if keys else set()
    carried = {v.article for v in entry.versions}
    missing = sorted(quoting - carried, key=lambda a: position.get(a, len(position)))
    return entry.model_copy(update={"missing_from": missing})


def _speaker_rank(entry: LedgerEntry, counts: Counter[str]) -> tuple[int, int]:
    """Entities first, by salience: the pipeline numbers them e1, e2, … in salience order, so the
    number is the rank; other ids fall back to how often the speaker is quoted. Named but
    unresolved speakers come next, unattributed statements last."""
    if entry.speaker:
        match = re.fullmatch(r"e(\d+)", entry.speaker)
        return (0, int(match.group(1)) if match else 10**6 - counts[entry.speaker])
    return (1, 0) if entry.speaker_name else (2, 0)
