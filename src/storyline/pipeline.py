"""The pipeline: the one place that knows the order of the stages.

ingest → normalise → annotate → extract → resolve → compare → summarise → (report)

Each stage depends on the model, not on the other stages. ``analyze`` is the public entry
point (``storyline.analyze``) and the CLI's ``analyze`` command calls it.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from spacy.tokens import Doc

from storyline import __version__
from storyline.annotate import annotate_with_context
from storyline.compare import compare_claims, compare_numbers, support_claims
from storyline.errors import InputError, StorylineWarning, Warnings
from storyline.extract import extract_article
from storyline.ingest import read_inputs
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Dossier,
    Event,
    Number,
    Quote,
    RawArticle,
    Skipped,
    TimeExpression,
)
from storyline.normalise import build_casing_lexicon, infer_published, is_tokenized_lowercase, normalise
from storyline.options import Options
from storyline.resolve import (
    attribute_quotes,
    build_ledger,
    date_role_changes,
    link_events,
    link_role_mentions,
    merge_events,
    number_entities,
    rank_entities,
    renumber,
    resolve_entities,
)
from storyline.summarise import story_title, summarise

Progress = Callable[[int, int], None]


def analyze(
    paths: Sequence[str | Path], options: Options | None = None, progress: Progress | None = None
) -> Dossier:
    """Read articles from files, folders or '-' (stdin) and build their cited dossier."""
    options = options or Options()
    raws, skipped = read_inputs([str(p) for p in paths], options)
    return analyze_raw(raws, options, skipped, progress)


def analyze_raw(
    raws: Sequence[RawArticle],
    options: Options | None = None,
    skipped: Sequence[Skipped] = (),
    progress: Progress | None = None,
) -> Dossier:
    """The same, from articles already read (the HTTP API and benchmarks start here)."""
    options = options or Options()
    skipped = list(skipped)
    articles = normalise_articles(raws, options, skipped)
    per_article = _extract_all(articles, options, progress)
    return assemble(articles, per_article, skipped, options)


# -- stages -------------------------------------------------------------------------------------


def normalise_articles(raws: Sequence[RawArticle], options: Options, skipped: list[Skipped]) -> list[Article]:
    """Clean and date each article; what cannot be used is appended to ``skipped``."""
    # The story's own cased articles teach how to case the lowercased ones.
    lexicon = build_casing_lexicon(r.text for r in raws if not is_tokenized_lowercase(r.text))
    articles: list[Article] = []
    seen: set[str] = set()
    for raw in raws:
        try:
            article = normalise(raw, lexicon, options.min_words)
        except InputError as exc:
            if options.on_error == "raise":
                raise
            skipped.append(Skipped(source=raw.source, code=exc.code, reason=str(exc)))
            continue
        if article.id in seen:
            continue  # the same article twice is one article
        seen.add(article.id)
        articles.append(_with_publication_date(article, options.reference_date))
    return articles


def _with_publication_date(article: Article, reference_date: dt.date | None) -> Article:
    if article.published:
        return article
    inferred = infer_published(article.text, today=reference_date)
    if inferred is None:
        warnings.warn(Warnings.W202.format(article=article.source), StorylineWarning, stacklevel=2)
        return article
    date, reason = inferred
    return article.model_copy(
        update={"published": date, "published_inferred": True, "published_reason": reason}
    )


def annotate_and_extract(
    articles: Iterable[Article], options: Options
) -> Iterator[tuple[Article, Doc, ArticleAnalysis]]:
    """Parse each article and extract from it, in input order (a stream: Docs are not kept)."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in annotate_with_context(pairs, options.model, options.batch_size):
        yield article, doc, extract_article(doc, article)


def _extract_all(
    articles: list[Article], options: Options, progress: Progress | None
) -> dict[str, ArticleAnalysis]:
    results: dict[str, ArticleAnalysis] = {}
    for n, (article, _doc, analysis) in enumerate(annotate_and_extract(articles, options)):
        results[article.id] = analysis
        if progress:
            progress(n + 1, len(articles))
    return results


