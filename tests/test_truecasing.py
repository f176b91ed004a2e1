"""Truecasing of lowercased, tokenized text (issue 3), on invented sentences.

Each case here is one rule of ``storyline.truecasing`` or of the sentence cutting in
``normalise.py``; the data files it reads are built by ``src/storyline/data/casing_build.py``,
whose two readers are tested on tiny archives made here.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import math
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from storyline.model import RawArticle
from storyline.normalise import normalise
from storyline.truecasing import truecase_tokens

# Enough spaced punctuation to be recognised as a tokenized lowercase scrape.
_FILLER = " the council met on monday , and residents were told , again , to wait ."


def _restore(text: str) -> str:
    raw = RawArticle(source="t.txt", text=text + _FILLER, format="plain")
    return normalise(raw, {}, min_words=5).text


def _case(sentence: str, names: set[str] | None = None) -> str:
    words = sentence.split()
    return " ".join(truecase_tokens(words, [False] * len(words), {}, names))


# -- sentence starts after a closing quote ------------------------------------------------------


def test_truecasing_sentence_ends_after_closing_quote() -> None:
    text = _restore('residents called it " a disgrace . " the mayor said nothing .')
    assert '"a disgrace." The mayor said' in text


def test_truecasing_question_quote_then_reporting_clause_goes_on() -> None:
    text = _restore('" why now ? " he asked the council .')
    assert '"Why now?" he asked' in text


# -- names: honorifics, first name + surname, the article's own names ----------------------------


def test_truecasing_honorific_before_a_common_word() -> None:
    assert "Mr. Hemming said" in _restore("mr . hemming said the bridge was safe .")


@pytest.mark.parametrize(("first", "surname"), [("cecil", "foster"), ("jeff", "sessions")])
def test_truecasing_common_word_surname_after_first_name(first: str, surname: str) -> None:
    cased = _case(f"the book by {first} {surname} was praised")
    assert f"{first.title()} {surname.title()} was" in cased


def test_truecasing_surname_rule_needs_a_first_name() -> None:
    assert _case("a long foster placement was praised") == "A long foster placement was praised"


def test_truecasing_first_name_chain_is_not_a_surname_slot() -> None:
    # "Rose" fills the surname slot after "Jeff"; the word after the pair is not a second surname
    # (the guard that keeps "Theresa May speaks" from becoming "May Speaks").
    assert _case("the lawyer jeff rose green said so").endswith("Jeff Rose green said so")


def test_truecasing_article_keeps_an_introduced_surname() -> None:
    text = _restore(
        "author cecil foster wrote the book . later , foster said it took years . "
        "he walked in the foster garden ."
    )
    assert "Later, Foster said" in text
    assert "the foster garden" in text  # after a determiner it is a common noun again


def test_truecasing_article_names_are_not_shared_between_calls() -> None:
    names: set[str] = set()
    _case("author cecil foster wrote it", names)
    assert names == {"foster"}
    assert _case("later foster said so", names) == "Later Foster said so"
    assert _case("later foster said so", set()) == "Later foster said so"


def test_truecasing_common_modal_is_not_propagated() -> None:
    names: set[str] = set()
    _case("prime minister theresa may spoke", names)
    assert "may" not in names


# -- web casing for words the model hardly knows ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the pbo report was late", "PBO"),  # an acronym
        ("she sent it by fedex yesterday", "FedEx"),  # a mixed-case brand
        ("the porters were paid less", "porters"),  # a plural the model lacks: not a name
        ("we ate meatballs at home", "meatballs"),
        ("leader xi jinping spoke", "Xi"),  # a name, not the numeral XI
    ],
)
def test_truecasing_web_casing_for_rare_words(sentence: str, expected: str) -> None:
    assert expected in _case(sentence).split()


def test_truecasing_word_after_acronym_is_part_of_the_name() -> None:
    assert "the PGA Tour schedule" in _case("he loves the pga tour schedule")
    assert "the FBI said" in _case("he told the fbi said nothing")  # not a name-like word


def test_truecasing_dotted_acronym_ending_in_a() -> None:
    assert "The C.I.A. said" in _restore("the c . i . a . said it would help .")


# -- the data files and the script that builds them -----------------------------------------------


def _build_script() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "casing_build.py"
    spec = importlib.util.spec_from_file_location("casing_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_truecasing_build_words_from_lexeme_table(tmp_path: Path) -> None:
    probs = {
        "pbo": math.log(2e-7), "PBO": math.log(8e-7),  # acronym: 80 %
        "porters": math.log(8e-7), "Porters": math.log(2e-7),  # common noun: 20 %
        "waitlist": math.log(1e-6),  # only lower case
        "u.s.": math.log(1e-6),  # not a word of letters
        "zzq": math.log(1e-12),  # too rare
        "house": math.log(9e-6), "House": math.log(1e-6),  # known to the model, 10 % < 12 %
    }  # fmt: skip
    wheel = tmp_path / "lookups.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(
            "spacy_lookups_data/data/en_lexeme_prob.json.gz", gzip.compress(json.dumps(probs).encode())
        )
    lines = _build_script().build_words(wheel, {"house": 500})
    assert lines == ["pbo\tPBO\t80", "porters\tPorters\t20", "waitlist\t\t0"]


def test_truecasing_build_names_from_census_lists(tmp_path: Path) -> None:
    files = {
        "names/dist.male.first": "JEFF 0.166 1.0 1\nSUNDAY 0.001 1.0 2\nJOHNSON 0.020 1.0 3\n",
        "names/dist.female.first": "THERESA 0.271 1.0 1\n",
        "names/dist.all.last": "JOHNSON 0.810 1.0 1\nFOSTER 0.091 1.0 2\nQWERTYSON 0.001 1.0 3\n",
    }
    sdist = tmp_path / "names.tar.gz"
    with tarfile.open(sdist, "w:gz") as tf:
        for name, body in files.items():
            data = body.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    lines = _build_script().build_names(sdist, {"foster": 30, "johnson": 3})
    # Sunday is too rare a first name, Johnson commoner as a surname; Qwertyson is no word.
    assert lines == ["first\tjeff", "first\ttheresa", "last\tfoster", "last\tjohnson"]
