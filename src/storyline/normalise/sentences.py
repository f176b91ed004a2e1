"""Cutting a detokenised line into sentences for truecasing, and casing each one."""

from __future__ import annotations

from storyline.normalise.detokenise import QUOTES, SENTENCE_END
from storyline.normalise.offsets import Piece
from storyline.normalise.truecasing import (
    ABBREVIATIONS,
    LEGAL_FORM_ABBREVIATIONS,
    REGION_ABBREVIATIONS,
    CasingLexicon,
    truecase_tokens,
)


def truecase_pieces(
    pieces: list[Piece],
    lexicon: CasingLexicon,
    names: set[str],
    parties: frozenset[str] = frozenset(),
    legislature: bool = False,
) -> None:
    """Restore case in place, sentence by sentence."""
    sentence: list[Piece] = []
    for n, piece in enumerate(pieces):
        if piece.glue == "\n" and sentence:
            _truecase_sentence(sentence, lexicon, names, parties, legislature)
            sentence = []
        sentence.append(piece)
        if (piece.text in SENTENCE_END and _ends_sentence(pieces, n)) or _ends_quoted_sentence(pieces, n):
            _truecase_sentence(sentence, lexicon, names, parties, legislature)
            sentence = []
    if sentence:
        _truecase_sentence(sentence, lexicon, names, parties, legislature)


# Words that start a sentence after an ambiguous full stop ("… in the u.s. the …").
_SENTENCE_OPENERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "this", "there", "his"}


def _ends_sentence(pieces: list[Piece], n: int) -> bool:
    """Whether the mark at n ends a sentence: not inside "x.co.uk", "mr. trump" or "u.s. troops"."""
    nxt = pieces[n + 1] if n + 1 < len(pieces) else None
    if nxt is not None and nxt.glue == "":
        return False  # "x.co.uk", "1.5"
    before = pieces[n - 1].text.lower() if n else ""
    if pieces[n].text != "." or not before:
        return True
    if before in ABBREVIATIONS:
        return False
    if before in REGION_ABBREVIATIONS and n >= 2 and pieces[n - 2].text == ",":
        return nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS  # "Oakville, Ont. on Monday"
    if before in LEGAL_FORM_ABBREVIATIONS and n >= 2 and pieces[n - 2].text[:1].isalpha():
        return nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS  # "Harwick Inc. was"
    dotted = len(before) == 1 and n >= 2 and pieces[n - 2].text == "." and pieces[n - 1].glue == ""
    return not dotted or (nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS)


# After '?"' or '!"' these words carry on the sentence: '"Why?" he asked.'
_REPORTING_START = {"he", "she", "they", "we", "i", "it", "said", "asked", "says", "asks"}


def _ends_quoted_sentence(pieces: list[Piece], n: int) -> bool:
    """Whether the closing quote mark at n ends a sentence: '… caught it." The …'."""
    piece = pieces[n]
    if piece.text not in QUOTES or piece.glue != "" or n == 0 or pieces[n - 1].text not in SENTENCE_END:
        return False
    nxt = pieces[n + 1] if n + 1 < len(pieces) else None
    if nxt is None or nxt.glue == "":
        return True
    return pieces[n - 1].text == "." or nxt.text.lower() not in _REPORTING_START


def _truecase_sentence(
    sentence: list[Piece],
    lexicon: CasingLexicon,
    names: set[str],
    parties: frozenset[str],
    legislature: bool,
) -> None:
    words = [p.text for p in sentence]
    glued = [p.glue == "" for p in sentence]
    for piece, new in zip(
        sentence, truecase_tokens(words, glued, lexicon, names, parties, legislature), strict=True
    ):
        piece.text = new