def assemble(
    articles: Sequence[Article],
    per_article: Mapping[str, ArticleAnalysis],
    skipped: Sequence[Skipped] = (),
    options: Options | None = None,
) -> Dossier:
    """Resolve, compare and summarise the analyses of one story's articles into its dossier.

    Cheap next to parsing: a store re-assembles a story from its stored analyses.
    """
    options = options or Options()
    articles = list(articles)
    skipped = list(skipped)
    local = [e for out in per_article.values() for e in out.entities]
    entities = resolve_entities(local, articles)
    entities = number_entities(entities)
    entities = link_role_mentions(entities, articles)
    entities = date_role_changes(entities, articles)
    quotes = attribute_quotes([q for out in per_article.values() for q in out.quotes], entities)
    entities = rank_entities(entities, quotes)
    entities, quotes = renumber(entities, quotes)
    ledger = build_ledger(quotes, articles)
    numbers = [n for out in per_article.values() for n in out.numbers]
    events = merge_events([v for out in per_article.values() for v in out.events], entities, articles)
    events = link_events(events, articles)
    claims = support_claims([c for out in per_article.values() for c in out.claims])
    conflicts, agreements = compare_numbers(numbers, articles)
    text_conflicts, text_agreements = compare_claims(claims, articles)
    conflicts, agreements = [*conflicts, *text_conflicts], [*agreements, *text_agreements]
    summary = summarise(articles, entities, conflicts, options.summary_sentences)
    dossier = Dossier(
        generator=f"storyline {__version__}",
        title=story_title(articles),
        articles=articles,
        entities=entities,
        quotes=quotes,
        ledger=ledger,
        numbers=numbers,
        claims=claims,
        timexes=[t for out in per_article.values() for t in out.timexes],
        events=events,
        conflicts=conflicts,
        agreements=agreements,
        summary=summary,
        skipped=skipped,
    )
    return _drop_misaligned(dossier)


# What each dossier list holds, named as the W201 warning names a dropped item.
_ITEM_KINDS = {
    "quotes": "a quote",
    "numbers": "a number",
    "claims": "a claim",
    "timexes": "a time expression",
    "events": "an event",
}


def _drop_misaligned(dossier: Dossier) -> Dossier:
    """Spans that do not slice back to their text are dropped with a coded warning, never shifted."""
    texts = {a.id: a.text for a in dossier.articles}
    bad: dict[str, set[tuple[int, int]]] = defaultdict(set)
    kinds = _kinds_by_identity(dossier)
    for cite in dossier.iter_cites():
        if texts.get(cite.article, "")[cite.start : cite.end] != cite.text:
            bad[cite.article].add((cite.start, cite.end))
            warnings.warn(
                Warnings.W201.format(
                    article=cite.article,
                    what=kinds.get(id(cite), "a cited span"),
                    start=cite.start,
                    end=cite.end,
                ),
                StorylineWarning,
                stacklevel=2,
            )
    if not bad:
        return dossier

    def ok(item: Quote | Number | Claim | TimeExpression | Event) -> bool:
        return (item.start, item.end) not in bad.get(item.article, set())

    return dossier.model_copy(
        update={
            "quotes": [q for q in dossier.quotes if ok(q)],
            "numbers": [n for n in dossier.numbers if ok(n)],
            "claims": [c for c in dossier.claims if ok(c)],
            "timexes": [t for t in dossier.timexes if ok(t)],
            "events": [v for v in dossier.events if ok(v)],
        }
    )


def _kinds_by_identity(dossier: Dossier) -> dict[int, str]:
    """What each cite of the dossier is ("a quote", …), by object identity."""
    kinds = {id(item): kind for field, kind in _ITEM_KINDS.items() for item in getattr(dossier, field)}
    for entity in dossier.entities:
        kinds.update({id(m): "an entity mention" for m in entity.mentions})
        kinds.update({id(r): "a role" for r in entity.roles})
    return kinds
