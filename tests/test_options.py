"""The options tree reaches the library: reference_date, on_error, and W201's named items."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from report.sample import build_sample_dossier
from storyline.errors import InputError, StorylineWarning
from storyline.model import RawArticle, Skipped
from storyline.options import Options
from storyline.pipeline import _drop_misaligned, normalise_articles

_WORDS = " ".join(["The council met again to discuss the flood barrier and the repairs."] * 4)
_TEXT = f"On Tuesday, 4 March the river rose. {_WORDS}"


def _raw(text: str, source: str = "a.txt") -> RawArticle:
    return RawArticle(source=source, text=text, format="plain")


def test_reference_date_is_the_day_publication_dates_are_inferred_from() -> None:
    skipped: list[Skipped] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        early = normalise_articles([_raw(_TEXT)], Options(reference_date=dt.date(2021, 1, 1)), skipped)
        late = normalise_articles([_raw(_TEXT)], Options(reference_date=dt.date(2026, 1, 1)), skipped)
    # 4 March was a Tuesday in 2014, 2025 (and 2031): the latest one up to the reference date.
    assert early[0].published == "2014-03-04"
    assert late[0].published == "2025-03-04"


def test_on_error_raise_raises_for_an_unusable_article() -> None:
    with pytest.raises(InputError) as caught:
        normalise_articles([_raw("Too short.")], Options(on_error="raise"), [])
    assert caught.value.code == "S110"
    skipped: list[Skipped] = []
    assert normalise_articles([_raw("Too short.")], Options(), skipped) == []
    assert [s.code for s in skipped] == ["S110"]


def test_w201_names_the_kind_of_item_dropped() -> None:
    dossier = build_sample_dossier()
    quote = dossier.quotes[0]
    broken = quote.model_copy(update={"text": quote.text + " (misquoted)"})
    dossier = dossier.model_copy(update={"quotes": [broken, *dossier.quotes[1:]]})
    with pytest.warns(StorylineWarning, match=r"\[W201\] .*dropped a quote at") as caught:
        kept = _drop_misaligned(dossier)
    assert broken not in kept.quotes
    assert all("an item" not in str(w.message) for w in caught)
