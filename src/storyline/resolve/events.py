"""Events across articles: their actors, and one event per happening."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, Cite, Entity, Event


def merge_events(events: list[Event], entities: list[Entity], articles: Sequence[Article]) -> list[Event]:
    """Give events their actors, and make one event of the same happening in several articles.

    Two events are the same when they have the same date and share an actor, or the same date
    and most of their content words. The earliest-published article's version leads; the
    others become its ``sources``.
    """
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            spans[m.article].append((m.start, m.end, entity.id))
    with_actors = [
        v.model_copy(
            update={"actors": sorted({eid for s, t, eid in spans[v.article] if v.start <= s and t <= v.end})}
        )
        for v in events
    ]
    order = {a.id: (a.published or "9999", n) for n, a in enumerate(articles)}
    with_actors.sort(key=lambda v: (v.date, order.get(v.article, ("9999", 0)), v.start))
    merged: list[Event] = []
    for event in with_actors:
        target = next((m for m in merged if _same_happening(m, event)), None)
        if target is None:
            merged.append(event)
        elif event.article != target.article and all(s.article != event.article for s in target.sources):
            source = Cite.of(event)
            merged[merged.index(target)] = target.model_copy(
                update={
                    "sources": [*target.sources, source],
                    "actors": sorted({*target.actors, *event.actors}),
                }
            )
    return [e.model_copy(update={"id": f"v{n + 1}"}) for n, e in enumerate(merged)]


# Two articles' events of one date are one happening when at least this share of the shorter
# one's content words are shared; set by hand on the dev data, not tuned.
SHARED_WORDS_MIN = 0.5
# Words this long or shorter are not content words ("said" is one; "the", "was" are not).
CONTENT_WORD_MIN_LETTERS = 3


def _same_happening(a: Event, b: Event) -> bool:
    if a.date != b.date:
        return False
    if a.article == b.article:
        return a.start == b.start
    if set(a.actors) & set(b.actors):
        return True
    wa, wb = _content_words(a.text), _content_words(b.text)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= SHARED_WORDS_MIN


def _content_words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > CONTENT_WORD_MIN_LETTERS}
