"""Time expressions: extents and TIMEX3 values against a fixed publication date.

Sentences are invented for these tests. Tests that load the spaCy model are marked slow.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.annotate import load_nlp
from storyline.extract.timex import extract_timexes
from storyline.model import TimeExpression

# Thursday 7 March 2024, ISO week 10.
DCT = dt.date(2024, 3, 7)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _extract(nlp: Language, text: str, published: dt.date | None = DCT) -> list[TimeExpression]:
    return extract_timexes(nlp(text), "a1", published)


CASES = [
    ("The council voted on Monday to close the library.", "Monday", "2024-03-04"),
    ("Ministers will meet again on Monday in Leeds.", "Monday", "2024-03-11"),
    ("The ferry sank in February after a storm.", "February", "2024-02"),
    ("The committee approved the plan on 14 November.", "14 November", "2023-11-14"),
    ("Applications must arrive by 28 January 2025.", "28 January 2025", "2025-01-28"),
    ("Prices rose sharply last week across the region.", "last week", "2024-W09"),
    ("The mayor said this week that rents are too high.", "this week", "2024-W10"),
    ("The strike lasted two months and ended quietly.", "two months", "P2M"),
    ("The bridge was repaired three days ago by volunteers.", "three days ago", "2024-03-04"),
    ("Sales in the third quarter fell by a fifth.", "the third quarter", "2023-Q3"),
    ("Turnout was higher in 2022 than ever before.", "2022", "2022"),
    ("The firm opened its first shop in March 2019.", "March 2019", "2019-03"),
    ("The river flooded yesterday, residents said.", "yesterday", "2024-03-06"),
    ("The port is now closed to large ships.", "now", "PRESENT_REF"),
    ("The mill was busy in the 1990s and quiet later.", "the 1990s", "199"),
    ("The union signed the deal on Oct. 7, 2023, in Hull.", "Oct. 7, 2023", "2023-10-07"),
    ("Inspectors visit the plant daily to check the pumps.", "daily", "P1D"),
    ("Fares went up last year and again this year.", "last year", "2023"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "extent", "value"), CASES)
def test_timex_extent_and_value(nlp: Language, text: str, extent: str, value: str) -> None:
    items = _extract(nlp, text)
    found = {item.text: item.value for item in items}
    assert found.get(extent) == value, found


@pytest.mark.slow
def test_timex_leading_preposition_is_not_in_extent(nlp: Language) -> None:
    items = _extract(nlp, "The vote took place on Thursday, officials said.")
    assert [item.text for item in items] == ["Thursday"]


@pytest.mark.slow
def test_timex_types_and_precision(nlp: Language) -> None:
    items = _extract(nlp, "The talks lasted two weeks and ended in February.")
    by_text = {item.text: item for item in items}
    assert by_text["two weeks"].type == "DURATION"
    assert by_text["two weeks"].precision is None
    assert by_text["February"].type == "DATE"
    assert by_text["February"].precision == "month"


@pytest.mark.slow
def test_timex_without_publication_date_invents_nothing(nlp: Language) -> None:
    items = _extract(nlp, "The bank reopened on 7 October and closed again yesterday.", published=None)
    values = {item.text: item.value for item in items}
    assert values["7 October"] == "XXXX-10-07"
    assert values["yesterday"].startswith("XXXX")


@pytest.mark.slow
def test_timex_no_date_gives_nothing(nlp: Language) -> None:
    assert _extract(nlp, "The baker sells bread and cakes to the village.") == []


@pytest.mark.slow
def test_timex_ids_in_text_order_and_offsets_slice_back(nlp: Language) -> None:
    text = "On Monday the plant shut; by 2 March it had reopened, and next month it expands."
    items = _extract(nlp, text)
    assert [item.id for item in items] == [f"a1:t{n}" for n in range(len(items))]
    assert [item.start for item in items] == sorted(item.start for item in items)
    for item in items:
        assert text[item.start : item.end] == item.text


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(
            [
                "the",
                "on",
                "Monday",
                "May",
                "2023",
                "last",
                "week",
                "ago",
                "three",
                "days",
                "now",
                "7",
                "Oct.",
                ",",
                "since",
                "years",
                "quarter",
                "third",
                "noon",
                "'s",
                "\n",
            ]
        ),
        max_size=25,
    ),
    noise=st.text(max_size=20),
)
def test_timex_random_text_never_crashes_and_slices_back(nlp: Language, words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    for item in extract_timexes(nlp(text), "r", DCT):
        assert text[item.start : item.end] == item.text
        assert item.end > item.start


ISSUE5_CASES = [
    # A month-day just after the DCT, named with a past-tense verb, is still this year's.
    ("The deadline was extended to 20 March, the agency said.", "20 March", "2024-03-20"),
    # 'last May' in March is last year's May.
    ("The two mayors signed the pact last May.", "last May", "2023-05"),
    # A quantity anchored on another event is a duration; 'before' is not in the extent.
    ("The dam failed less than two months before the local elections.", "less than two months", "P2M"),
    ("Three days later the pumps were running again.", "Three days", "P3D"),
    (
        "Residents expect more floods in the months and years to come.",
        "the months and years to come",
        "FUTURE_REF",
    ),
    ("The town has grown since the start of the war.", "the start of the war", "PAST_REF"),
    ("Voters will be more careful with their vote this time.", "this time", "PRESENT_REF"),
    ("The keepers guarded the ferry for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("In nineteen ninety-one the mill closed.", "nineteen ninety-one", "1991"),
    ("Talks broke off at noon Thursday, the union said.", "noon Thursday", "2024-03-07T12:00"),
]


@pytest.mark.slow
@pytest.mark.issue(5)
@pytest.mark.parametrize(("text", "extent", "value"), ISSUE5_CASES)
def test_timex_issue5_values(nlp: Language, text: str, extent: str, value: str) -> None:
    found = {item.text: item.value for item in _extract(nlp, text)}
    assert found.get(extent) == value, found


@pytest.mark.slow
@pytest.mark.issue(5)
def test_timex_lowercase_election_day_is_not_the_us_holiday(nlp: Language) -> None:
    items = _extract(nlp, "Volunteers ran the polling stations on election day, he said.")
    assert all(not item.value.startswith("2023-11") for item in items)


# Rules added against TempEval-3 dev (TimeBank conventions), checked on invented sentences.
TE3_RULE_CASES = [
    # A bound stays in the extent; 'at least' is not cut back to 'least'.
    ("The ferry service was suspended for at least 30 days.", "at least 30 days", "P30D"),
    # A hedge goes but the article, the number one, stays.
    ("The rescue took over an hour, the crew said.", "an hour", "PT1H"),
    # 'evening' and 'afternoon' after a weekday give a time of day.
    ("Protesters gathered outside the court on Friday evening.", "Friday evening", "2024-03-01TEV"),
    # A deferral's 'until' looks ahead even after a past-tense verb.
    ("The regulator postponed the vote until Tuesday.", "Tuesday", "2024-03-12"),
    # An article before anything but a quantity is the noun's, not the expression's.
    ("The brewer reported a fourth-quarter loss.", "fourth-quarter", "2023-Q4"),
    ("Police published the Aug. 7, 2023 report in full.", "Aug. 7, 2023", "2023-08-07"),
    ("The group said profit fell in the 2022 third quarter.", "the 2022 third quarter", "2022-Q3"),
    ("The two leaders had met the previous Friday in Oslo.", "the previous Friday", "2024-03-01"),
    ("The roof was repaired this past summer.", "this past summer", "2023-SU"),
    ("The plant will close within the next two years or so.", "the next two years or so", "P2Y"),
    ("Shares in the bank fell for eight trading days.", "eight trading days", "P8D"),
    ("The plan covers the next couple of years.", "the next couple of years", "P2Y"),
    ("The tape dates from January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
    ("The band was famous in the nineties.", "the nineties", "199"),
    ("Sales will rise in the current fiscal year, the board said.", "the current fiscal year", "2024"),
    # Decades and centuries are counted in years; 'half a' is a half, not one.
    ("The feud between the villages has gone on for decades.", "decades", "PXY"),
    ("The dam took half a century to build.", "half a century", "P50Y"),
    ("The mine was closed for half a year.", "half a year", "P6M"),
    ("The march set off at midday, organisers said.", "midday", "2024-03-07T12:00"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "extent", "value"), TE3_RULE_CASES)
def test_timex_te3_rule_values(nlp: Language, text: str, extent: str, value: str) -> None:
    found = {item.text: item.value for item in _extract(nlp, text)}
    assert found.get(extent) == value, found
