"""Compare on hand-built numbers: conflicts, agreements, vague figures, and the value ranges."""

from __future__ import annotations

import math

import pytest

from storyline.compare import compare_claims, compare_numbers, support_claims, value_range
from storyline.model import Article, Cite, Claim, Number

SENTENCE = "Attacks killed about 1,200 people on 7 October."


def _article(article_id: str, published: str | None, outlet: str | None = None) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        format="plain",
        text=SENTENCE,
        published=published,
        outlet=outlet,
    )


def _number(
    article: str,
    value: float,
    approx: str | None = "about",
    key: str | None = "people killed",
    date: str | None = "2023-10-07",
    unit: str | None = None,
    value_max: float | None = None,
    start: int = 15,
) -> Number:
    return Number(
        id=f"{article}:n{start}",
        article=article,
        start=start,
        end=start + 11,
        text=SENTENCE[start : start + 11],
        value=value,
        value_max=value_max,
        approx=approx,
        unit=unit,
        key=key,
        date=date,
        sentence=Cite(article=article, start=0, end=len(SENTENCE), text=SENTENCE),
    )


ARTICLES = [_article("a", "2023-10-26", "Outlet A"), _article("b", "2024-03-10", "Outlet B")]


def test_compare_conflict_with_months_apart_note() -> None:
    conflicts, agreements = compare_numbers([_number("b", 1200), _number("a", 1400)], ARTICLES)
    assert agreements == []
    (conflict,) = conflicts
    assert conflict.id == "c1"
    assert conflict.kind == "number"
    assert conflict.about == "people killed (2023-10-07)"
    assert {i.value for i in conflict.items} == {1200, 1400}
    assert {(i.article, i.outlet, i.published) for i in conflict.items} == {
        ("a", "Outlet A", "2023-10-26"),
        ("b", "Outlet B", "2024-03-10"),
    }
    assert all(i.text == SENTENCE for i in conflict.items)
    assert conflict.note == "The articles are 4 months apart: the figure may have been revised."


@pytest.mark.parametrize(
    ("dates", "note"),
    [
        (("2024-03-10", "2024-03-10"), None),
        (("2024-03-10", "2024-03-15"), "The articles are 5 days apart: the figure may have been revised."),
        (("2024-03-10", None), "Not every article has a known date, so a revision cannot be ruled out."),
    ],
)
def test_compare_conflict_note_by_date_gap(dates: tuple[str, str | None], note: str | None) -> None:
    articles = [_article("a", dates[0]), _article("b", dates[1])]
    (conflict,) = compare_numbers([_number("a", 1200), _number("b", 1400)], articles)[0]
    assert conflict.note == note


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("about", 1400), (None, 1400)),
        (("about", 1400), ("about", 1380)),
        (("more than", 200), ("at least", 250)),
    ],
)
def test_compare_compatible_figures_agree(
    first: tuple[str | None, float], second: tuple[str | None, float]
) -> None:
    numbers = [_number("a", first[1], approx=first[0]), _number("b", second[1], approx=second[0])]
    conflicts, agreements = compare_numbers(numbers, ARTICLES)
    assert conflicts == []
    (agreement,) = agreements
    assert agreement.id == "a1"
    assert {i.article for i in agreement.items} == {"a", "b"}


@pytest.mark.parametrize("approx", ["hundreds of", "tens of", "thousands of"])
def test_compare_vague_figures_never_conflict(approx: str) -> None:
    numbers = [_number("a", 100, approx=approx), _number("b", 1400)]
    assert compare_numbers(numbers, ARTICLES) == ([], [])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"key": "people killed"}, {"key": "people injured"}),
        ({"date": "2023-10-07"}, {"date": "2023-10-08"}),
        ({"key": None}, {"key": None}),
        ({"unit": "%", "key": "% voters"}, {"unit": "%", "key": "% voters"}),
    ],
    ids=["key", "date", "no-key", "percent"],
)
def test_compare_unaligned_numbers_never_compared(first: dict[str, str], second: dict[str, str]) -> None:
    numbers = [_number("a", 1200, **first), _number("b", 1400, **second)]  # type: ignore[arg-type]
    assert compare_numbers(numbers, ARTICLES) == ([], [])


def test_compare_same_article_never_conflicts_with_itself() -> None:
    numbers = [_number("a", 1200, start=0), _number("a", 1400, start=15)]
    assert compare_numbers(numbers, ARTICLES) == ([], [])


def test_compare_first_figure_of_each_article_stands_for_it() -> None:
    numbers = [_number("a", 1400, start=15), _number("a", 300, start=30), _number("b", 1400)]
    conflicts, agreements = compare_numbers(numbers, ARTICLES)
    assert conflicts == []
    assert sorted(i.value for i in agreements[0].items) == [1400, 1400]


