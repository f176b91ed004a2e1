"""link_events on hand-built events: the text's order and position changes (issue 5)."""

from __future__ import annotations

import pytest

from storyline.model import Article, Event, Precision
from storyline.resolve.event_links import link_events

TEXT = (
    "The Harwick board approved the bridge levy on 3 May, after residents petitioned on 1 April. "
    "The Harwick board backed humanitarian pauses to the works in June. "
    "In September the Harwick board called for a full ceasefire on the works."
)


def _article() -> Article:
    return Article(id="a1", source="a1.txt", format="plain", text=TEXT)


def _event(
    n: int, clause: str, date: str, precision: Precision = "day", actors: list[str] | None = None
) -> Event:
    start = TEXT.index(clause)
    return Event(
        id=f"a1:v{n}",
        article="a1",
        start=start,
        end=start + len(clause),
        text=clause,
        date=date,
        precision=precision,
        actors=actors or [],
    )


@pytest.mark.issue(5)
def test_timeline_after_cue_puts_petition_first() -> None:
    levy = _event(0, "The Harwick board approved the bridge levy on 3 May", "2025-05-03")
    petition = _event(1, "residents petitioned on 1 April", "2025-04-01")
    linked = link_events([levy, petition], [_article()])
    assert linked[0].after == ["a1:v1"]
    assert linked[1].after == []


@pytest.mark.issue(5)
def test_timeline_position_change_pauses_to_ceasefire() -> None:
    pauses = _event(
        0, "The Harwick board backed humanitarian pauses to the works in June", "2025-06", "month"
    )
    ceasefire = _event(
        1, "In September the Harwick board called for a full ceasefire on the works", "2025-09", "month"
    )
    linked = link_events([ceasefire, pauses], [_article()])
    assert linked[0].changes == "a1:v0"
    assert linked[1].changes is None


@pytest.mark.issue(5)
def test_timeline_no_change_between_different_actors() -> None:
    pauses = _event(
        0, "The Harwick board backed humanitarian pauses to the works in June", "2025-06", "month", ["e1"]
    )
    ceasefire = _event(
        1,
        "In September the Harwick board called for a full ceasefire on the works",
        "2025-09",
        "month",
        ["e2"],
    )
    linked = link_events([pauses, ceasefire], [_article()])
    assert [e.changes for e in linked] == [None, None]


def test_timeline_keeps_order_and_ids_on_empty_and_single() -> None:
    assert link_events([], [_article()]) == []
    one = _event(0, "residents petitioned on 1 April", "2025-04-01")
    assert link_events([one], [_article()]) == [one]
