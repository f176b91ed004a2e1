"""Quote extraction on short invented texts: every shape of news quote, and offsets that slice back."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract.quotes import extract_quotes, find_quote_spans
from storyline.model import Quote

ARTICLE = "art1"


@pytest.fixture(scope="module")
def nlp() -> Language:
    from storyline.annotate import load_nlp

    return load_nlp()


def _quotes(nlp: Language, text: str) -> list[Quote]:
    quotes = extract_quotes(nlp(text), ARTICLE)
    for n, q in enumerate(quotes, 1):
        assert q.id == f"{ARTICLE}:q{n}"
        assert q.article == ARTICLE
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    return quotes


def _find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


# --- quotation marks, no model needed ---------------------------------------------------------


def test_quotes_pairs_straight_curly_and_mixed_marks() -> None:
    text = 'He said "one" and “two” and "three” and ”four".'
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ['"one"', "“two”", '"three”', '”four"']


def test_quotes_unclosed_paragraph_runs_to_its_end_and_continues() -> None:
    text = 'She wrote: "First part.\n"Second part.\n"Last part."\nAfter.'
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == ['"First part.', '"Second part.', '"Last part."']
    assert [q.continues for q in spans] == [False, True, True]


def test_quotes_tokenized_spacing() -> None:
    text = 'it was a " concern " and a " possibility " , she said .'
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ['" concern "', '" possibility "']


def test_quotes_empty_text() -> None:
    assert find_quote_spans("") == []


# --- with the spaCy model ---------------------------------------------------------------------


@pytest.mark.slow
def test_quotes_speaker_after(nlp: Language) -> None:
    quotes = _quotes(nlp, '"The bridge will open in May," said Ms Harriet Quell, the town engineer.')
    q = _find(quotes, "bridge")
    assert q.kind == "direct"
    assert q.text.startswith('"') and q.text.endswith('"')
    assert q.speaker_text is not None and "Quell" in q.speaker_text
    assert q.speaker_name == "Harriet Quell"
    assert q.cue == "said"


@pytest.mark.slow
def test_quotes_speaker_before_with_medium(nlp: Language) -> None:
    text = 'Mr Tobias Wren told Radio Fenmoor: "We will not give up the harbour."'
    q = _find(_quotes(nlp, text), "harbour")
    assert q.kind == "direct"
    assert q.speaker_name == "Tobias Wren"
    assert q.cue == "told"
    assert q.medium == "told Radio Fenmoor"


@pytest.mark.slow
def test_quotes_split_by_attribution(nlp: Language) -> None:
    text = '"We were surprised," said Dr Ina Marsh, "but the numbers are clear."'
    quotes = _quotes(nlp, text)
    first, second = _find(quotes, "surprised"), _find(quotes, "numbers")
    assert first is not second
    assert first.speaker_text == "Dr Ina Marsh"
    assert first.speaker_name == second.speaker_name == "Ina Marsh"
    assert second.kind == "direct"


@pytest.mark.slow
def test_quotes_pronoun_resolution_two_genders(nlp: Language) -> None:
    text = (
        "Mr Oswin Pell met Ms Dora Flint at the depot on Monday.\n\n"
        '"The depot must stay open," she said.\n\n'
        '"I agree with every word," he said.'
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "depot must").speaker_name == "Dora Flint"
    assert _find(quotes, "every word").speaker_name == "Oswin Pell"
    assert _find(quotes, "every word").speaker_text == "he"


@pytest.mark.slow
def test_quotes_partial_inside_reported_speech(nlp: Language) -> None:
    text = 'Council leader Ada Brisk said it was a "worry" and a "real risk" that staff might leave.'
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "partial"
    assert '"worry"' in q.text and '"real risk"' in q.text
    assert q.speaker_name == "Ada Brisk"


@pytest.mark.slow
def test_quotes_tokenized_lowercase_partial(nlp: Language) -> None:
    text = 'council leader ada brisk said it was a " worry " that staff might leave .'
    q = _find(_quotes(nlp, text), "worry")
    assert q.kind == "partial"
    assert q.cue == "said"
    assert q.speaker_text is not None and "brisk" in q.speaker_text


@pytest.mark.slow
def test_quotes_indirect_speech(nlp: Language) -> None:
    text = "The mayor, Lionel Garth, said his office would review the parking fees next year."
    q = _find(_quotes(nlp, text), "parking")
    assert q.kind == "indirect"
    assert q.text.startswith("his office")
    assert q.speaker_name == "Lionel Garth"


@pytest.mark.slow
def test_quotes_according_to(nlp: Language) -> None:
    text = "According to the Fenmoor Water Board, the reservoir is at its lowest level since 1990."
    q = _find(_quotes(nlp, text), "reservoir")
    assert q.kind == "indirect"
    assert q.speaker_text == "the Fenmoor Water Board"


@pytest.mark.slow
def test_quotes_joint_speakers(nlp: Language) -> None:
    text = "Priya Calder and Tomas Reeve said the ferry timetable would change in spring."
    q = _find(_quotes(nlp, text), "ferry")
    assert q.speaker_text == "Priya Calder and Tomas Reeve"


@pytest.mark.slow
def test_quotes_letter_over_three_paragraphs(nlp: Language) -> None:
    text = (
        "In a letter to the trust, Cllr Bram Oakley, who represents Eastmere ward, said: "
        '"The closure of the clinic was never explained to residents.\n\n'
        '"We asked for the figures three times and received nothing.\n\n'
        '"I will keep asking until the trust answers."\n\n'
        "The trust has been contacted for comment."
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 3
    assert all(q.kind == "direct" for q in quotes)
    assert all(q.speaker_name == "Bram Oakley" for q in quotes)
    assert all(q.medium == "in a letter" for q in quotes)
    assert quotes[0].speaker_text == "Cllr Bram Oakley"
    assert quotes[1].speaker_text is None and quotes[1].cue is None


@pytest.mark.slow
def test_quotes_unattributed_paragraph_continues_speaker(nlp: Language) -> None:
    text = (
        '"The orchard has fed this village for a century," said farmer Ruth Hale.\n\n'
        '"Nobody asked us before the road was planned."'
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker_name == "Ruth Hale"
    assert quotes[1].speaker_text is None


@pytest.mark.slow
def test_quotes_unbalanced_and_mixed_marks(nlp: Language) -> None:
    text = 'Ms Lena Voss said: ”The vote was rushed."\n\nShe added: "We will appeal the decision.'
    quotes = _quotes(nlp, text)
    assert _find(quotes, "rushed").speaker_name == "Lena Voss"
    appeal = _find(quotes, "appeal")
    assert appeal.kind == "direct"
    assert appeal.speaker_text == "She"
    assert appeal.speaker_name == "Lena Voss"


@pytest.mark.slow
def test_quotes_role_noun_and_pronoun_antecedent(nlp: Language) -> None:
    text = (
        "A Fenmoor Rail spokeswoman said the line would reopen on Friday.\n\n"
        'She added: "Passengers should check before they travel."'
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "reopen").speaker_text == "A Fenmoor Rail spokeswoman"
    assert _find(quotes, "Passengers").speaker_name == "A Fenmoor Rail spokeswoman"


@pytest.mark.slow
def test_quotes_scare_quotes_are_not_quotes(nlp: Language) -> None:
    assert _quotes(nlp, 'The so-called "green corridor" opened to cyclists on Sunday.') == []


@pytest.mark.slow
def test_quotes_empty_doc(nlp: Language) -> None:
    assert _quotes(nlp, "") == []


# --- issue 4: joint speakers, role speakers carried by pronouns, split reports -------------------


@pytest.mark.slow
@pytest.mark.issue(4)
def test_quotes_joint_speaker_span_covers_every_conjunct(nlp: Language) -> None:
    text = (
        "Ada Fenwick, Dunmoor East MP, and Oliver Brack, MP for Dunmoor West, said on social media "
        'the motion demanded "an end to the closures".'
    )
    q = _find(_quotes(nlp, text), "end to the closures")
    assert q.speaker_text == "Ada Fenwick, Dunmoor East MP, and Oliver Brack, MP for Dunmoor West"


@pytest.mark.slow
@pytest.mark.issue(4)
def test_quotes_role_speaker_carried_by_pronouns_and_split_report(nlp: Language) -> None:
    text = (
        'A Greenway spokesman said the party wanted to "fully review" the plan. However, he stressed '
        '"every council must follow the rules" and it was "deeply important" that buses kept running. '
        'He added: "We will listen to everyone."'
    )
    quotes = _quotes(nlp, text)
    for fragment in ("every council", "deeply important", "listen to everyone"):
        assert _find(quotes, fragment).speaker_name == "A Greenway spokesman"
    second_half = _find(quotes, "deeply important")
    assert second_half.text == 'it was "deeply important" that buses kept running'
    assert second_half.kind == "partial" and second_half.speaker_text is None


@pytest.mark.slow
@pytest.mark.issue(4)
def test_quotes_pronoun_after_an_aged_or_described_person(nlp: Language) -> None:
    text = (
        'Bram Oduya, a 58-year-old who called himself a "plain shopkeeper" in Kelby, closed his shop. '
        'He said trade had "simply vanished". Tamsin, 16, helped run the stall. She believed people '
        '"will come back in the spring". "We just need one good season," she said.'
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "simply vanished").speaker_name == "Bram Oduya"
    assert _find(quotes, "come back in the spring").speaker_name == "Tamsin"
    assert _find(quotes, "one good season").speaker_name == "Tamsin"
