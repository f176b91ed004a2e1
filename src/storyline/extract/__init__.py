"""Extract stage: one parsed article (a spaCy ``Doc``) in, its cited items out.

One module per extractor: entities and their roles, quotes, numbers, time expressions,
events and claims. ``extract_article`` runs them all in the order their inputs need.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from storyline.extract.claims import extract_claims
from storyline.extract.dating import date_numbers
from storyline.extract.entities import extract_entities
from storyline.extract.events import extract_events, extract_position_events
from storyline.extract.numbers import extract_numbers
from storyline.extract.quotes import extract_quotes
from storyline.extract.timex import extract_timexes
from storyline.model import Article, ArticleAnalysis

__all__ = ["extract_article"]


def extract_article(doc: Doc, article: Article) -> ArticleAnalysis:
    """Run every extractor over one parsed article."""
    published = dt.date.fromisoformat(article.published) if article.published else None
    timexes = extract_timexes(doc, article.id, published)
    numbers = date_numbers(extract_numbers(doc, article.id), timexes)
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
