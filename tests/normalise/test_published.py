"""Publication-date inference from invented article text (issue 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.normalise.published import infer_published

TODAY = dt.date(2026, 6, 1)


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    ("text", "date"),
    [
        # 26 October fell on a Thursday in 2023 (and in 2028, which is after today).
        ("A councillor quit the party on Thursday (October 26) night.", "2023-10-26"),
        # 10 March was a Sunday in 2024 and in 2019; the mention of 2022 rules out 2019.
        ("The show airs on Sunday, 10 March at noon. The club was founded in 2022.", "2024-03-10"),
        # A stated year that agrees with its weekday is taken as it is.
        ("The ferry sailed on Friday, 5 June 2015, from Hull.", "2015-06-05"),
    ],
)
def test_published_weekday_fixes_year(text: str, date: str) -> None:
    inferred = infer_published(text, today=TODAY)
    assert inferred is not None
    assert inferred[0] == date
    assert inferred[1].startswith("inferred:")


@pytest.mark.issue(5)
def test_published_deadline_bounds_from_above() -> None:
    # 10 March was a Sunday in 2024 and 2030; a deadline in 2025 means the text is older.
    text = "The vote must happen by 28 January 2025. The debate is on Sunday, 10 March."
    inferred = infer_published(text, today=dt.date(2031, 1, 1))
    assert inferred is not None and inferred[0] == "2024-03-10"


@pytest.mark.issue(5)
def test_published_latest_date_bounds_from_below() -> None:
    # 4 March was a Monday in 2024 and in 2019; the text already reports 7 October 2023.
    text = "Since the raid on 7 October 2023 the town has changed. The council met on Monday, 4 March."
    inferred = infer_published(text, today=dt.date(2026, 1, 1))
    assert inferred is not None and inferred[0] == "2024-03-04"


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    "text",
    [
        "The council met on Monday to discuss the bridge.",  # a weekday alone
        "The bridge opened in 2019 and closed on 3 May 2021.",  # bounds only: no day
        "A weekday and a date that disagree: Friday, 5 June 2016.",
        "",
    ],
)
def test_published_abstains_without_evidence(text: str) -> None:
    assert infer_published(text, today=TODAY) is None


@given(st.text(max_size=200))
def test_published_never_crashes(text: str) -> None:
    result = infer_published(text, today=TODAY)
    if result is not None:
        dt.date.fromisoformat(result[0])
