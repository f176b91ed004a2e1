"""Dated happenings from time expressions (issue 5). Sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from storyline.annotate import load_nlp
from storyline.extract.events import extract_events
from storyline.extract.timex import extract_timexes


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.slow
@pytest.mark.issue(5)
def test_events_dated_clause_and_no_event_for_anchored_duration(nlp: Language) -> None:
    text = (
        "The Harwick board voted on 14 November to halt the levy. "
        "The dam failed less than two months before the local elections."
    )
    doc = nlp(text)
    events = extract_events(doc, "a1", extract_timexes(doc, "a1", dt.date(2024, 3, 7)))
    assert [(e.date, e.precision) for e in events] == [("2023-11-14", "day")]
    assert "voted" in events[0].text
    assert text[events[0].start : events[0].end] == events[0].text


@pytest.mark.slow
def test_events_present_tense_position_is_dated_to_publication(nlp) -> None:
    from storyline.extract.events import extract_position_events

    text = (
        "The Harbour Party's official stance is that it supports humanitarian pauses in the dispute.\n"
        "The mayor visited the quay on Tuesday."
    )
    events = extract_position_events(nlp(text), "a1", "2025-03-14", [])
    assert [e.date for e in events] == ["2025-03-14"]
    assert events[0].text.startswith("The Harbour Party's official stance")
    assert text[events[0].start : events[0].end] == events[0].text


@pytest.mark.slow
def test_events_position_needs_a_publication_date(nlp) -> None:
    from storyline.extract.events import extract_position_events

    text = "The Harbour Party's official stance is that it supports humanitarian pauses in the dispute."
    assert extract_position_events(nlp(text), "a1", None, []) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # A relative clause reads from the noun it is about, not from "which".
        (
            "The council approved a levy, which the board collected on 14 November, to pay for the wall.",
            "a levy, which the board collected on 14 November",
        ),
        # A leading subordinator is not part of what happened.
        (
            "The mayor resigned after the river flooded the town on 3 March.",
            "the river flooded the town on 3 March",
        ),
    ],
)
def test_events_clause_reads_as_a_statement(nlp: Language, text: str, clause: str) -> None:
    doc = nlp(text)
    events = extract_events(doc, "a1", extract_timexes(doc, "a1", dt.date(2024, 3, 7)))
    assert [e.text for e in events] == [clause]
