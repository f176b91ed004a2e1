"""Compare on hand-built numbers: conflicts, agreements, vague figures, and the value ranges."""

from __future__ import annotations

import math

import pytest

from storyline.compare import compare_numbers, value_range
from storyline.model import Article, Cite, Number

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
        (None, 100, None, (100, 100)),
        ("about", 1000, None, (950, 1050)),
        ("around", 200, None, (190, 210)),
        ("some", 200, None, (190, 210)),
        ("more than", 200, None, (200 + 1e-9, math.inf)),
        ("over", 200, None, (200 + 1e-9, math.inf)),
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
