"""Normalise on invented text: detokenising, truecasing, boilerplate, metadata lines, offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.model import Article, RawArticle
from storyline.normalise import (
    build_casing_lexicon,
    guess_language,
    is_boilerplate,
    is_tokenized_lowercase,
    normalise,
    raw_offset,
)

TOKENIZED = (
    "the harwick council ' s cabinet said costs rose by 27 % to £ 12m , and 1 , 250 homes were at risk . "
    'councillor nadia brennock called the plan " reckless " and said residents were pro - scheme . '
    "readers can write to newsdesk @ x . co . uk about it . she said the group would meet on monday ."
)
CASED = (
    "The council said, on Monday, that costs had risen. It will meet again next week. "
    "Residents were angry, and the mayor agreed to talk to them at the town hall."
)
PLAIN = (
    "Harwick floods again\n"
    "Published: 12 March 2025\n"
    "The River Wend burst its banks overnight, flooding twelve homes on Mill Lane, the council said. "
    "Follow the Harwick Courier on Facebook for updates. Residents were moved to the town hall.\n"
    "Got a story? Email news@courier.example\n"
    "Engineers will inspect the embankment on Friday, and a report will follow within weeks.\n"
    "Comments: Our rules\n"
    "We want our comments to be a lively and valuable part of our community.\n"
    "Engineers are wrong about everything, says a reader in a long angry comment here.\n"
)


def _norm(text: str, lexicon: dict[str, str] | None = None, fmt: str = "plain", **meta: str) -> Article:
    return normalise(RawArticle(source="test.txt", text=text, format=fmt, **meta), lexicon or {}, min_words=5)


# -- detecting and restoring tokenized lowercase -------------------------------------------------


def test_normalise_detects_tokenized_lowercase() -> None:
    assert is_tokenized_lowercase(TOKENIZED)
    assert _norm(TOKENIZED).format == "tokenized-lowercase"


@pytest.mark.parametrize(
    "text",
    [CASED, CASED.lower(), TOKENIZED.upper(), "too short , really ."],
    ids=["cased", "lowercase-untokenized", "uppercase", "short"],
)
def test_normalise_does_not_flag_normal_text(text: str) -> None:
    assert not is_tokenized_lowercase(text)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("council ' s", "council's"),
        ("1 , 250", "1,250"),
        ("27 %", "27%"),
        ('" reckless "', '"reckless"'),
        ("pro - scheme", "pro-scheme"),
        ("£ 12m ,", "£12m,"),
        ("newsdesk @ x . co . uk", "newsdesk@x.co.uk"),
    ],
)
def test_normalise_detokenises(fragment: str, expected: str) -> None:
    assert fragment in TOKENIZED
    assert expected.lower() in _norm(TOKENIZED).text.lower()


def test_normalise_keeps_email_address_lowercase() -> None:
    assert "newsdesk@x.co.uk" in _norm(TOKENIZED).text


def test_normalise_truecases_sentence_starts_and_days() -> None:
    text = _norm(TOKENIZED).text
    assert text.startswith("The Harwick Council's cabinet")
    assert "Councillor Nadia Brennock called" in text
    assert ". She said" in text
    assert "on Monday." in text


@pytest.mark.parametrize("name", ["green", "rice", "cook", "mill"])
def test_normalise_truecases_with_story_lexicon(name: str) -> None:
    other = (
        f"Council chair Anna {name.title()} said the bridge would close. Officials and "
        f"{name.title()} agreed on Monday, and {name.title()} said sorry."
    )
    lexicon = build_casing_lexicon([other])
    assert lexicon == {name: name.title()}
    tokenized = (
        f"the bridge would close , and {name} promised a plan to the council . the work will cost "
        "£ 340,000 , officials said . residents were told on monday ."
    )
    assert f"and {name} promised" in _norm(tokenized).text  # a common word without the story
    assert f"and {name.title()} promised" in _norm(tokenized, lexicon).text


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["It rained, and Social workers came. Later, social media and social clubs."], {}),
        (["We met the Mayor, and the Mayor spoke, and the Mayor left."], {"mayor": "Mayor"}),
        (["He met the Owl, and ate."], {}),  # "the" before is a function word: not counted
    ],
)
def test_normalise_casing_lexicon_needs_majority(texts: list[str], expected: dict[str, str]) -> None:
    assert build_casing_lexicon(texts) == expected


NEWSWIRE = (
    "mr . dalvey told the white house on tuesday that the u . s . would pay 0 . 5 % more , "
    "and the president agreed . president dalvey met the eu and ap reporters in may . "
    "mr . moon and minister seamus o ' regan visited harwick hall and called the hotline ."
)


@pytest.mark.parametrize(
    "expected",
    [
        "Mr. Dalvey told",  # an abbreviation's full stop does not end the sentence
        "the White House",  # a bigram the model knows as a name, though both words are common
        "the U.S. would",  # dotted acronym glued and upper-cased, no sentence break after it
        "0.5%",  # a decimal point is glued
        "and the president agreed",  # an office title is lower case away from a name
        "President Dalvey met",  # and capitalised before one
        "the EU and AP reporters",  # two-letter words the model hardly knows are acronyms
        "in May.",  # a month after "in", not the verb
        "Mr. Moon and",  # after an honorific, a common word is a name
        "Seamus O'Regan",
        "Harwick Hall",  # after an unknown name, the kind of place it is
        "the hotline.",  # a compound of common words is not a name
    ],
)
def test_normalise_truecases_newswire_names(expected: str) -> None:
    assert expected in _norm(NEWSWIRE).text


# -- boilerplate, metadata lines, mojibake --------------------------------------------------------


def test_normalise_drops_boilerplate_and_comments() -> None:
    article = _norm(PLAIN)
    text = article.text
    assert "burst its banks overnight" in text
    assert "Residents were moved to the town hall." in text
    assert "Engineers will inspect the embankment" in text
    for gone in ("Follow the Harwick Courier", "Got a story", "news@courier", "Our rules", "lively", "angry"):
        assert gone not in text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Follow Harwick Courier on Facebook", True),
        ("follow us on twitter for more", True),
        ("Got a story? Email newsdesk@courier.example", True),
        ("Comments: Our rules", True),
        ("Sign up to our daily newsletter", True),
        ("Share this article", True),
        ("We use cookies to improve your experience.", True),
        ("The council will follow the advice of engineers.", False),
        ("Residents shared photos on Facebook.", False),
    ],
)
def test_normalise_is_boilerplate(sentence: str, expected: bool) -> None:
    assert is_boilerplate(sentence) is expected


def test_normalise_takes_published_line_and_headline() -> None:
    article = _norm(PLAIN)
    assert article.title == "Harwick floods again"
    assert article.published == "2025-03-12"
    assert article.published_reason == "'Published' line in the text"
    assert not article.text.startswith("Harwick floods again")
    assert "Published" not in article.text


def test_normalise_file_metadata_wins_over_text_lines() -> None:
    article = _norm(PLAIN, title="Given title", published="2025-01-01", published_reason="jsonl field")
    assert (article.title, article.published, article.published_reason) == (
        "Given title",
        "2025-01-01",
        "jsonl field",
    )


def test_normalise_takes_byline() -> None:
    article = _norm(
        PLAIN.replace("Published: 12 March 2025\n", "Published: 12 March 2025\nBy Sam Whitlock\n")
    )
    assert article.author == "Sam Whitlock"
    assert "Whitlock" not in article.text


def test_normalise_fixes_mojibake(fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "mojibake.txt").read_text(encoding="utf-8")
    text = normalise(RawArticle(source="mojibake.txt", text=raw, format="plain")).text
    for good in ("don’t", "project’s", "£5m", "£6.3m", "“disappointing but not surprising”", "café"):
        assert good in text
    assert "â€" not in text and "Â" not in text


# -- offsets back to the raw text -----------------------------------------------------------------


@pytest.mark.parametrize("raw", [TOKENIZED, PLAIN, CASED], ids=["tokenized", "plain", "cased"])
def test_normalise_raw_offset_leads_back_to_each_word(raw: str) -> None:
    article = _norm(raw)
    words = list(re.finditer(r"[^\W_]+", article.text))
    assert len(words) > 10
    for m in words:
        r = raw_offset(article.offset_map, m.start())
        assert raw[r : r + len(m.group())].lower() == m.group().lower(), m.group()


def test_normalise_raw_offset_identity_without_anchors() -> None:
    assert raw_offset([], 17) == 17
    assert raw_offset([(0, 5), (10, 40)], 12) == 42
    assert raw_offset([(0, 5), (10, 40)], 9) == 14


# -- unusable input -----------------------------------------------------------------------------


def test_normalise_non_english_is_s106(fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "non_english.txt").read_text(encoding="utf-8")
    with pytest.raises(InputError) as info:
        normalise(RawArticle(source="non_english.txt", text=raw, format="plain"))
    assert info.value.code == "S106"
    assert "non_english.txt" in str(info.value) and "'fr'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Too short to be news.", "S110"),
        ("   \n\n  ", "S102"),
        ("Sign up to our daily newsletter.\nFollow the Courier on Twitter.", "S102"),
    ],
)
def test_normalise_unusable_text_raises_coded_error(text: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        normalise(RawArticle(source="s.txt", text=text, format="plain"))
    assert info.value.code == code
    assert "s.txt" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(CASED, "en"), ("hello there", "unknown"), ("der die das und ist nicht ein eine zu den", "de")],
)
def test_normalise_guess_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from(list(" \n.,'\"%-@£ abcdeXYZ")), st.characters()),
        max_size=400,
    )
)
def test_normalise_never_raises_but_input_error(text: str) -> None:
    try:
        article = normalise(RawArticle(source="h.txt", text=text, format="plain"), {}, min_words=1)
    except InputError as exc:
        assert exc.code in {"S102", "S106", "S110"}
        return
    offsets = [n for n, _ in article.offset_map]
    raws = [r for _, r in article.offset_map]
    assert offsets == sorted(set(offsets))
    assert raws == sorted(raws)
    assert all(0 <= r <= len(text) for r in raws)
