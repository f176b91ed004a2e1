"""The dossier model: committed schema, validation, round trips and span checks on real dossiers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from storyline.model import SCHEMA_ID, Dossier, json_schema

REQUIRED_KEYS = ("articles", "entities", "quotes", "numbers", "events", "conflicts", "summary")
DOSSIERS = ["example_dossier", pytest.param("seed_dossier", marks=pytest.mark.slow)]


@pytest.fixture(params=DOSSIERS)
def dossier(request: pytest.FixtureRequest) -> Dossier:
    return request.getfixturevalue(request.param)


def test_model_committed_schema_matches_model(repo_root: Path) -> None:
    committed = json.loads((repo_root / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/dossier.schema.json is stale: run `make schema`"


def test_model_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.slow
def test_model_dossier_validates_against_schema(dossier: Dossier) -> None:
    validator = Draft202012Validator(json_schema())
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(dossier.to_json()))
    ]
    assert errors == []


@pytest.mark.slow
def test_model_dossier_has_required_keys_and_schema_id(dossier: Dossier) -> None:
    data = json.loads(dossier.to_json())
    assert data["schema"] == SCHEMA_ID == "storyline.dossier/1"
    for key in REQUIRED_KEYS:
        assert key in data
    assert data["articles"]


@pytest.mark.slow
def test_model_json_round_trip_is_equal(dossier: Dossier) -> None:
    again = Dossier.from_json(dossier.to_json())
    assert again == dossier
    assert again.to_json() == dossier.to_json()


@pytest.mark.slow
def test_model_check_spans_empty_on_real_dossier(dossier: Dossier) -> None:
    assert dossier.check_spans() == []


@pytest.mark.slow
def test_model_every_cite_slices_back_to_its_text(dossier: Dossier) -> None:
    texts = {a.id: a.text for a in dossier.articles}
    cites = dossier.iter_cites()
    assert cites
    for cite in cites:
        assert texts[cite.article][cite.start : cite.end] == cite.text


@pytest.mark.slow
@pytest.mark.parametrize("group", ["quotes", "numbers", "entities"])
def test_model_check_spans_reports_corrupted_offset(dossier: Dossier, group: str) -> None:
    items = getattr(dossier, group)
    if not items:
        pytest.skip(f"no {group} in this dossier")
    first = items[0]
    if group == "entities":
        mention = first.mentions[0].model_copy(update={"start": first.mentions[0].start + 1})
        broken_item = first.model_copy(update={"mentions": [mention, *first.mentions[1:]]})
    else:
        broken_item = first.model_copy(update={"start": first.start + 1})
    broken = dossier.model_copy(update={group: [broken_item, *items[1:]]})
    article = first.mentions[0].article if group == "entities" else first.article
    problems = broken.check_spans()
    assert problems
    assert any(article in p for p in problems)


def test_model_check_spans_reports_unknown_article() -> None:
    from storyline.model import Article, Cite, SummarySentence

    article = Article(id="a1", source="x", format="plain", text="Hello world.")
    dossier = Dossier(
        articles=[article],
        summary=[SummarySentence(text="Hello", sources=[Cite(article="zz", start=0, end=5, text="Hello")])],
    )
    assert dossier.check_spans() == ["cite points to unknown article zz"]
