"""Truecasing of lowercased, tokenized text (issue 3), on invented sentences.

Each case here is one rule of ``storyline.normalise.truecasing`` or of the sentence cutting in
``storyline.normalise.sentences``; the data files it reads are built by
``src/storyline/data/casing_build.py``, whose two readers are tested on tiny archives made here.
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
from storyline.normalise.truecasing import article_names, article_parties, truecase_tokens

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


# -- names made of common words: outlets, parties, government bodies ------------------------------


def test_truecasing_news_organisation_phrases() -> None:
    text = _restore("emails obtained by the canadian press show the dispute , fox news reported .")
    assert "by the Canadian Press show" in text
    assert "Fox News reported" in text


def test_truecasing_government_bodies_as_phrases() -> None:
    text = _restore("a veterans affairs memo reached homeland security and the department of justice .")
    assert "A Veterans Affairs memo reached Homeland Security and the Department of Justice." in text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("she told the times on monday that it was over .", "told the Times on"),
        ("the times reported tuesday that talks had failed .", "The Times reported"),
        ("at the times when he was young , he sailed .", "At the times when"),  # the idiom
        ("he travelled around the globe for a year .", "around the globe for"),
    ],
)
def test_truecasing_outlet_with_a_common_name_needs_a_reporting_context(sentence: str, expected: str) -> None:
    assert expected in _restore(sentence)


def test_truecasing_party_before_a_party_noun_and_in_a_party_article() -> None:
    text = _restore(
        "liberal mp jane doe spoke . the liberals handed power to the greens , whose green party "
        "caucus met . a liberal government would act ."
    )
    assert "Liberal MP" in text
    assert "The Liberals handed power to the Greens" in text
    assert "Green Party caucus" in text
    assert "A Liberal government" in text


def test_truecasing_party_words_stay_common_without_party_evidence() -> None:
    text = _restore("she studied liberal arts and the liberals of the town painted the door green .")
    assert "liberal arts" in text
    assert "the liberals of the town" in text
    assert "the door green" in text


def test_truecasing_article_parties_needs_a_party_noun() -> None:
    assert article_parties(["the", "liberal", "mp", "spoke"]) == frozenset({"liberal"})
    assert article_parties(["a", "green", "candidate", "ran"]) == frozenset({"green"})
    assert article_parties(["the", "green", "government", "plan"]) == frozenset()  # a colour first
    assert article_parties(["a", "more", "liberal", "government"]) == frozenset()


def test_truecasing_house_is_the_legislature_only_in_context() -> None:
    assert "The House voted" in _restore("the house voted on the bill .")
    assert "House Democrats" in _restore("house democrats met on monday .")
    assert "the house was sold" in _restore("they said the house was sold .")


def test_truecasing_common_capitalised_newswire_words_stay_lower() -> None:
    text = _restore("he said the federal government and the trudeau government spoke .")
    assert "the federal government and the Trudeau government" in text
    assert "The White House" in _restore("the white house said so .")


def test_truecasing_name_then_kind_of_body() -> None:
    text = _restore("she worked with the saskatoon police service and visited a toronto hospital .")
    assert "the Saskatoon Police Service" in text
    assert "a Toronto hospital" in text


def test_truecasing_name_then_kind_of_event() -> None:
    text = _restore("he won the sony open in hawaii , but canada open to talks is news .")
    assert "the Sony Open in Hawaii" in text
    assert "Canada open to talks" in text  # a verb: its object follows


def test_truecasing_region_abbreviation_after_a_place() -> None:
    text = _restore("he grew up in oakville , ont . on a farm .")
    assert "in Oakville, Ont. on a farm" in text


def test_truecasing_verb_after_a_first_name_is_no_surname() -> None:
    assert "Kim left for" in _restore("kim left for the border on monday .")


def test_truecasing_article_subject_surname_is_a_name() -> None:
    text = _restore(
        "golfer tiger woods returns . if woods is healthy , he can win . woods has won here "
        "before , and woods said he felt fine ."
    )
    assert "If Woods is healthy" in text
    assert "Woods has won" in text
    assert (
        article_names(
            ["they", "walked", "in", "the", "woods", ",", "and", "the", "woods", "was", "dark", "."]
        )
        == set()
    )
    assert article_names(["woods", "said", "so", ".", "woods", "is", "back", "."]) == {"woods"}


def test_truecasing_conjunction_that_before_an_article_surname() -> None:
    text = _restore("woods said he was fit . woods has trained . it shows that woods is ready .")
    assert "that Woods is ready" in text


def test_truecasing_name_with_a_spoken_consonant_onset() -> None:
    text = _restore("the founder , gerhard schrank , said schrank expects growth .")
    assert "Gerhard Schrank" in text
    assert "SCHRANK" not in text


def test_truecasing_unknown_given_name_between_office_and_surname() -> None:
    text = _restore("a letter from health minister ardine kowalczyk arrived on friday .")
    assert "Minister Ardine Kowalczyk" in text


def test_truecasing_reporting_verb_after_a_quote_is_no_name() -> None:
    text = _restore('" the plan failed , " hollister states . " it must change , " hollister writes .')
    assert "Hollister states." in text
    assert "United States" in _restore("the united states said , united states troops left .")


def test_truecasing_acronym_defined_in_brackets() -> None:
    text = _restore(
        "she joined the federation of prairie growers ( fpg ) in may . the fpg members met , "
        "and prices rose ( see chart ) ."
    )
    assert "Federation of Prairie Growers (FPG)" in text
    assert "The FPG members" in text
    assert "(see chart)" in text


def test_truecasing_house_in_an_article_about_a_legislature() -> None:
    text = _restore(
        "mps voted late . the senate waits . she asked what the house will accept . "
        "the new house democratic majority met . they sold the house on a quiet street ."
    )
    assert "what the House will accept" in text
    assert "new House democratic majority" in text
    assert "sold the house on" in text
    assert "sold the house" in _restore("they sold the house , which was old , in may .")


def test_truecasing_body_of_a_place_and_a_named_high_school() -> None:
    text = _restore(
        "a lawyer for wildlife rescue services of manitoba spoke . students at dunmore catholic "
        "high school left , and a local high school stayed shut ."
    )
    assert "Wildlife Rescue Services of Manitoba" in text
    assert "Dunmore Catholic High School" in text
    assert "a local high school stayed" in text


def test_truecasing_secretary_of_state_is_a_title_before_a_name() -> None:
    text = _restore(
        "secretary of state jane ostrowski flew in . she was confirmed as secretary of state , and "
        "the secretary of state spoke ."
    )
    assert "Secretary of State Jane Ostrowski" in text
    assert "as secretary of state, and the secretary of state spoke" in text


def test_truecasing_noun_before_a_full_name_stays_lower() -> None:
    text = _restore("the team's rookie marcus lindqvist scored , and gold medallist jane ostrowski watched .")
    assert "rookie Marcus Lindqvist" in text
    assert "medallist Jane Ostrowski" in text
    assert "Hazel Simmonds" in _restore("she met hazel simmonds at the market .")


def test_truecasing_phrase_data_file_parses() -> None:
    path = Path(__file__).resolve().parents[2] / "src" / "storyline" / "data" / "casing_phrases.tsv"
    kinds = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, *forms = line.split("\t")
            kinds.add(kind)
            assert forms and all(f.strip() == f and f for f in forms), line
    assert kinds == {"name", "outlet", "style", "party"}


# -- the data files and the script that builds them -----------------------------------------------


def _build_script() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "src" / "storyline" / "data" / "casing_build.py"
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


def test_truecasing_rare_word_after_a_first_name_is_a_surname() -> None:
    text = _restore("reporting was by mark pellinger and alex voskuiling , who wrote it .")
    assert "Mark Pellinger" in text
    assert "Alex Voskuiling" in text
    assert "Jeff ran home" in _restore("the coach said jeff ran home .")


def test_truecasing_adjective_before_a_demonym_stays_lower() -> None:
    text = _restore("the law helps gravely ill canadians , and ill britons too .")
    assert "ill Canadians" in text
    assert "ill Britons" in text


def test_truecasing_first_name_before_a_surname_is_no_acronym() -> None:
    assert "Rex Okonkwo" in _restore("the minister , rex okonkwo , spoke .")


def test_truecasing_public_bodies_named_with_common_words() -> None:
    text = _restore(
        "the national energy board and the office of refugee resettlement met the center for "
        "urban studies and land policy . the qe ii health sciences centre was full ."
    )
    assert "The National Energy Board" in text
    assert "the Office of Refugee Resettlement met" in text
    assert "the Center for Urban Studies and Land Policy" in text
    assert "QE II Health Sciences Centre" in text


def test_truecasing_kinds_of_body_stay_lower() -> None:
    text = _restore(
        "a federal agency and the state news agency reported from the centre of town . "
        "the department of education said it would act , and okafor told court ."
    )
    assert "federal agency and the state news agency" in text
    assert "the centre of town" in text
    assert "The Department of Education said" in text
    assert "told court" in text


def test_truecasing_company_name_before_its_legal_form() -> None:
    text = _restore(
        "the advisory firm tallwood research & consulting inc . was hired , and the deal with "
        "harwick communications inc . went ahead ."
    )
    assert "advisory firm Tallwood Research & Consulting Inc. was hired" in text
    assert "Harwick Communications Inc. went ahead" in text  # one sentence: no capital "Went"
