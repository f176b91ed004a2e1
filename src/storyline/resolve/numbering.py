"""Entity ids: temporary ones while resolving, then e1, e2, … in salience order."""

from __future__ import annotations

from storyline.model import Entity, Quote


def number_entities(entities: list[Entity]) -> list[Entity]:
    """Temporary ids (tmp0, tmp1, …) so later steps can refer to entities before ranking."""
    return [e.model_copy(update={"id": f"tmp{n}"}) for n, e in enumerate(entities)]


def renumber(entities: list[Entity], quotes: list[Quote]) -> tuple[list[Entity], list[Quote]]:
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
