"""Rank the story's entities by salience; ids follow the rank."""

from __future__ import annotations

from collections import Counter

from storyline.model import Entity, Quote

# What a quote and an article count for, against one mention: being quoted and being written
# about across outlets say more about who the story is about; set by hand on the dev data, not tuned.
QUOTE_WEIGHT = 2
ARTICLE_WEIGHT = 3
# Decimal places of the salience score in the dossier.
SALIENCE_DIGITS = 3


def rank_entities(entities: list[Entity], quotes: list[Quote]) -> list[Entity]:
    """Salience = mentions + 2 × quotes + 3 × articles, scaled to 0–1; ids follow the rank."""
    quote_counts = Counter(q.speaker for q in quotes if q.speaker)
    scored = []
    for entity in entities:
        count = quote_counts.get(entity.id, 0)
        raw = len(entity.mentions) + QUOTE_WEIGHT * count + ARTICLE_WEIGHT * entity.article_count
        scored.append((raw, entity.model_copy(update={"quote_count": count})))
    top = max((s for s, _ in scored), default=1) or 1
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [e.model_copy(update={"salience": round(s / top, SALIENCE_DIGITS)}) for s, e in scored]