@pytest.mark.parametrize(
    ("approx", "value", "value_max", "expected"),
    [
        (None, 100, None, (90, 110)),
        (None, 1200, None, (1150, 1250)),
        (None, 640, None, (640, 640)),
        ("about", 1000, None, (900, 1100)),
        ("about", 1234, None, (1172.3, 1295.7)),
        ("around", 200, None, (180, 220)),
        ("some", 200, None, (180, 220)),
        ("more than", 200, None, (200 + 1e-9, math.inf)),
        ("over", 200, None, (200 + 1e-9, math.inf)),
        ("upwards of", 200, None, (200 + 1e-9, math.inf)),  # ends in "of" but is not vague
        ("at least", 200, None, (200, math.inf)),
        ("up to", 200, None, (0.0, 200)),
        ("as many as", 200, None, (0.0, 200)),
        ("fewer than", 200, None, (0.0, 200 - 1e-9)),
        ("nearly", 200, None, (180, 200)),
        ("almost", 200, None, (180, 200)),
        (None, 10, 15, (10, 15)),
        ("hundreds of", 100, None, None),
        ("tens of", 10_000, None, None),
    ],
)
def test_compare_value_range(
    approx: str | None, value: float, value_max: float | None, expected: tuple[float, float] | None
) -> None:
    result = value_range(_number("a", value, approx=approx, value_max=value_max))
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.issue(6)
@pytest.mark.parametrize(
    ("first", "second"),
    [((3, None), (2, None)), ((300, None), (1400, None))],
    ids=["small-counts", "different-order"],
)
def test_compare_implausible_contradictions_not_flagged(
    first: tuple[float, str | None], second: tuple[float, str | None]
) -> None:
    numbers = [_number("a", first[0], approx=first[1]), _number("b", second[0], approx=second[1])]
    assert compare_numbers(numbers, ARTICLES)[0] == []


def _stock(article: str, value: float, sentence: str) -> Number:
    start = sentence.index(f"{value:,.0f}")
    return Number(
        id=f"{article}:n0",
        article=article,
        start=start,
        end=start + len(f"{value:,.0f}"),
        text=f"{value:,.0f}",
        value=value,
        key="home",
        sentence=Cite(article=article, start=0, end=len(sentence), text=sentence),
    )


@pytest.mark.issue(6)
def test_compare_stock_figures_need_similar_wording_to_conflict() -> None:
    same = "The Wend embankment would protect 1,400 homes in Harwick from floods."
    other = "The Wend embankment would protect 1,250 homes in Harwick from floods."
    unrelated = "A developer plans 1,250 homes on farmland east of the bypass next year."
    assert len(compare_numbers([_stock("a", 1400, same), _stock("b", 1250, other)], ARTICLES)[0]) == 1
    assert compare_numbers([_stock("a", 1400, same), _stock("b", 1250, unrelated)], ARTICLES) == ([], [])


POSITION = "Harwick has a right to defend its homes"


def _claim(
    article: str, predicate: str = "have", source: str | None = None, number: str | None = None
) -> Claim:
    return Claim(
        id=f"{article}:c0",
        article=article,
        start=0,
        end=len(POSITION),
        text=POSITION,
        subject="Harwick",
        predicate=predicate,
        source=source,
        number=number,
        key="harwick|have|right defend",
    )


def _position_articles(*ids: str) -> list[Article]:
    return [
        Article(
            id=i, source=f"{i}.txt", format="plain", text=POSITION, published="2024-03-10", outlet=i.upper()
        )
        for i in ids
    ]


@pytest.mark.issue(6)
def test_compare_claims_same_position_in_two_outlets_is_text_agreement() -> None:
    claims = [_claim("a", source="Maria Okafor"), _claim("b", source="council spokesman")]
    conflicts, agreements = compare_claims(claims, _position_articles("a", "b"))
    assert conflicts == []
    (agreement,) = agreements
    assert (agreement.id, agreement.kind) == ("at1", "text")
    assert {i.article for i in agreement.items} == {"a", "b"}
    assert all(i.text == POSITION for i in agreement.items)
    assert "Maria Okafor" in agreement.about


@pytest.mark.issue(6)
def test_compare_claims_negated_position_is_text_conflict() -> None:
    claims = [_claim("a"), _claim("b", predicate="not have")]
    conflicts, agreements = compare_claims(claims, _position_articles("a", "b"))
    assert agreements == []
    (conflict,) = conflicts
    assert (conflict.id, conflict.kind) == ("ct1", "text")


@pytest.mark.issue(6)
def test_compare_claims_number_claims_and_single_sources_left_alone() -> None:
    articles = _position_articles("a", "b")
    assert compare_claims([_claim("a")], articles) == ([], [])
    assert compare_claims([_claim("a", number="a:n0"), _claim("b", number="b:n0")], articles) == ([], [])


@pytest.mark.issue(6)
def test_compare_support_claims_marks_single_source() -> None:
    other = _claim("c").model_copy(update={"key": "council|approve|scheme"})
    supported = support_claims([_claim("a"), _claim("b"), other])
    assert [c.support for c in supported] == [["a", "b"], ["a", "b"], ["c"]]
