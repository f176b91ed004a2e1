"""The seed story (three real articles in ../shared/seeds): the issue's done-when, end to end.

The articles are read from the shared folder, never copied here; without it these tests skip.
"""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from storyline.model import Article, Dossier, Entity, json_schema

pytestmark = pytest.mark.slow


def _tokenized(dossier: Dossier) -> Article:
    found = [a for a in dossier.articles if a.format == "tokenized-lowercase"]
    assert len(found) == 1, [a.format for a in dossier.articles]
    return found[0]


def _desai_article(dossier: Dossier) -> Article:
    found = [a for a in dossier.articles if "Desai" in a.text]
    assert len(found) == 1
    return found[0]


def _entity(dossier: Dossier, name: str) -> Entity:
    found = [e for e in dossier.entities if e.name == name]
    assert len(found) == 1, f"{name!r} not one entity: {[e.name for e in dossier.entities][:30]}"
    return found[0]


def test_pipeline_seeds_three_articles_none_skipped(seed_dossier: Dossier) -> None:
    assert len(seed_dossier.articles) == 3
    assert seed_dossier.skipped == []
    assert sorted(a.format for a in seed_dossier.articles) == ["plain", "plain", "tokenized-lowercase"]


def test_pipeline_seeds_dossier_validates(seed_dossier: Dossier) -> None:
    validator = Draft202012Validator(json_schema())
    assert list(validator.iter_errors(json.loads(seed_dossier.to_json()))) == []
    assert seed_dossier.check_spans() == []


def test_pipeline_seeds_tokenized_article_restored_to_cased_text(seed_dossier: Dossier) -> None:
    text = _tokenized(seed_dossier).text
    assert "Keir Starmer" in text
    assert "Hazel Simmons" in text
    assert "Labour's" in text or "Luton's" in text
    assert " ' s " not in text and " , " not in text
    letters = [c for c in text if c.isalpha()]
    assert sum(c.isupper() for c in letters) / len(letters) > 0.02


def test_pipeline_seeds_starmer_mentioned_in_every_article(seed_dossier: Dossier) -> None:
    starmer = _entity(seed_dossier, "Keir Starmer")
    assert starmer.type == "PERSON"
    assert {m.article for m in starmer.mentions} == {a.id for a in seed_dossier.articles}
    assert starmer.article_count == 3


def test_pipeline_seeds_desai_letter_quotes_attributed(seed_dossier: Dossier) -> None:
    article = _desai_article(seed_dossier)
    desai = _entity(seed_dossier, "Mustafa Desai")
    assert desai.type == "PERSON"
    his = [q for q in seed_dossier.quotes if q.article == article.id and q.speaker == desai.id]
    assert len(his) >= 5
    assert any("letter" in (q.medium or "") or q.kind == "direct" for q in his)
    assert desai.quote_count == len([q for q in seed_dossier.quotes if q.speaker == desai.id])


def test_pipeline_seeds_both_death_tolls_extracted(seed_dossier: Dossier) -> None:
    values = {n.value for n in seed_dossier.numbers}
    assert {1200.0, 1400.0} <= values


def test_pipeline_seeds_death_toll_conflict_months_apart(seed_dossier: Dossier) -> None:
    matching = [c for c in seed_dossier.conflicts if {i.value for i in c.items} == {1200.0, 1400.0}]
    assert len(matching) == 1, [(c.about, [i.value for i in c.items]) for c in seed_dossier.conflicts]
    conflict = matching[0]
    assert conflict.note is not None and "months apart" in conflict.note
    assert {i.article for i in conflict.items} == {
        _tokenized(seed_dossier).id,
        _desai_article(seed_dossier).id,
    }


def test_pipeline_seeds_every_summary_sentence_has_a_source(seed_dossier: Dossier) -> None:
    assert seed_dossier.summary
    for sentence in seed_dossier.summary:
        assert len(sentence.sources) >= 1
        assert sentence.sources[0].text == sentence.text


@pytest.mark.parametrize(("which", "date"), [("tokenized", "2024-03-10"), ("desai", "2023-10-26")])
def test_pipeline_seeds_inferred_publication_dates(seed_dossier: Dossier, which: str, date: str) -> None:
    article = _tokenized(seed_dossier) if which == "tokenized" else _desai_article(seed_dossier)
    assert article.published == date
    assert article.published_inferred is True
    assert article.published_reason and article.published_reason.startswith("inferred:")


@pytest.mark.slow
def test_pipeline_seeds_position_change_pauses_to_ceasefire(seed_dossier: Dossier) -> None:
    """Labour's October 'pauses' became a February call for a ceasefire: shown as a change."""
    by_id = {e.id: e for e in seed_dossier.events}
    changes = [(by_id[e.changes], e) for e in seed_dossier.events if e.changes in by_id]
    assert any(
        "pauses" in before.text and "ceasefire" in after.text and before.date < after.date
        for before, after in changes
    ), [(b.text[:40], a.text[:40]) for b, a in changes]


@pytest.mark.slow
def test_pipeline_seeds_timeline_dates(seed_dossier: Dossier) -> None:
    dates = {e.date for e in seed_dossier.events}
    assert {"2023-10-07", "2023-10-26", "2023-11-14", "2024-02", "2024-03-10", "2025-01-28"} <= dates


@pytest.mark.slow
def test_pipeline_seeds_election_day_is_not_the_us_holiday(seed_dossier: Dossier) -> None:
    """ "election day" in a UK story is that election's day (unknown), not 7 November 2023."""
    assert all(e.date != "2023-11-07" for e in seed_dossier.events)
