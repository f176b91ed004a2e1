"""People's names in lowercase text: first names and surnames, the article's own common-word
surnames ("woods said"), and the speaker of a quote."""

from __future__ import annotations

from collections import Counter
from typing import Any

from storyline.normalise.truecasing.evidence import is_probably_name
from storyline.normalise.truecasing.lexicon import census_names, truecaser, web_capital_share
from storyline.normalise.truecasing.word_lists import (
    AFTER_SUBJECT_NAME,
    CONTRACTIONS,
    DETERMINERS,
    NAME_TITLES,
    NOT_NAME_BEFORE,
    NOT_SURNAMES,
    QUOTES,
    STOP,
    TITLES,
)
from storyline.vocabulary import HONORIFICS, country_of

# A common-word surname must be used as a subject this many times as often as after a
# determiner to be a name throughout the article. Set by hand on the dev data / invented examples; not tuned.
SUBJECT_TO_NOUN = 3
# A census surname is tested for being a common word only when the model has seen it this
# often (fewer: too little evidence to overrule the census).
# Set by hand on the dev data / invented examples; not tuned.
MIN_SURNAME_TEST_COUNT = 100
# A rare word after a first name is a surname unless web text writes it in lower case more
# often than this leaves. Set by hand on the dev data / invented examples; not tuned.
RARE_SURNAME_WEB_SHARE = 0.5


def article_names(tokens: list[str]) -> set[str]:
    """Surnames that are common words, which a lowercase article uses as names throughout.

    A census surname the model knows as a common word ("woods", "green") counts when the
    article uses it at least twice as the subject of a reporting or finite verb ("woods said",
    "green has") or as a possessive, and at least three times as often as after a determiner
    ("the woods", "a green"): the seed of the ``names`` set that ``truecase_tokens`` fills.
    """
    keys = [t.lower() for t in tokens]
    subject: Counter[str] = Counter()
    noun: Counter[str] = Counter()
    caser = truecaser()
    for n, key in enumerate(keys):
        if not key.isalpha() or key not in caser.word_casing_lookup or not is_surname(key):
            continue
        prev = keys[n - 1] if n else ""
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        conjunction = prev == "that" and nxt in AFTER_SUBJECT_NAME  # "proves that woods is"
        if (prev in DETERMINERS and not conjunction) or prev in NOT_NAME_BEFORE:
            noun[key] += 1
        elif nxt in AFTER_SUBJECT_NAME or _possessive(keys, n) or (prev == "said" and nxt in (".", ",")):
            subject[key] += 1  # "woods said", "woods ' finishes", "said green ."
    return {
        key
        for key, k in subject.items()
        if k >= _MIN_SUBJECT_USES
        and k >= SUBJECT_TO_NOUN * noun[key]
        and web_capital_share(key) >= _MIN_NAME_WEB_SHARE  # not "staff said", "life is"
        and caser.uni_dist[key] < _MAX_PROPAGATED_LOWER  # not "may is"
        and key not in TITLES
        and key not in NAME_TITLES
    }


def _possessive(keys: list[str], n: int) -> bool:
    """Whether token n takes a possessive: "green ' s", "woods ' finishes"; not "don ' t"."""
    after = keys[n + 2] if n + 2 < len(keys) else ""
    return keys[n + 1 : n + 2] == ["'"] and after not in CONTRACTIONS


def article_name_case(words: list[str], n: int, out: list[str], names: set[str], caser: Any) -> str:
    """Keep a surname the article introduced capitalised: "Nora Foster … Foster said".

    ``names`` holds the article's surnames that are also common words; a name in its surname
    slot (after a first name or an honorific) joins it, and its later bare mentions are
    capitalised unless a determiner makes them common nouns again ("the woods").
    """
    key = words[n].lower()
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    conjunction = prev == "that" and nxt in AFTER_SUBJECT_NAME  # "prove that woods is"
    if out[n].islower() and key in names and (prev not in DETERMINERS or conjunction):
        return words[n].capitalize()
    if (
        out[n][:1].isupper()
        and caser.uni_dist[key] < _MAX_PROPAGATED_LOWER
        and in_surname_slot(words, n, out[n - 1] if n else None)
    ):
        names.add(key)
    return out[n]


def after_attributed_name(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n follows a name that follows a quote or a comma: '," Hollister states'."""
    if n < 2 or not (prev_cased and prev_cased[:1].isupper()) or words[n - 2] not in {",", *QUOTES}:
        return False
    key = prev_cased.lower()
    return is_surname(key) or key not in truecaser().word_casing_lookup  # not "…, United States"


def between_title_and_name(words: list[str], n: int, caser: Any) -> bool:
    """Whether word n stands between an office and a name: "minister marise payne"."""
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    return (prev in NAME_TITLES or prev in TITLES) and is_probably_name(nxt, caser)


# A census surname the model sees in lower case this often is a common word after a first
# name ("Kim left", "Kim held"), not the surname of "Jeff Sessions" (0.93).
# Set by hand on the dev data / invented examples; not tuned.
_MAX_SURNAME_LOWER_SHARE = 0.96
# How often an article must use a common-word surname as a subject to make it a name, and
# how often web text must capitalise it ("Woods" 19 %, but "staff" under 12 %).
# Set by hand on the dev data / invented examples; not tuned.
_MIN_SUBJECT_USES = 2
_MIN_NAME_WEB_SHARE = 0.15
# A name the model knows this often in lower case is a common word first ("may", "can").
# Set by hand on the dev data / invented examples; not tuned.
_MAX_PROPAGATED_LOWER = 1000


def is_first_name(word: str | None) -> bool:
    """A capitalised common first name ("Jeff", "Nora")."""
    return bool(word and word[:1].isupper() and word[1:].islower() and word.lower() in census_names()[0])


def is_surname(key: str) -> bool:
    """A census surname that is not a verb the model hardly ever sees capitalised ("Kim left")."""
    if key not in census_names()[1] or key in STOP or key in NOT_SURNAMES:
        return False
    forms = truecaser().word_casing_lookup.get(key, ())
    total = sum(truecaser().uni_dist[f] for f in forms)
    return not (
        total >= MIN_SURNAME_TEST_COUNT and truecaser().uni_dist[key] >= _MAX_SURNAME_LOWER_SHARE * total
    )


def in_surname_slot(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n is where a surname goes: after an honorific or a (cased) first name."""
    prev = words[n - 1].lower() if n else ""
    honorific = prev in HONORIFICS or (prev == "." and n >= 2 and words[n - 2].lower() in HONORIFICS)
    return honorific or is_first_name(prev_cased)


def after_first_name(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n follows a first name that is not itself a surname's place ("Theresa May")."""
    before = words[n - 2].capitalize() if n >= 2 else None
    if n == 1:  # the sentence's first word, still in lower case until the last pass
        prev_cased = words[0].capitalize()
    return is_first_name(prev_cased) and not is_first_name(before)


def rare_word_is_surname(key: str, web: tuple[str, float] | None) -> bool:
    """A word news hardly uses, after a first name: a surname unless web text writes it in
    lower case ("Voskuiling", "Pellinger"; not "Alex ran")."""
    if len(key) <= 2 or not key.isalpha() or key in STOP or key in NOT_SURNAMES:
        return False
    return web is None or web[1] >= RARE_SURNAME_WEB_SHARE


def is_demonym(key: str) -> bool:
    """A word for a country's people ("canadians", "french"), which no first name precedes."""
    found = country_of(key)
    return found is not None and found[1] == "demonym"
