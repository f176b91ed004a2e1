"""Who each quote is by: the entity whose mention covers the quote's speaker span, or whose
name (or role) matches the speaker's.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.model import Entity, Quote
from storyline.names import ROLE_NOUNS, name_tokens


def attribute_quotes(quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Set each quote's ``speaker`` to the entity its speaker span or resolved name points at."""
    by_article: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            by_article[m.article].append((m.start, m.end, entity))
    people = [e for e in entities if e.type == "PERSON"]
    resolved = []
    for quote in quotes:
        speaker = (
            _speaker_by_span(quote, by_article[quote.article])
            or _speaker_by_name(quote, people)
            or _speaker_by_role(quote, people)
        )
        joint = _joint_speakers(quote, by_article[quote.article], speaker)
        resolved.append(
            quote.model_copy(update={"speaker": speaker.id if speaker else None, "speakers": joint})
        )
    return resolved


def _joint_speakers(quote: Quote, spans: list[tuple[int, int, Entity]], speaker: Entity | None) -> list[str]:
    """Every person named in the speaker span ("Sarah Owen … and Rachel Hopkins said"), speaker first."""
    ids = [speaker.id] if speaker else []
    if quote.speaker_start is not None and quote.speaker_end is not None:
        for s, t, entity in sorted(spans, key=lambda x: x[0]):
            inside = quote.speaker_start <= s and t <= quote.speaker_end
            if inside and entity.type == "PERSON" and entity.id not in ids:
                ids.append(entity.id)
    return ids


def _speaker_by_span(quote: Quote, spans: list[tuple[int, int, Entity]]) -> Entity | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    hits = [e for s, t, e in spans if s < quote.speaker_end and quote.speaker_start < t]
    people = [e for e in hits if e.type == "PERSON"]
    if people:
        return people[0]
    # A body speaks only when its name heads the phrase: "the Lib Dems said", not
    # "a Labour spokesman said" (whose head is the spokesman).
    heads = [e for s, t, e in spans if s < quote.speaker_end and t >= quote.speaker_end - 1]
    return heads[0] if heads else None


def _speaker_by_role(quote: Quote, people: list[Entity]) -> Entity | None:
    """ "The Labour leader said": the one person in the story whose role says so."""
    phrase = (quote.speaker_text or "").lower().split()
    if not phrase or phrase[0] in ("a", "an"):
        return None  # "a Labour spokesman" is someone unnamed, not a known holder of the role
    if phrase[0] == "the":
        phrase = phrase[1:]
    if not phrase or phrase[-1] not in ROLE_NOUNS:
        return None
    wanted = " ".join(phrase)
    holders = [e for e in people if any(wanted in r.role.lower() for r in e.roles)]
    return holders[0] if len(holders) == 1 else None


def _speaker_by_name(quote: Quote, people: list[Entity]) -> Entity | None:
    name = quote.speaker_name or quote.speaker_text
    if not name:
        return None
    words = [w.lower() for w in name_tokens(name)]
    if not words:
        return None
    in_article = [e for e in people if any(m.article == quote.article for m in e.mentions)]
    for pool in (in_article, people):
        exact = [e for e in pool if [w.lower() for w in e.name.split()] == words]
        if exact:
            return exact[0]
        last = [e for e in pool if e.name.split() and e.name.split()[-1].lower() == words[-1]]
        if len(last) == 1:
            return last[0]
    return None
