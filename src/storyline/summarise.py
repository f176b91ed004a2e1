"""Summarise: a short extractive summary in which every sentence cites its sources.

Sentences are picked greedily by **coverage** (the idea of Gillick and Favre's concept
summariser): a concept is a content-word stem or a pair of adjacent stems, worth the number of
*other* articles that also carry it, so what several outlets report outranks what one outlet
alone says. A candidate's value is the worth of the concepts it adds that the summary does not
yet hold, per word (a power of its length), times a prior:

- **position**: news puts the fact first, so an article's opening sentence gets a boost;
- **neutral wording**: loaded words, scare quotes, questions, exclamations, first or second
  person and a dangling opening ("But he ...") lower it. A summary reports in neutral words;
  quoted speech is left to the quotes panel, and a sentence that opens with a quotation is
  never picked. Datelines ("WASHINGTON (AP) —") are left outside the sentence's span.

Picking stops at ``length`` sentences or, with ``words`` set, once that many words are in; a
candidate whose stemmed TF-IDF cosine to a chosen sentence exceeds ``REDUNDANT`` is skipped.
The chosen sentences come corroborated first. Each cites its own span and, in every other
article, the best sentence whose cosine is at least ``SUPPORT``. A sentence holding an item of
a conflict is marked contested and also cites the sentence that gives each other version.

An optional rewriter (``rewriter=``, or :func:`rewrite_with_llm` for an OpenAI-compatible server
the user configures) may reword each sentence afterwards; the cites stay those of the
extracted sentence. Nothing calls it by default, so the default runs offline.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nltk.stem.porter import PorterStemmer

from storyline.errors import ConfigError
from storyline.model import Article, Cite, Conflict, Entity, SummarySentence

_TITLE_MAX_CHARS = 140
"""A lede used as the story's title is cut at a word before this length (a long headline's size)."""

SUPPORT = 0.3  # cosine at which another article's sentence counts as saying the same thing
REDUNDANT = 0.45  # cosine above which a candidate repeats a sentence already chosen
MIN_WORDS = 6

# Tuned on stories-neus dev (clusters 500-1500 of 2,759; see benchmarks/summary.py).
# single: worth of a concept only one article carries; bigram: worth of a stem pair against a
# stem; length: exponent of the per-word normalisation; first: prior for an article's lead
# sentence; entity: prior per salient name the sentence holds.
_WEIGHTS = {"single": 0.1, "bigram": 1.0, "length": 0.7, "first": 0.3, "entity": 0.05, "floor": 0.05}
_PENALTY = {"loaded": 0.4, "quoted": 0.3, "person": 0.2, "ask": 0.4, "dangling": 0.2}

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr"
    r"|Inc|Co|Corp|Ltd|No|vs|Rev|Hon|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|approx|est))[.]$"
)
# "WASHINGTON (AP) — " and the like: where the story was filed, not what happened.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*"
    r"(?:\([^()]{1,25}\))?|[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)*\s*\([^()]{1,25}\)"
    r"|\([A-Z][A-Za-z .]{1,24}\))\s*[—–-]{1,2}\s+"
)
_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|you|You|your|Your|my|My)\b")
_QUOTED = re.compile(r"[\"“]([^\"“”]{1,200})[\"”]|‘([^‘’]{1,60})’")
# A sentence opening on one of these leans on the one before it, which the summary may not carry.
_DANGLING = frozenset({
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their",
    "but", "and", "however", "also", "yet", "so",
})  # fmt: skip
# Words that carry a verdict rather than a fact. NeuS's reference summaries avoid them, and so
# should a dossier that sets out several outlets' versions of a story.
_LOADED = frozenset({
    "slam", "slams", "slammed", "blast", "blasts", "blasted", "rip", "rips", "ripped", "torch",
    "torched", "destroy", "destroys", "destroyed", "outrage", "outrageous", "outraged", "shocking",
    "shocked", "stunning", "stunned", "bombshell", "scandal", "scandalous", "disgrace",
    "disgraceful", "disgusting", "hypocrite", "hypocrisy", "hypocritical", "absurd", "bizarre",
    "ridiculous", "insane", "crazy", "pathetic", "shameful", "shameless", "radical", "extremist",
    "unhinged", "meltdown", "chaos", "chaotic", "disaster", "disastrous", "catastrophic",
    "horrific", "horrifying", "terrible", "awful", "brutal", "vicious", "furious", "fury", "rant",
    "rants", "ranted", "lie", "lies", "lied", "liar", "lying", "smear", "smears", "sham", "hoax",
    "witch-hunt", "egregious", "appalling", "alarming", "dangerous", "reckless", "devastating",
    "massive", "huge", "epic", "incredible", "amazing", "stunningly", "blistering", "scathing",
    "fiery", "heated", "explosive",
})  # fmt: skip
_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "for", "with", "at", "by",
    "from", "as", "into", "onto", "over", "under", "about", "after", "before", "than", "then",
    "that", "this", "these", "those", "which", "who", "whom", "whose", "what", "when", "where",
    "why", "how", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "it", "its", "it's", "he", "she", "they", "them", "his", "her", "hers", "their",
    "theirs", "him", "not", "no", "also", "would", "will", "can", "could", "should", "may",
    "might", "must", "shall", "said", "says", "say", "saying", "told", "more", "most", "some",
    "any", "all", "one", "two", "there", "here", "so", "such", "just", "very", "mr", "mrs", "ms",
})  # fmt: skip


@dataclass
class _Sentence:
    article: str
    start: int
    end: int
    text: str
    order: int  # position among its article's sentences; 0 is the lead


def split_sentences(article: Article) -> list[_Sentence]:
    """The article's sentences, as exact spans of its text.

    The headline is not a sentence, nor is a line without closing punctuation (a caption, a
    byline) unless it is long and below the first line (a sentence cut short), nor a fragment
    under ``MIN_WORDS`` words. A full stop after an initial, a dotted acronym or a common
    abbreviation ("John F. Kerry", "the U.S. Senate", "Sen. Ford") does not end a sentence.
    """
    sentences: list[_Sentence] = []
    for n, line in enumerate(re.finditer(r"[^\n]+", article.text)):
        if n == 0 and _is_headline(line.group().strip(), article):
            continue
        start = line.start()
        pieces = [m.end() for m in _BOUNDARY.finditer(line.group()) if not _is_abbreviation(line.group(), m)]
        for cut in [*pieces, len(line.group())]:
            raw = article.text[start : line.start() + cut]
            text = raw.strip()
            begin = start + len(raw) - len(raw.lstrip())
            if dateline := _DATELINE.match(text):
                text, begin = text[dateline.end() :], begin + dateline.end()
            start = line.start() + cut
            if len(text.split()) >= MIN_WORDS and (text[-1] in '.!?"”’)' or _is_cut_short(text, n)):
                sentences.append(_Sentence(article.id, begin, begin + len(text), text, len(sentences)))
    return sentences


def summarise(
    articles: list[Article],
    entities: list[Entity],
    conflicts: list[Conflict],
    length: int = 6,
    *,
    words: int | None = None,
    rewriter: Callable[[str], str] | None = None,
) -> list[SummarySentence]:
    """At most ``length`` cited sentences, and with ``words`` set, stop once that many words are in.

    Sentences come corroborated first (most supporting articles), then by score. Empty input,
    or articles without a single full sentence, give an empty summary.
    """
    sentences = [s for a in articles for s in split_sentences(a)]
    candidates = [i for i, s in enumerate(sentences) if not _opens_with_quote(s.text)]
    if not candidates or length <= 0:
        return []
    headlines = [(a.id, h) for a in articles if (h := _headline(a))]
    vectors = _tfidf([s.text for s in sentences])
    concepts = [_concepts(s.text) for s in sentences]
    carried = _carried(sentences, concepts, headlines)
    names = [e.name.lower() for e in entities[:8] if e.type in ("PERSON", "ORG")]
    priors = {i: _prior(sentences[i], names) for i in candidates}
    chosen = _pick(priors, concepts, carried, vectors, sentences, length, words)
    scores = {i: priors[i] * _gain(concepts[i], carried, set()) for i in chosen}
    support = {i: _support(i, sentences, vectors) for i in chosen}
    chosen.sort(key=lambda i: (-len(support[i]), -scores[i]))
    summary = [_cite(i, support[i], sentences, conflicts) for i in chosen]
    if rewriter is not None:
        summary = [s.model_copy(update={"text": rewriter(s.text)}) for s in summary]
    return summary


_REWRITE_PROMPT = (
    "Rewrite this sentence from a news report in neutral, plain wording. Keep every fact, name, "
    "number and date; add nothing. Reply with the sentence only."
)


def rewrite_with_llm(
    sentences: list[SummarySentence],
    url: str,
    model: str,
    api_key: str | None = None,
    *,
    transport: Any = None,
    timeout: float = 60.0,
) -> list[SummarySentence]:
    """Each sentence reworded by a chat model behind an OpenAI-compatible ``/v1/chat/completions``.

    ``url`` is the server's base URL (``http://localhost:8000`` or ``…/v1``). The sources and
    the contested flag are kept: the cites still point at the extracted sentences, which the
    reader can compare with the rewording. An empty reply keeps the original text. Network and
    HTTP errors propagate (``httpx.HTTPError``); ``transport`` is for tests (``httpx.MockTransport``).
    """
    try:
        import httpx
    except ImportError as error:  # httpx is optional: only this function needs it
        raise ConfigError("rewrite_with_llm needs httpx: pip install httpx") from error
    endpoint = url.rstrip("/").removesuffix("/v1") + "/v1/chat/completions"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    rewritten = []
    with httpx.Client(transport=transport, timeout=timeout, headers=headers) as client:
        for sentence in sentences:
            body = {
                "model": model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": _REWRITE_PROMPT},
                    {"role": "user", "content": sentence.text},
                ],
            }
            response = client.post(endpoint, json=body)
            response.raise_for_status()
            text = str(response.json()["choices"][0]["message"]["content"] or "").strip()
            rewritten.append(sentence.model_copy(update={"text": text or sentence.text}))
    return rewritten


def _is_headline(line: str, article: Article) -> bool:
    """The title, or a first line that does not end in a full stop ("Who is to blame?") with
    text below it: a headline states, it does not report, and it is often the most loaded line."""
    has_more = "\n" in article.text.strip()
    return line == (article.title or "").strip() or (has_more and not line.rstrip('"”’)').endswith("."))


def _is_cut_short(text: str, line: int) -> bool:
    """A long run of words without closing punctuation below the first line: a sentence cut off
    (a feed's first paragraph often is), not a headline or a caption."""
    return line > 0 and len(text.split()) >= 12 and text[0].isupper()


def _is_abbreviation(line: str, boundary: re.Match[str]) -> bool:
    return line[boundary.start()] == "." and bool(_ABBREVIATION.search(line[: boundary.start() + 1]))


def _headline(article: Article) -> str | None:
    """The title, or a first line without closing punctuation (how a plain-text headline looks)."""
    if article.title:
        return article.title
    first = article.text.lstrip().split("\n", 1)[0].strip()
    return first if first and first[-1] not in '.!?"”’' and len(first.split()) >= 3 else None


def _opens_with_quote(text: str) -> bool:
    return text[:1] in "\"“'‘"


def _concepts(text: str) -> set[str]:
    """Content-word stems and stem bigrams: the units of information a summary should cover."""
    words = _TOKEN.findall(text.lower())
    stems = [_stem(w) for w in words]
    units = {t for w, t in zip(words, stems, strict=True) if w not in _STOP and len(w) > 1}
    pairs = zip(words, stems, words[1:], stems[1:], strict=False)
    units.update(f"{s1} {s2}" for w1, s1, w2, s2 in pairs if not (w1 in _STOP and w2 in _STOP))
    return units


def _carried(
    sentences: list[_Sentence], concepts: list[set[str]], headlines: list[tuple[str, str]]
) -> Counter[str]:
    """How many articles carry each concept, in a sentence or in the headline."""
    per_article: dict[str, set[str]] = {}
    for sentence, units in zip(sentences, concepts, strict=True):
        per_article.setdefault(sentence.article, set()).update(units)
    for article, headline in headlines:
        per_article.setdefault(article, set()).update(_concepts(headline))
    carried: Counter[str] = Counter()
    for units in per_article.values():
        carried.update(units)
    return carried


def _gain(units: set[str], carried: Counter[str], covered: set[str]) -> float:
    """What a sentence adds: its concepts not yet covered, each worth the other outlets carrying it."""
    total = 0.0
    for unit in units - covered:
        worth = carried[unit] - 1 or _WEIGHTS["single"]
        total += worth * (_WEIGHTS["bigram"] if " " in unit else 1.0)
    return total


def _prior(sentence: _Sentence, names: list[str]) -> float:
    """What the sentence's place and wording say, whatever it covers: leads first, neutral wording."""
    prior = 1.0 + (_WEIGHTS["first"] if sentence.order == 0 else 0.0)
    lowered = sentence.text.lower()
    prior *= 1.0 + _WEIGHTS["entity"] * sum(n in lowered for n in names)
    return prior * math.exp(-_loadedness(sentence.text))


def _loadedness(text: str) -> float:
    """How far the wording is from a neutral report (0 for plain statement of fact)."""
    words = _TOKEN.findall(text.lower())
    quoted = sum(len((m.group(1) or m.group(2)).split()) for m in _QUOTED.finditer(text))
    penalty = _PENALTY["loaded"] * sum(w in _LOADED for w in words)
    penalty += _PENALTY["quoted"] * min(1.0, 2 * quoted / max(len(words), 1))
    penalty += _PENALTY["person"] * bool(_PERSON.search(text))
    penalty += _PENALTY["ask"] * (text.rstrip('"”’)')[-1:] in "?!")
    penalty += _PENALTY["dangling"] * (words[:1] != [] and words[0] in _DANGLING)
    return penalty


def _pick(
    priors: dict[int, float],
    concepts: list[set[str]],
    carried: Counter[str],
    vectors: list[dict[str, float]],
    sentences: list[_Sentence],
    length: int,
    words: int | None,
) -> list[int]:
    """Greedy coverage: the sentence adding most uncovered, widely carried content per word.

    Dividing by a power of the length below one keeps long sentences from winning on bulk
    alone without making every pick a short fragment. Stops at ``length`` sentences or once
    ``words`` words are in.
    """
    chosen: list[int] = []
    covered: set[str] = set()
    candidates = set(priors)
    first = 0.0
    total = 0
    size = {i: float(len(sentences[i].text.split())) ** _WEIGHTS["length"] for i in candidates}
    while candidates and len(chosen) < length and (words is None or total < words):
        value = {i: priors[i] * _gain(concepts[i], carried, covered) / size[i] for i in candidates}
        best = max(candidates, key=lambda i: (value[i], -i))
        candidates.discard(best)
        # Past this point a pick would add little that other outlets carry: stop rather than pad.
        if value[best] <= 0 or (chosen and value[best] < _WEIGHTS["floor"] * first):
            break
        if any(_cosine(vectors[best], vectors[j]) > REDUNDANT for j in chosen):
            continue
        if not chosen:
            first = value[best]
        chosen.append(best)
        covered |= concepts[best]
        total += len(sentences[best].text.split())
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
    return [j for _, j in sorted(best.values(), key=lambda pair: -pair[0])]


def _cite(
    i: int, support: list[int], sentences: list[_Sentence], conflicts: list[Conflict]
) -> SummarySentence:
    own = sentences[i]
    sources = [_as_cite(own)] + [_as_cite(sentences[j]) for j in support]
    contested = False
    for conflict in conflicts:
        if not any(
            item.article == own.article and item.start < own.end and own.start < item.end
            for item in conflict.items
        ):
            continue
        contested = True
        for item in conflict.items:
            if item.article == own.article or any(
                c.article == item.article and c.start <= item.start and item.end <= c.end for c in sources
            ):
                continue
            # Cite the whole sentence that gives the other version, where we have it.
            holder = next(
                (
                    s
                    for s in sentences
                    if s.article == item.article and s.start <= item.start and item.end <= s.end
                ),
                None,
            )
            sources.append(
                _as_cite(holder)
                if holder
                else Cite(article=item.article, start=item.start, end=item.end, text=item.text)
            )
    return SummarySentence(text=own.text, sources=sources, contested=contested)


def _as_cite(sentence: _Sentence) -> Cite:
    return Cite(article=sentence.article, start=sentence.start, end=sentence.end, text=sentence.text)


# -- a small TF-IDF on Porter stems (no dependency beyond nltk for a few hundred sentences) ------


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stem(word.strip("'’-")))


_STEMMER = PorterStemmer()


def _terms(text: str) -> list[str]:
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in _STOP and len(w) > 1]


def _tfidf(texts: list[str]) -> list[dict[str, float]]:
    docs = [_terms(t) for t in texts]
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)
    return [
        _normalise({w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in Counter(d).items()})
        for d in docs
    ]


def _normalise(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def story_title(articles: Sequence[Article]) -> str | None:
    """The story's headline: a title of its articles, else the lede of the first one."""
    titles = [a.title for a in articles if a.title]
    if titles:
        return min(titles, key=len) if len(titles) > 2 else titles[0]
    if not articles:
        return None
    # No headlines given: the opening sentence of the first article, which in news is the lede.
    lede = re.split(r"(?<=[.!?])\s", articles[0].text.split("\n")[0], maxsplit=1)[0]
    return lede if len(lede) <= _TITLE_MAX_CHARS else lede[: _TITLE_MAX_CHARS - 3].rsplit(" ", 1)[0] + "…"
