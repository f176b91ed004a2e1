"""The cited summary: picking, cites that slice back, support, contested content, the rewriter.

Every article here is invented (the Marrow Valley tram story); no news text is copied.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Conflict, ConflictItem, SummarySentence
from storyline.summarise import rewrite_with_llm, split_sentences, summarise

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from summary import lead, lexrank, sentences_of, truncate

ONE = (
    "Marrow Valley trams halted after signal fault\n"
    "MARROWFORD (Valley Wire) — Trams across Marrow Valley stopped for six hours on Tuesday after a "
    "signal fault at Cobb Street depot. Engineers from Lintel Rail replaced a failed relay by the "
    "evening. The council said 40,000 passengers were affected."
)
TWO = (
    "Signal failure strands Marrow Valley commuters\n"
    "A signal fault at the Cobb Street depot stopped trams across Marrow Valley for six hours on "
    "Tuesday. The council put the number of passengers affected at 25,000. Dr. Ana Pell of Lintel "
    "Rail said a relay had failed."
)
THREE = (
    "Tram chaos: who is to blame?\n"
    "This outrageous, shocking meltdown slammed Marrow Valley trams for six hours on Tuesday at "
    "Cobb Street depot! Trams across Marrow Valley stopped on Tuesday after a signal fault at the "
    'Cobb Street depot. "We are sorry for the delays to every passenger today," a spokesperson said.'
)


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", format="plain", text=text)


@pytest.fixture
def story() -> list[Article]:
    return [_article("one", ONE), _article("two", TWO), _article("three", THREE)]


def _assert_slices_back(summary: list[SummarySentence], articles: list[Article]) -> None:
    texts = {a.id: a.text for a in articles}
    for sentence in summary:
        assert sentence.sources
        for cite in sentence.sources:
            assert texts[cite.article][cite.start : cite.end] == cite.text


def test_summarise_split_sentences_keeps_initials_acronyms_and_drops_headline_and_dateline() -> None:
    article = _article(
        "a",
        "Harbour vote delayed\nLONDON (AP) — Sen. J. R. Hale of the U.S. Senate met Mr. Orr on Monday. "
        "He left.",
    )
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == ["Sen. J. R. Hale of the U.S. Senate met Mr. Orr on Monday."]
    assert all(article.text[s.start : s.end] == s.text for s in sentences)


def test_summarise_split_sentences_takes_a_long_line_cut_short_but_not_a_headline() -> None:
    text = (
        "A headline with no full stop at all in it here\n"
        "The river board met on Monday to agree a plan for the weir and the locks"
    )
    assert [s.text for s in split_sentences(_article("a", text))] == [text.split("\n")[1]]


def test_summarise_corroborated_first_and_cites_each_supporting_article(story: list[Article]) -> None:
    summary = summarise(story, [], [], length=2)
    _assert_slices_back(summary, story)
    first = summary[0]
    assert "signal fault" in first.text
    assert {c.article for c in first.sources} == {"one", "two", "three"}
    assert len(first.sources) == 3  # one best sentence per article, its own first
    assert first.sources[0].text == first.text
    assert len(summary[0].sources) >= len(summary[-1].sources)


def test_summarise_prefers_neutral_wording_and_skips_quotes(story: list[Article]) -> None:
    texts = [s.text for s in summarise(story, [], [], length=6)]
    assert not any("outrageous" in t for t in texts)
    assert not any(t.startswith('"') for t in texts)
    assert not any(t.startswith("MARROWFORD") for t in texts)


def test_summarise_no_repeats_of_the_same_fact(story: list[Article]) -> None:
    texts = [s.text for s in summarise(story, [], [], length=6)]
    assert sum("Cobb Street depot" in t and "six hours" in t for t in texts) == 1


def test_summarise_word_budget_and_length(story: list[Article]) -> None:
    assert len(summarise(story, [], [], length=1)) == 1
    short = summarise(story, [], [], length=6, words=10)
    assert len(short) == 1  # the first sentence already fills ten words
    assert summarise(story, [], [], length=0) == []


def test_summarise_empty_and_sentence_free_input() -> None:
    assert summarise([], [], []) == []
    assert summarise([_article("a", "Only a headline here")], [], []) == []


def test_summarise_contested_sentence_cites_both_sides(story: list[Article]) -> None:
    one, two = story[0], story[1]
    a, b = one.text.index("40,000"), two.text.index("25,000")
    conflict = Conflict(
        id="c1",
        about="passengers affected",
        items=[
            ConflictItem(article="one", start=a, end=a + 6, text="40,000", value=40000),
            ConflictItem(article="two", start=b, end=b + 6, text="25,000", value=25000),
        ],
    )
    summary = summarise(story, [], [conflict], length=6)
    _assert_slices_back(summary, story)
    contested = [s for s in summary if s.contested]
    assert contested
    for sentence in contested:
        cited = " ".join(c.text for c in sentence.sources)
        assert "40,000" in cited and "25,000" in cited
        assert {c.article for c in sentence.sources} >= {"one", "two"}
    assert all(not s.contested for s in summary if "passengers" not in s.text)


def test_summarise_rewriter_keeps_the_cites(story: list[Article]) -> None:
    plain = summarise(story, [], [], length=2)
    shouted = summarise(story, [], [], length=2, rewriter=str.upper)
    assert [s.text.upper() for s in plain] == [s.text for s in shouted]
    assert [s.sources for s in plain] == [s.sources for s in shouted]


def test_summarise_rewrite_with_llm_posts_openai_chat_and_keeps_sources(story: list[Article]) -> None:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = json.loads(request.content)
        text = body["messages"][-1]["content"]
        content = "" if "relay" in text else f"Reworded: {text}"
        return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": content}}]})

    summary = summarise(story, [], [], length=3)
    out = rewrite_with_llm(
        summary, "http://llm.invalid/v1/", "tiny", "key-1", transport=httpx.MockTransport(reply)
    )
    assert len(seen) == len(summary)
    assert all(str(r.url) == "http://llm.invalid/v1/chat/completions" for r in seen)
    assert all(r.headers["authorization"] == "Bearer key-1" for r in seen)
    for before, after in zip(summary, out, strict=True):
        assert after.sources == before.sources and after.contested == before.contested
        # An empty reply keeps the extracted sentence.
        assert after.text in (before.text, f"Reworded: {before.text}")


def test_summarise_rewrite_with_llm_raises_on_http_error(story: list[Article]) -> None:
    summary = summarise(story, [], [], length=1)
    transport = httpx.MockTransport(lambda request: httpx.Response(500))
    with pytest.raises(httpx.HTTPStatusError):
        rewrite_with_llm(summary, "http://llm.invalid", "tiny", transport=transport)


_WORDS = st.sampled_from(
    ["Tram", "the", "U.S.", "Dr.", "six", "“quoted”", "council", "—", "A.", "fault", "WIRE"]
)
_ENDS = st.sampled_from([" ", ". ", "! ", "? ", "\n", '." ', " (AP) — "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(_WORDS, _ENDS), max_size=40), min_size=1, max_size=3))
def test_summarise_cites_always_slice_back(bodies: list[list[tuple[str, str]]]) -> None:
    articles = [_article(f"a{n}", "".join(w + e for w, e in body)) for n, body in enumerate(bodies)]
    for article in articles:
        assert all(article.text[s.start : s.end] == s.text for s in split_sentences(article))
    _assert_slices_back(summarise(articles, [], [], length=4), articles)


def test_summarise_benchmark_baselines_and_truncation() -> None:
    group = [
        {"title": "Tram fault", "text": "Trams stopped on Tuesday. Engineers fixed a relay."},
        {
            "title": "Signal failure",
            "text": "A signal fault stopped trams on Tuesday. The council apologised.",
        },
    ]
    assert sentences_of("Mr. Hale met J. Orr in the U.S. capital. They spoke.") == [
        "Mr. Hale met J. Orr in the U.S. capital.",
        "They spoke.",
    ]
    assert lead(group)[:2] == ["Trams stopped on Tuesday.", "A signal fault stopped trams on Tuesday."]
    assert set(lexrank(group)) <= {s for g in group for s in [g["title"], *sentences_of(g["text"])]}
    assert truncate(["one two three.", "four five"], 4) == "one two three. four"
