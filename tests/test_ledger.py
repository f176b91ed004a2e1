"""The quote ledger: one entry per statement across outlets (invented articles, built in code)."""

from __future__ import annotations

import hashlib

import pytest

from storyline.model import Article, Dossier, Quote
from storyline.resolve.ledger import build_ledger

pytestmark = pytest.mark.issue(4)


def _article(text: str, outlet: str, published: str) -> Article:
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(
        id=article_id, source=f"{outlet}.txt", outlet=outlet, published=published, format="plain", text=text
    )


def _quote(article: Article, qid: str, snippet: str, speaker: str | None, name: str | None = None) -> Quote:
    start = article.text.index(snippet)
    return Quote(
        id=qid,
        article=article.id,
        start=start,
        end=start + len(snippet),
        text=snippet,
        kind="direct" if snippet.startswith('"') else "partial",
        speaker=speaker,
        speaker_name=name,
    )


GAZETTE = _article(
    'Harbourmaster Nell Quarry said the pier was "beyond saving and must come down before winter". '
    'She added: "Nobody will be allowed near it." A council spokeswoman said the town had "every right '
    'to rebuild it properly, with proper money".',
    "Tarnby Gazette",
    "2025-03-02",
)
POST = _article(
    'The pier is "beyond saving and should come down before winter", harbourmaster Nell Quarry said. '
    'Quarry also said the lifeboat crew "did everything they could".',
    "Tarnby Post",
    "2025-03-03",
)
WEEKLY = _article(
    'Ms Quarry told the paper the repairs were "a matter for the county now". Local leaders said the town '
    'had a "right to rebuild it properly".',
    "Coast Weekly",
    "2025-03-09",
)


def _quotes() -> list[Quote]:
    return [
        _quote(GAZETTE, "g1", 'the pier was "beyond saving and must come down before winter"', "e1"),
        _quote(GAZETTE, "g2", '"Nobody will be allowed near it."', "e1"),
        _quote(
            GAZETTE,
            "g3",
            'the town had "every right to rebuild it properly, with proper money"',
            None,
            "A council spokeswoman",
        ),
        _quote(POST, "p1", '"beyond saving and should come down before winter"', "e1"),
        _quote(POST, "p2", 'the lifeboat crew "did everything they could"', "e1"),
        _quote(WEEKLY, "w1", 'the repairs were "a matter for the county now"', "e1"),
        _quote(WEEKLY, "w2", 'the town had a "right to rebuild it properly"', None, "Local leaders"),
    ]


@pytest.fixture(scope="module")
def ledger() -> list:  # type: ignore[type-arg]
    return build_ledger(_quotes(), [GAZETTE, POST, WEEKLY])


def _entry_of(ledger: list, qid: str):  # type: ignore[no-untyped-def,type-arg]
    return next(e for e in ledger if any(v.quote == qid for v in e.versions))


def test_ledger_every_quote_in_exactly_one_entry(ledger: list) -> None:  # type: ignore[type-arg]
    held = [v.quote for e in ledger for v in e.versions]
    assert sorted(held) == sorted(q.id for q in _quotes())
    assert [e.id for e in ledger] == [f"l{n}" for n in range(1, len(ledger) + 1)]


def test_ledger_same_speaker_paraphrase_is_one_entry_with_differences(ledger: list) -> None:  # type: ignore[type-arg]
    entry = _entry_of(ledger, "g1")
    assert [v.quote for v in entry.versions] == ["g1", "p1"]  # publication order
    assert entry.speaker == "e1" and not entry.verbatim
    first, second = entry.versions
    assert first.differences == [] and first.outlet == "Tarnby Gazette"
    assert [POST.text[s:e] for s, e in second.differences] == ["should"]


def test_ledger_missing_from_lists_articles_quoting_the_speaker_without_the_statement(ledger: list) -> None:  # type: ignore[type-arg]
    assert _entry_of(ledger, "g1").missing_from == [WEEKLY.id]
    assert set(_entry_of(ledger, "w1").missing_from) == {GAZETTE.id, POST.id}


def test_ledger_partial_quote_inside_a_longer_one_with_unnamed_speakers(ledger: list) -> None:  # type: ignore[type-arg]
    entry = _entry_of(ledger, "g3")
    assert [v.quote for v in entry.versions] == ["g3", "w2"]


def test_ledger_different_statements_of_one_speaker_stay_apart(ledger: list) -> None:  # type: ignore[type-arg]
    assert len(_entry_of(ledger, "g2").versions) == 1
    assert len(_entry_of(ledger, "p2").versions) == 1


def test_ledger_orders_by_speaker_salience_then_first_appearance() -> None:
    quotes = [
        _quote(
            GAZETTE,
            "g3",
            'the town had "every right to rebuild it properly, with proper money"',
            None,
            "A spokeswoman",
        ),
        _quote(POST, "p2", 'the lifeboat crew "did everything they could"', "e2"),
        _quote(GAZETTE, "g2", '"Nobody will be allowed near it."', "e1"),
        _quote(GAZETTE, "g1", 'the pier was "beyond saving and must come down before winter"', "e1"),
    ]
    ledger = build_ledger(quotes, [GAZETTE, POST, WEEKLY])
    assert [e.versions[0].quote for e in ledger] == ["g1", "g2", "p2", "g3"]


def test_ledger_two_different_speakers_never_share_an_entry() -> None:
    quotes = [
        _quote(GAZETTE, "g1", 'the pier was "beyond saving and must come down before winter"', "e1"),
        _quote(POST, "p1", '"beyond saving and should come down before winter"', "e2"),
    ]
    assert len(build_ledger(quotes, [GAZETTE, POST])) == 2


def test_ledger_verbatim_and_spans_slice_back() -> None:
    quotes = [
        _quote(GAZETTE, "g2", '"Nobody will be allowed near it."', "e1"),
        _quote(POST, "p1", '"beyond saving and should come down before winter"', "e1"),
        _quote(GAZETTE, "g1", 'the pier was "beyond saving and must come down before winter"', "e1"),
    ]
    ledger = build_ledger(quotes, [GAZETTE, POST])
    dossier = Dossier(articles=[GAZETTE, POST], quotes=quotes, ledger=ledger)
    assert dossier.check_spans() == []
    assert all(e.verbatim for e in ledger if len(e.versions) == 1)


def test_ledger_empty() -> None:
    assert build_ledger([], []) == []


@pytest.mark.slow
def test_ledger_seed_story_right_to_defend_herself(seed_dossier: Dossier) -> None:
    ledger = build_ledger(seed_dossier.quotes, seed_dossier.articles)
    shared = [e for e in ledger if any("defend herself" in v.text for v in e.versions)]
    assert len(shared) == 1 and len(shared[0].versions) == 2
    assert len({v.article for v in shared[0].versions}) == 2
