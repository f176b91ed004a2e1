"""Number extraction on invented sentences, and the value parser on its own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from storyline.extract.numbers import extract_numbers, parse_value
from storyline.model import Number

ARTICLE = "art1"


def _numbers(nlp: Language, text: str) -> list[Number]:
    numbers = extract_numbers(nlp(text), ARTICLE)
    for number in numbers:
        assert text[number.start : number.end] == number.text
        assert number.sentence is not None
        assert text[number.sentence.start : number.sentence.end] == number.sentence.text
    return numbers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value", "approx", "unit", "key"),
    [
        ("About 1,400 homes along the river are at risk.", 1400, "about", None, "home"),
        ("More than 200 volunteers filled sandbags.", 200, "more than", None, "volunteer"),
        ("The £12m scheme was paused by the council.", 12_000_000, None, "GBP", "GBP scheme"),
        ("The scheme would cost £12m, the council said.", 12_000_000, None, "GBP", None),
        ("The council said the scheme would cost £12m.", 12_000_000, None, "GBP", None),
        ("Costs have risen by 27 per cent since then.", 27, None, "%", None),
        ("Tens of thousands of people marched through the city.", 10_000, "tens of", None, "people"),
        ("One in four residents are at risk, the group said.", 25, None, "%", "% residents"),
        ("Some 2.5 million people voted.", 2_500_000, "some", None, "people"),
        # A figure in words restated exactly in brackets: the bracketed figure is the value.
        ("One third of Labour voters (35 per cent) backed the plan.", 35, None, "%", "% labour voters"),
        ("Just over one in four (27 per cent) said they did not know.", 27, None, "%", None),
        ("About a third (32%) of homes were damaged.", 32, None, "%", "% homes"),
    ],
)
def test_numbers_value_approx_unit(
    nlp: Language, text: str, value: float, approx: str | None, unit: str | None, key: str | None
) -> None:
    numbers = _numbers(nlp, text)
    assert len(numbers) == 1, [(n.text, n.value) for n in numbers]
    number = numbers[0]
    assert (number.value, number.approx, number.unit) == (value, approx, unit)
    if key is not None:
        assert number.key == key


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The plan was approved in 2023 by the cabinet.",
        "The 63-year-old owner said the shop had flooded.",
        "Call 01632 960123 for details.",
        "Phone 01632 960 123 today or write in.",
        "Readers can call 01632 960 123 for details.",
        "The panel ruled 5-4 in favour of the council.",
    ],
    ids=["year", "age", "phone-joined", "phone-spaced", "phone-partial-entity", "tally"],
)
def test_numbers_not_numbers(nlp: Language, text: str) -> None:
    assert _numbers(nlp, text) == []


@pytest.mark.slow
def test_numbers_ids_and_article(nlp: Language) -> None:
    numbers = _numbers(nlp, "About 1,400 homes are at risk. More than 200 volunteers helped.")
    assert [n.id for n in numbers] == [f"{ARTICLE}:n0", f"{ARTICLE}:n1"]
    assert {n.article for n in numbers} == {ARTICLE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 1 , 200", (1200.0, None, None, None)),
        ("1,400", (1400.0, None, None, None)),
        ("£12m", (12_000_000.0, None, "GBP", None)),
        ("£2.5bn", (2_500_000_000.0, None, "GBP", None)),
        ("$40k", (40_000.0, None, "USD", None)),
        ("27 per cent", (27.0, None, "%", None)),
        ("27 %", (27.0, None, "%", None)),
        ("12.5 percent", (12.5, None, "%", None)),
        ("1.8 million", (1_800_000.0, None, None, None)),
        ("10 to 15", (10.0, 15.0, None, None)),
        ("£3m-£4m", (3_000_000.0, 4_000_000.0, "GBP", None)),
        ("3-4bn", (3_000_000_000.0, 4_000_000_000.0, None, None)),
        ("between 1,200 and 1,400", (1200.0, 1400.0, None, None)),
        ("£12m.", (12_000_000.0, None, "GBP", None)),
        ("tens of thousands", (10_000.0, None, None, "tens of")),
        ("hundreds of", (100.0, None, None, "hundreds of")),
        ("dozens of", (12.0, None, None, "dozens of")),
        ("one in four", (25.0, None, "%", None)),
        ("two in three", (66.67, None, "%", None)),
        ("a third", (33.33, None, "%", None)),
        ("two thirds", (66.67, None, "%", None)),
        ("a quarter", (25.0, None, "%", None)),
        ("twenty-five", (25.0, None, None, None)),
        ("three hundred thousand", (300_000.0, None, None, None)),
        ("a dozen", (12.0, None, None, None)),
        ("two dozen", (24.0, None, None, None)),
        ("no digits here", None),
        ("", None),
    ],
)
def test_numbers_parse_value(
    text: str, expected: tuple[float, float | None, str | None, str | None] | None
) -> None:
    assert parse_value(text) == expected


@pytest.mark.issue(6)
def test_numbers_parse_value_and_without_between_is_not_a_range() -> None:
    assert parse_value("1,200 and 1,400") == (1200.0, None, None, None)


@pytest.mark.slow
@pytest.mark.issue(6)
def test_numbers_sentence_end_scale_keeps_its_span_clean(nlp: Language) -> None:
    (number,) = _numbers(nlp, "The council said the scheme would cost £12m.")
    assert number.text == "£12m"


@pytest.mark.slow
@pytest.mark.issue(6)
@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("Between 1,200 and 1,400 people were killed in the raid.", 1200, 1400, None),
        ("The repairs will cost £3m-£4m, officials said.", 3_000_000, 4_000_000, "GBP"),
    ],
)
def test_numbers_ranges_in_text(
    nlp: Language, text: str, value: float, value_max: float, unit: str | None
) -> None:
    (number,) = _numbers(nlp, text)
    assert (number.value, number.value_max, number.unit) == (value, value_max, unit)


@pytest.mark.slow
@pytest.mark.issue(6)
@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        (
            "More than 4,000 people have been displaced, according to the Wendside flood authority.",
            "More than 4,000",
            "the Wendside flood authority",
        ),
        (
            "Overall, 41 per cent of Harwick residents would back the scheme, a survey of more than "
            "1,500 adults carried out by pollsters Civica found.",
            "41 per cent",
            "Civica",
        ),
        ("The Riverside Trust said 300 homes had flooded.", "300", "The Riverside Trust"),
        ("About 1,400 homes along the river are at risk.", "About 1,400", None),
    ],
    ids=["according-to", "survey-by", "said", "unattributed"],
)
def test_numbers_source(nlp: Language, text: str, figure: str, source: str | None) -> None:
    number = next(n for n in _numbers(nlp, text) if n.text == figure)
    assert number.source == source


@pytest.mark.slow
@pytest.mark.issue(6)
def test_numbers_about_says_which_people(nlp: Language) -> None:
    numbers = _numbers(nlp, "Overall, 41 per cent of Harwick residents would side with the council.")
    assert numbers[0].about == "Harwick residents side with council"
    numbers = _numbers(nlp, "The storm killed hundreds of sheep in Ashby Cross on Monday.")
    assert numbers[0].about == "sheep killed in Ashby Cross"


@given(st.text(max_size=60))
def test_numbers_parse_value_never_crashes(text: str) -> None:
    result = parse_value(text)
    if result is not None:
        value, value_max, unit, _ = result
        assert value >= 0
        assert unit in (None, "%", "GBP", "USD", "EUR", "JPY")
        assert value_max is None or isinstance(value_max, float)


@given(st.integers(min_value=1, max_value=10**9))
def test_numbers_parse_value_inverts_formatting(n: int) -> None:
    assert parse_value(f"{n:,}") == (float(n), None, None, None)
    assert parse_value(f"£{n}") == (float(n), None, "GBP", None)


@pytest.mark.slow
def test_restated_figure_cites_the_words_and_the_bracket(nlp: Language) -> None:
    text = "A survey found that one third of voters (35 per cent) backed the plan."
    (number,) = _numbers(nlp, text)
    assert number.text == "one third of voters (35 per cent)"
    assert (number.value, number.unit) == (35, "%")


@pytest.mark.slow
def test_about_keeps_the_verbs_particle(nlp: Language) -> None:
    (number,) = _numbers(nlp, "Volunteers set up 40 shelters in the town.")
    assert number.about == "shelters set up in town"


@pytest.mark.slow
def test_about_reads_the_verb_as_a_participle_after_its_object(nlp: Language) -> None:
    (number,) = _numbers(nlp, "The gang took 40 hostages from the harbour.")
    assert number.about == "hostages taken from harbour"
