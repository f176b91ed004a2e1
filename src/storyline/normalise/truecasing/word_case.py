"""The case of one word of a sentence, from the lexicon, the model and the word rules."""

from __future__ import annotations

import re
from typing import Any

from storyline.normalise.truecasing.evidence import (
    RARE_MODEL_COUNT,
    after_name,
    after_unknown_name,
    has_capital_form,
    is_probably_name,
    is_unpronounceable,
    looks_like_name,
    vocabulary_case,
)
from storyline.normalise.truecasing.lexicon import CasingLexicon, census_names, web_capital_share, web_form
from storyline.normalise.truecasing.people import (
    after_attributed_name,
    after_first_name,
    between_title_and_name,
    in_surname_slot,
    is_demonym,
    is_first_name,
    is_surname,
    rare_word_is_surname,
)
from storyline.normalise.truecasing.word_lists import (
    ABBREVIATIONS,
    AMBIGUOUS_MONTHS,
    BEFORE_MONTH,
    NAME_TITLES,
    REPORTING_VERBS,
    STOP,
    TITLES,
)
from storyline.vocabulary import HONORIFICS

# A two-letter word starting with a vowel seen at most this often by the model is an acronym
# ("eu", "ap"). Set by hand on the dev data; not tuned.
MAX_TWO_LETTER_ACRONYM_COUNT = 2
# Web text's capital share at or above which its casing of a rare word is taken ("PBO",
# "FedEx"), and below which the word stays lower case ("porters"); between them the model
# and the rules decide. Set by hand on the dev data; not tuned.
WEB_CAPITAL_SHARE = 0.5
WEB_LOWER_SHARE = 0.25
# The model's title-case share that makes a common word a first name before an unknown
# surname ("hazel Simmons"), lower after an office title ("minister"), and the share that
# makes it the kind of body after a name ("Dixon Hall"). Set by hand on the dev data; not tuned.
FIRST_NAME_CAPITAL_SHARE = 0.25
FIRST_NAME_CAPITAL_SHARE_AFTER_TITLE = 0.1
BODY_KIND_CAPITAL_SHARE = 0.2
# Web text must capitalise a word this often for it to be part of the name of the acronym
# before it ("PGA Tour"). Set by hand on the dev data / invented examples; not tuned.
AFTER_ACRONYM_WEB_SHARE = 0.12


def word_case(
    words: list[str],
    glued: list[bool],
    n: int,
    proposed: str,
    lexicon: CasingLexicon,
    caser: Any,
    prev_cased: str | None,
) -> str:
    """The case of word n: the story's lexicon first, then abbreviations and honorifics, parts
    of names the model splits, web casing for rare words, the model for known words, and the
    name rules for unknown ones. ``proposed`` is the model's casing, ``prev_cased`` the
    previous word as already cased."""
    key = words[n].lower()
    if key in lexicon:
        return lexicon[key]
    forms = caser.word_casing_lookup.get(key, ())
    decided = _abbreviation_case(words, glued, n, lexicon, caser, forms)
    if decided is None:
        decided = _name_part_case(words, glued, n, proposed, caser, prev_cased, forms)
    web = web_form(key)
    if decided is None:
        decided = _rare_word_case(words, n, caser, prev_cased, forms, web)
    if decided is not None:
        return decided
    if forms:
        return _known_word_case(words, n, proposed, caser, prev_cased)
    return _unknown_word_case(words, n, caser, web, forms)


def _abbreviation_case(
    words: list[str], glued: list[bool], n: int, lexicon: CasingLexicon, caser: Any, forms: Any
) -> str | None:
    """Dotted acronyms, two-letter acronyms, honorifics and the names after them; None: undecided."""
    word = words[n]
    key = word.lower()
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    if len(key) == 1 and nxt == "." and in_dotted_acronym(words, glued, n):
        return word.upper()  # a letter of "u.s.", "c.i.a."
    if key in HONORIFICS and nxt == "." and _next_word(words, n + 1).lower() not in STOP:
        return word.capitalize()  # "ms. may": the honorific, whatever the name is
    if key in ABBREVIATIONS and nxt == "." and looks_like_name(_next_word(words, n + 1), lexicon, caser):
        return word.capitalize()  # "mr. trump", "sen. casey"
    if (
        len(key) == 2
        and key[0] in "aeiou"
        and sum(caser.uni_dist[f] for f in forms) <= MAX_TWO_LETTER_ACRONYM_COUNT
    ):
        return word.upper()  # "eu", "ap": two letters the model hardly knows, read as an acronym
    honorific = prev in HONORIFICS or (prev == "." and n >= 2 and words[n - 2].lower() in HONORIFICS)
    if honorific and key not in STOP and key not in TITLES:
        return word.capitalize()  # "mr. moon", "mrs. may": after an honorific comes a name
    return None


def _name_part_case(
    words: list[str],
    glued: list[bool],
    n: int,
    proposed: str,
    caser: Any,
    prev_cased: str | None,
    forms: Any,
) -> str | None:
    """A two-letter name part the model reads as an acronym ("Jong UN"); None: undecided."""
    if not (forms and len(proposed) == 2 and proposed.isupper()):
        return None
    if after_unknown_name(prev_cased, caser):
        return words[n].capitalize()  # "Kim Jong Un", not "Jong UN"
    if n and words[n - 1].lower() == "-" and glued[n]:
        return words[n].lower()  # "Kim Jong-un"
    return None


