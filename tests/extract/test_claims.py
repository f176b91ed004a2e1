"""Claim extraction on invented sentences: number claims, reported positions, aligned keys."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract.claims import claim_key, extract_claims
from storyline.extract.numbers import extract_numbers
from storyline.model import Claim

pytestmark = pytest.mark.issue(6)


def _claims(nlp: Language, text: str, article: str = "art1") -> list[Claim]:
    doc = nlp(text)
    claims = extract_claims(doc, article, extract_numbers(doc, article))
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return claims


@pytest.mark.slow
def test_claims_reported_position_aligns_across_wordings(nlp: Language) -> None:
    (first,) = _claims(nlp, "Councillor Maria Okafor said Harwick had a right to defend its homes.", "a")
    (second,) = _claims(nlp, "A council spokesman said Harwick has a right to defend its homes.", "b")
    assert first.key == second.key == "harwick|have|right defend"
    assert first.source is not None and first.source.endswith("Maria Okafor")
    assert second.source == "council spokesman"
    assert first.number is None and first.value is None
    assert [first.id, second.id] == ["a:c0", "b:c0"]


@pytest.mark.slow
def test_claims_number_claim_carries_the_figure(nlp: Language) -> None:
    claims = _claims(nlp, "Floods killed about 40 people in Ashby Cross, according to the county coroner.")
    (claim,) = [c for c in claims if c.number is not None]
    assert claim.value == 40
    assert claim.predicate == "kill"
    assert claim.key.startswith("#people killed")
    assert claim.source == "the county coroner"


@pytest.mark.slow
def test_claims_pronoun_subjects_make_no_claim(nlp: Language) -> None:
    assert _claims(nlp, "She said it was a concern for the town.") == []


@pytest.mark.slow
def test_claims_negation_kept_in_predicate_not_in_key(nlp: Language) -> None:
    (claim,) = _claims(nlp, "The mayor said Harwick did not have a right to defend its homes.")
    assert claim.predicate == "not have"
    assert claim.key == "harwick|have|right defend"


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("The council", "have", "right defend"), "council|have|right defend"),
        (("Harwick", "not have", "Right Defend"), "harwick|have|right defend"),
    ],
)
def test_claims_key_normalised(parts: tuple[str, str, str], key: str) -> None:
    assert claim_key(*parts) == key
