"""Summarise: a short extractive summary in which every sentence cites its sources.

Sentences from all articles are scored by centrality (TF-IDF cosine to the story's centroid),
boosted when they name the story's most salient people and bodies, and picked greedily with a
redundancy penalty (maximal marginal relevance). Each chosen sentence cites its own span and
every other article's sentence that says nearly the same (cosine above ``SUPPORT``), so
corroborated content shows several sources. A sentence holding a figure in conflict is marked
contested and cites the other side too. Quoted speech is left out: a summary reports, it does
not quote.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from storyline.model import Article, Cite, Conflict, Entity, SummarySentence

SUPPORT = 0.35
_TOKEN = re.compile(r"[a-z][a-z'-]+")
_STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "which",
        "who",
        "said",
        "says",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "not",
        "but",
        "also",
        "would",
        "will",
        "can",
        "more",
        "than",
        "after",
        "over",
        "about",
        "into",
        "there",
        "some",
        "all",
        "one",
        "two",
    ]
)


@dataclass
class _Sentence:
    article: str
    start: int
    end: int
    text: str
    order: int  # position in its article


def split_sentences(article: Article) -> list[_Sentence]:
    """Sentences by punctuation and line breaks: cheap, and good enough for picking."""
    sentences: list[_Sentence] = []
    for m in re.finditer(r"[^\n]+?(?:[.!?][\"”’]?(?=\s)|$)", article.text, flags=re.MULTILINE):
        text = m.group().strip()
        # A line with no closing punctuation is a headline or a caption, not a sentence.
        if len(text.split()) >= 6 and text[-1] in ".!?\"”’":
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            sentences.append(_Sentence(article.id, start, start + len(text), text, len(sentences)))
    return sentences


def summarise(
    articles: list[Article], entities: list[Entity], conflicts: list[Conflict], length: int = 6
) -> list[SummarySentence]:
    sentences = [s for a in articles for s in split_sentences(a) if not _is_quote(s.text)]
    if not sentences:
        return []
    vectors = _tfidf([s.text for s in sentences])
    centroid = _normalise(_sum(vectors))
    names = [e.name.lower() for e in entities[:8] if e.type in ("PERSON", "ORG")]
    scores = [
        _cosine(v, centroid) + 0.05 * sum(n in s.text.lower() for n in names) + 0.1 / (1 + s.order)
        for s, v in zip(sentences, vectors, strict=True)
    ]
    chosen = _pick(scores, vectors, length)
    chosen.sort(key=lambda i: (-_support_count(i, sentences, vectors), i))
    return [_cite(i, sentences, vectors, conflicts) for i in chosen]


def _is_quote(text: str) -> bool:
    return text[:1] in "\"“'‘" or text.count('"') + text.count("“") + text.count("”") >= 2


def _pick(scores: list[float], vectors: list[dict[str, float]], length: int) -> list[int]:
    chosen: list[int] = []
    candidates = set(range(len(scores)))
    while candidates and len(chosen) < length:

        def mmr(i: int) -> float:
            redundancy = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            return 0.7 * scores[i] - 0.3 * redundancy

        best = max(candidates, key=mmr)
        if chosen and max(_cosine(vectors[best], vectors[j]) for j in chosen) > 0.6:
            candidates.discard(best)
            continue
        chosen.append(best)
        candidates.discard(best)
    return chosen


def _support(i: int, sentences: list[_Sentence], vectors: list[dict[str, float]]) -> list[int]:
    """The best supporting sentence in each other article, where it is close enough."""
    best: dict[str, tuple[float, int]] = {}
    for j, sentence in enumerate(sentences):
        if sentence.article == sentences[i].article:
            continue
        sim = _cosine(vectors[i], vectors[j])
        if sim >= SUPPORT and sim > best.get(sentence.article, (0.0, -1))[0]:
            best[sentence.article] = (sim, j)
    return [j for _, j in best.values()]


def _support_count(i: int, sentences: list[_Sentence], vectors: list[dict[str, float]]) -> int:
    return len(_support(i, sentences, vectors))


def _cite(
    i: int, sentences: list[_Sentence], vectors: list[dict[str, float]], conflicts: list[Conflict]
) -> SummarySentence:
    own = sentences[i]
    sources = [Cite(article=own.article, start=own.start, end=own.end, text=own.text)]
    for j in _support(i, sentences, vectors):
        s = sentences[j]
        sources.append(Cite(article=s.article, start=s.start, end=s.end, text=s.text))
    contested = False
    for conflict in conflicts:
        if any(
            (item.article == own.article and item.start <= own.start < item.end)
            or (item.article == own.article and own.start <= item.start < own.end)
            for item in conflict.items
        ):
            contested = True
            for item in conflict.items:
                if item.article != own.article and all(c.article != item.article for c in sources):
                    sources.append(Cite(article=item.article, start=item.start, end=item.end, text=item.text))
    return SummarySentence(text=own.text, sources=sources, contested=contested)


# -- a small TF-IDF (no dependency needed for a few hundred sentences) ---------------------------


def _tfidf(texts: list[str]) -> list[dict[str, float]]:
    docs = [[w for w in _TOKEN.findall(t.lower()) if w not in _STOP] for t in texts]
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)
    return [_normalise({w: c * math.log(1 + n / df[w]) for w, c in Counter(d).items()}) for d in docs]


def _normalise(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _sum(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    return dict(total)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())