def _rare_word_case(
    words: list[str],
    n: int,
    caser: Any,
    prev_cased: str | None,
    forms: Any,
    web: tuple[str, float] | None,
) -> str | None:
    """A word the model hardly knows: a surname after a first name, or web text's casing where
    it is clear; None: undecided."""
    word = words[n]
    key = word.lower()
    prev = words[n - 1].lower() if n else ""
    rare = sum(caser.uni_dist[f] for f in forms) < RARE_MODEL_COUNT
    if rare and after_first_name(words, n, prev_cased) and rare_word_is_surname(key, web):
        return word.capitalize()  # "Alex Voskuiling", "Mark Pellinger"
    if web is not None and rare and prev not in TITLES and not in_surname_slot(words, n, prev_cased):
        form, share = web  # a word the model hardly knows: web text's casing decides, where it is clear
        if (
            share >= WEB_CAPITAL_SHARE
            and re.fullmatch(r"[IVXLC]+", form)
            and not (prev_cased or "")[:1].isupper()
        ):
            return word.capitalize()  # "Xi Jinping", but "Henry VIII"
        if share >= WEB_CAPITAL_SHARE:
            return form  # "PBO", "FedEx", "Covington"
        if share < WEB_LOWER_SHARE:
            return key  # "porters", "emails", "waitlist"
    return None


def _known_word_case(words: list[str], n: int, proposed: str, caser: Any, prev_cased: str | None) -> str:
    """A word the model knows: its casing checked against the evidence, then the name rules."""
    word = words[n]
    key = word.lower()
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    new = vocabulary_case(key, proposed, caser, prev_cased, nxt)
    before_first = words[n - 2].capitalize() if n >= 2 else None  # "Theresa May speaks"
    if new.islower() and is_first_name(prev_cased) and is_surname(key) and not is_first_name(before_first):
        return word.capitalize()  # "Jeff Sessions", "Nora Foster": a first name, then a surname
    after_title = prev in NAME_TITLES or prev in TITLES
    # Not a noun before a full name: "rookie Marcus Lindqvist", "porter Sam Ellis".
    first = census_names()[0]
    surname_next = is_probably_name(nxt, caser) and not is_demonym(nxt)  # not "ill Canadians"
    if new.islower() and surname_next and (key in first or nxt not in first):
        share = FIRST_NAME_CAPITAL_SHARE_AFTER_TITLE if after_title else FIRST_NAME_CAPITAL_SHARE
        if has_capital_form(key, caser, share):
            new = new.capitalize()  # a first name before an unknown surname: "hazel Simmons"
    elif (
        new.islower()
        and has_capital_form(key, caser, BODY_KIND_CAPITAL_SHARE)
        and after_name(prev_cased, caser, key)
    ):
        new = new.capitalize()  # "Dixon Hall", "CBC News": a name, then its kind
    elif new.islower() and _is_acronym(prev_cased) and _may_follow_acronym(key):
        new = new.capitalize()  # "PGA Tour": an acronym, then a word often capitalised
    if new[:1].isupper() and key in REPORTING_VERBS and after_attributed_name(words, n, prev_cased):
        new = key  # '," Hollister states.': the verb of the quote's attribution
    if new.isupper() and len(key) > 2 and key in first and is_probably_name(nxt, caser):
        new = word.capitalize()  # "Rex Tillerson", not the model's "REX"
    if key in AMBIGUOUS_MONTHS and (prev in BEFORE_MONTH or nxt.isdigit()):
        new = key.capitalize()  # "from may to july", "on march 3"
    return new


def _unknown_word_case(
    words: list[str], n: int, caser: Any, web: tuple[str, float] | None, forms: Any
) -> str:
    """A word neither the model nor web text decided: an acronym or a name, else as it is."""
    word = words[n]
    key = word.lower()
    prev = words[n - 1].lower() if n else ""
    if is_unpronounceable(key):
        return word.upper()  # "cbp", "ctv", "kcna": an unknown word with no vowel run is an acronym
    unknown = web is None and not forms
    if (
        prev in TITLES
        or is_probably_name(key, caser)
        or (unknown and between_title_and_name(words, n, caser))
    ):
        if key.startswith("mc") and len(key) > 4:
            return "Mc" + key[2:].capitalize()  # "McCallum"
        return word.capitalize()  # out of vocabulary in news: most often a name
    return word


def in_dotted_acronym(words: list[str], glued: list[bool], n: int) -> bool:
    """Whether a single letter is glued to a dotted acronym's other letters ("u.s.")."""
    if len(words[n]) != 1:
        return False
    after = n + 3 < len(words) and glued[n + 2] and len(words[n + 2]) == 1 and words[n + 3] == "."
    return (n >= 2 and glued[n] and words[n - 1] == ".") or after


def _next_word(words: list[str], n: int) -> str:
    """The first word after position n, skipping punctuation."""
    return next((w for w in words[n + 1 :] if w[:1].isalnum()), "")


def in_address(words: list[str], glued: list[bool], n: int) -> bool:
    """Whether token n is glued to an '@' or a dot: part of an e-mail address or domain."""
    glued_before = n > 0 and glued[n] and words[n - 1] in ("@", ".")
    glued_after = n + 2 < len(words) and glued[n + 1] and words[n + 1] in ("@", ".") and glued[n + 2]
    return glued_before or glued_after


def _is_acronym(word: str | None) -> bool:
    return bool(word and 2 <= len(word) <= 5 and word.isalpha() and word.isupper())


def _may_follow_acronym(key: str) -> bool:
    """A word the web often capitalises, which after an acronym is part of its name ("PGA Tour")."""
    return (
        key not in STOP
        and not key.endswith(("ed", "ly"))
        and web_capital_share(key) >= AFTER_ACRONYM_WEB_SHARE
    )
