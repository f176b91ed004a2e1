"""The pipeline: the one place that knows the order of the stages.

ingest → normalise → annotate → extract → resolve → compare → summarise → (report)

Each stage depends on the model, not on the other stages. ``analyze`` is the public entry
point (``storyline.analyze``) and the CLI's ``analyze`` command calls it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from spacy.tokens import Doc

from storyline import __version__
from storyline.annotate import annotate_with_context
from storyline.compare import compare_claims, compare_numbers, support_claims
from storyline.errors import InputError, StorylineWarning, Warnings
from storyline.extract.claims import extract_claims
from storyline.extract.entities import extract_entities
from storyline.extract.events import extract_events, extract_position_events
from storyline.extract.numbers import extract_numbers
from storyline.extract.published import infer_published
from storyline.extract.quotes import extract_quotes
from storyline.extract.timex import extract_timexes
from storyline.ingest import read_inputs
from storyline.ledger import build_ledger
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Dossier,
    Entity,
    Event,
    Number,
    Quote,
    RawArticle,
    Skipped,
    TimeExpression,
)
from storyline.normalise import build_casing_lexicon, is_tokenized_lowercase, normalise
from storyline.options import Options
from storyline.resolve import (
    attribute_quotes,
    link_role_mentions,
    merge_events,
    rank_entities,
    resolve_entities,
)
from storyline.summarise import summarise
from storyline.timeline import link_events

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
            skipped.append(Skipped(source=raw.source, code=exc.code, reason=str(exc)))
            continue
        if article.id in seen:
            continue  # the same article twice is one article
        seen.add(article.id)
        articles.append(_with_publication_date(article))
    return articles


def _with_publication_date(article: Article) -> Article:
    if article.published:
        return article
    inferred = infer_published(article.text)
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


def extract_article(doc: Doc, article: Article) -> ArticleAnalysis:
    """Run every extractor over one parsed article."""
    published = dt.date.fromisoformat(article.published) if article.published else None
    timexes = extract_timexes(doc, article.id, published)
    numbers = _date_numbers(extract_numbers(doc, article.id), timexes)
    events = extract_events(doc, article.id, timexes)
    events += extract_position_events(doc, article.id, article.published, events)
    return ArticleAnalysis(
        article=article.id,
        entities=extract_entities(doc, article.id),
        quotes=extract_quotes(doc, article.id),
        numbers=numbers,
        claims=extract_claims(doc, article.id, numbers),
        timexes=timexes,
        events=events,
    )


def _extract_all(
    articles: list[Article], options: Options, progress: Progress | None
) -> dict[str, ArticleAnalysis]:
    results: dict[str, ArticleAnalysis] = {}
    for n, (article, _doc, analysis) in enumerate(annotate_and_extract(articles, options)):
        results[article.id] = analysis
        if progress:
            progress(n + 1, len(articles))
    return results


def _date_numbers(numbers: list[Number], timexes: list[TimeExpression]) -> list[Number]:
    """Give each number the calendar date named in its sentence, if one is."""
    dated = []
    for number in numbers:
        sentence = number.sentence
        date = None
        if sentence is not None:
            for timex in timexes:
                if (
                    timex.type == "DATE"
                    and sentence.start <= timex.start < sentence.end
                    and timex.value[:1].isdigit()
                ):
                    date = timex.value
                    break
        dated.append(number.model_copy(update={"date": date}) if date else number)
    return dated


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
    entities = _number_entities(entities)
    entities = link_role_mentions(entities, articles)
    entities = _date_role_changes(entities, articles)
    quotes = attribute_quotes([q for out in per_article.values() for q in out.quotes], entities)
    entities = rank_entities(entities, quotes)
    entities, quotes = _renumber(entities, quotes)
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
        title=headline(articles),
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


def _date_role_changes(entities: list[Entity], articles: list[Article]) -> list[Entity]:
    """A role someone takes "as" ("continue as an independent councillor") dates from the article.

    That is a change the article reports, so it holds from the article's date; other roles are
    descriptions and stay undated.
    """
    texts = {a.id: a for a in articles}
    dated = []
    for entity in entities:
        roles = []
        for role in entity.roles:
            article = texts[role.article]
            before = article.text[max(0, role.start - 40) : role.start].lower()
            is_change = before.rstrip().endswith(("as", "as a", "as an")) and "describ" not in before
            if role.date is None and article.published and is_change:
                role = role.model_copy(update={"date": article.published})
            roles.append(role)
        dated.append(entity.model_copy(update={"roles": roles}))
    return dated


def _number_entities(entities: list[Entity]) -> list[Entity]:
    return [e.model_copy(update={"id": f"tmp{n}"}) for n, e in enumerate(entities)]


def _renumber(entities: list[Entity], quotes: list[Quote]) -> tuple[list[Entity], list[Quote]]:
    """Ids e1, e2, … in salience order, so e1 is who the story is most about."""
    mapping = {e.id: f"e{n + 1}" for n, e in enumerate(entities)}
    entities = [e.model_copy(update={"id": mapping[e.id]}) for e in entities]
    quotes = [
        q.model_copy(
            update={"speaker": mapping.get(q.speaker or ""), "speakers": [mapping[s] for s in q.speakers]}
        )
        for q in quotes
    ]
    return entities, quotes


def headline(articles: Sequence[Article]) -> str | None:
    """The story's headline: a title of its articles, else the lede of the first one."""
    titles = [a.title for a in articles if a.title]
    if titles:
        return min(titles, key=len) if len(titles) > 2 else titles[0]
    if not articles:
        return None
    # No headlines given: the opening sentence of the first article, which in news is the lede.
    lede = re.split(r"(?<=[.!?])\s", articles[0].text.split("\n")[0], maxsplit=1)[0]
    return lede if len(lede) <= 140 else lede[:137].rsplit(" ", 1)[0] + "…"


def _drop_misaligned(dossier: Dossier) -> Dossier:
    """Spans that do not slice back to their text are dropped with a coded warning, never shifted."""
    texts = {a.id: a.text for a in dossier.articles}
    bad: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for cite in dossier.iter_cites():
        if texts.get(cite.article, "")[cite.start : cite.end] != cite.text:
            bad[cite.article].add((cite.start, cite.end))
            warnings.warn(
                Warnings.W201.format(article=cite.article, what="an item", start=cite.start, end=cite.end),
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
