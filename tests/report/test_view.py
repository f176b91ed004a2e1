"""The report's view helpers on hand-made items: how figures read and which claim they are in."""

from __future__ import annotations

import pytest

from storyline.model import Conflict, ConflictItem, Dossier, Number
from storyline.report.view import conflict_for_numbers, format_date, format_number, number_at

SENTENCE = "The raiders killed about 1,400 people and took more than 200 hostages."


def _number(n: int, figure: str, value: float, approx: str | None, key: str) -> Number:
    start = SENTENCE.index(figure)
    return Number(
        id=f"a:n{n}",
        article="a",
        start=start,
        end=start + len(figure),
        text=figure,
        value=value,
        approx=approx,
        key=key,
        about=key,
    )


KILLED = _number(0, "about 1,400", 1400, "about", "people killed")
TAKEN = _number(1, "more than 200", 200, "more than", "hostage taken")
# A conflict item cites the whole sentence; only its value says which figure is disputed.
CONFLICT = Conflict(
    id="c1",
    about="people killed (2023-10-07)",
    items=[ConflictItem(article="a", start=0, end=len(SENTENCE), text=SENTENCE, value=1400)],
)
DOSSIER = Dossier(numbers=[KILLED, TAKEN], conflicts=[CONFLICT])


def test_a_conflict_does_not_spread_to_another_figure_of_its_sentence() -> None:
    assert conflict_for_numbers(DOSSIER, "people killed", [KILLED]) is CONFLICT
    assert conflict_for_numbers(DOSSIER, "hostages taken", [TAKEN]) is None


def test_number_at_picks_the_figure_with_the_items_value() -> None:
    item = CONFLICT.items[0]
    assert number_at(DOSSIER.model_copy(update={"numbers": [TAKEN, KILLED]}), item) == KILLED


def test_vague_quantities_read_as_written() -> None:
    text = "Thousands of people marched, and tens of thousands watched."
    thousands = Number(
        id="b:n0", article="b", start=0, end=12, text="Thousands of", value=1000, approx="thousands of"
    )
    start = text.index("tens of thousands")
    tens = Number(
        id="b:n1",
        article="b",
        start=start,
        end=start + 17,
        text="tens of thousands",
        value=10000,
        approx="tens of",
    )
    assert format_number(thousands) == "thousands"
    assert format_number(tens) == "tens of thousands"
    assert format_number(KILLED) == "about 1,400"


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2024-02-10", "10 Feb 2024"),
        ("2024-02", "Feb 2024"),
        ("2023-W43", "week of 23 Oct 2023"),
        ("2024-Q1", "Q1 2024"),
        ("2023-SU", "summer 2023"),
        ("2023-10-26TNI", "26 Oct 2023, night"),
        ("2023-W99", "2023-W99"),
        ("PAST_REF", "PAST_REF"),
        (None, "undated"),
    ],
)
def test_format_date_reads_every_timex_shape(iso: str | None, shown: str) -> None:
    assert format_date(iso) == shown
