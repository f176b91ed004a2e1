"""Order and link events: what the text puts first, and which position a later one changes.

``link_events(events, articles)`` runs right after ``resolve.merge_events`` and returns the
same events (same ids, same order) with two links filled in:

- ``Event.after``: ids of events the text puts before this one. Two cues count, both inside
  one article: a sentence that says "X, after/following/since Y" or "Y, followed by X" where
  each side contains (or is) an event span; and an event whose clause opens with
  "after"/"following"/"since" and names, by its own words, an earlier event of that article.
- ``Event.changes``: the id of an earlier event whose position this one changes: the same
  actor (or, with no resolved actors, the same subject words), a shared topic word, a later
  date, and a stance shift such as "pauses" → "ceasefire" or "paused" → "scrapped".

Precision over recall: a link is made only when both ends are clear; an unclear case is left
unlinked rather than guessed. Events whose dates already order them are not linked by date
alone: ``after`` records what the text says, not what the calendar implies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, Event

# Words that mark a softer and a firmer form of one position; a later event using a word of
# a firmer (or reversing) group than an earlier one by the same actor changes the position.
_STANCES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset({"pause", "pauses", "paused", "truce", "lull"}),
        frozenset({"ceasefire", "cease-fire", "armistice"}),
    ),
    (
        frozenset({"pause", "paused", "pausing", "suspended", "delayed", "postponed", "halted"}),
        frozenset(
            {"scrapped", "cancelled", "canceled", "abandoned", "axed", "dropped", "resumed", "restarted"}
        ),
    ),
    (
        frozenset({"opposed", "rejected", "against"}),
        frozenset({"backed", "supported", "endorsed", "approved"}),
    ),
    (
        frozenset({"backed", "supported", "endorsed", "approved"}),
        frozenset({"opposed", "rejected", "withdrew"}),
    ),
)
_ORDER_AFTER = re.compile(r"\b(?:after|following|since)\b", re.I)
_ORDER_FOLLOWED = re.compile(r"\bfollowed by\b", re.I)
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    {
        *[
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "of",
            "in",
            "on",
            "at",
            "to",
            "for",
            "by",
            "with",
            "from",
            "as",
            "that",
            "this",
            "these",
            "those",
            "it",
            "its",
        ],
        *[
            "is",
            "was",
            "were",
            "be",
            "been",
            "has",
            "have",
            "had",
            "will",
            "would",
            "said",
            "says",
            "say",
            "after",
            "following",
            "since",
        ],
        *[
            "before",
            "than",
            "then",
            "there",
            "their",
            "they",
            "he",
            "she",
            "his",
            "her",
            "we",
            "our",
            "us",
            "not",
            "no",
            "more",
            "most",
        ],
        *["about", "over", "into"],
    }
)


def link_events(events: list[Event], articles: list[Article]) -> list[Event]:
    """The events with ``after`` and ``changes`` filled in (see module doc); order kept."""
    texts = {a.id: a.text for a in articles}
    after: dict[str, set[str]] = {e.id: set(e.after) for e in events}
    for article_id, text in texts.items():
        local = sorted((e for e in events if e.article == article_id), key=lambda e: e.start)
        for first, then in _ordered_pairs(local, text):
            if first.id != then.id:
                after[then.id].add(first.id)
    changes = _position_changes(events)
    return [
        e.model_copy(
            update={
                "after": sorted(after[e.id]),
                "changes": e.changes or changes.get(e.id),
            }
        )
        for e in events
    ]


# --------------------------------------------------------------------------- ordering


def _ordered_pairs(local: Sequence[Event], text: str) -> list[tuple[Event, Event]]:
    """(earlier, later) pairs the text orders with 'after', 'following', 'since', 'followed by'."""
    pairs: list[tuple[Event, Event]] = []
    for sentence_start, sentence_end in _sentences(text):
        inside = [e for e in local if sentence_start <= e.start < sentence_end]
        if len(inside) < 2:
            continue
        sentence = text[sentence_start:sentence_end]
        for cue in _ORDER_AFTER.finditer(sentence):
            at = sentence_start + cue.start()
            before_cue = [e for e in inside if e.end <= at or e.start < at < e.end]
            after_cue = [e for e in inside if e.start > at]
            if before_cue and after_cue:
                # "X, after Y": Y happened first.
                pairs.append((after_cue[0], before_cue[-1]))
        for cue in _ORDER_FOLLOWED.finditer(sentence):
            at = sentence_start + cue.start()
            before_cue = [e for e in inside if e.start < at]
            after_cue = [e for e in inside if e.start >= at + len(cue.group())]
            if before_cue and after_cue:
                # "Y, followed by X": Y happened first.
                pairs.append((before_cue[-1], after_cue[0]))
    return [(a, b) for a, b in pairs if _consistent(a, b)]


def _consistent(first: Event, then: Event) -> bool:
    """The text's order must not contradict the calendar (a sign the cue was misread)."""
    return first.date[: len(then.date)] <= then.date[: len(first.date)] or first.date[:4] <= then.date[:4]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’]?\s+|\n+", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


# --------------------------------------------------------------------------- position changes


def _position_changes(events: Sequence[Event]) -> dict[str, str]:
    """Later event id → the earlier event id whose position it changes."""
    found: dict[str, str] = {}
    dated = sorted(events, key=lambda e: e.date)
    for n, later in enumerate(dated):
        later_words = _words(later.text)
        for earlier in reversed(dated[:n]):
            if not _is_later(earlier.date, later.date):
                continue
            earlier_words = _words(earlier.text)
            if not _shifts(earlier_words, later_words):
                continue
            if not (_same_actor(earlier, later) or _same_topic(earlier, later, earlier_words, later_words)):
                continue
            found[later.id] = earlier.id
            break
    return found


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _is_later(first: str, then: str) -> bool:
    """True when ``then`` is after ``first`` at the coarser of the two precisions."""
    size = min(len(first), len(then))
    return then[:size] > first[:size]


def _same_actor(a: Event, b: Event) -> bool:
    if a.actors and b.actors:
        return bool(set(a.actors) & set(b.actors))
    # No resolved actors: the same capitalised subject words (a party, a council) on both sides.
    return bool(_names(a.text) & _names(b.text))


def _same_topic(a: Event, b: Event, words_a: set[str], words_b: set[str]) -> bool:
    """With no actor on one side ("the national leadership called for …"), a shared topic word
    beside the stance shift ("humanitarian" pauses → "humanitarian" ceasefire) will do."""
    if a.actors and b.actors:
        return False
    stance = {w for pair in _STANCES for side in pair for w in side}
    return any(len(w) >= 6 for w in (words_a & words_b) - stance)


def _names(text: str) -> set[str]:
    return {w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", text) if w.lower() not in _STOP}


def _shifts(earlier: set[str], later: set[str]) -> bool:
    """A softer stance word earlier and a firmer (or reversed) one later."""
    for soft, firm in _STANCES:
        if earlier & soft and later & firm and not (later & soft and earlier & firm):
            return True
    return False


__all__ = ["link_events"]
