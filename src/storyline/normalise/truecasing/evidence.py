"""What the ``truecase`` model and web text say about one word's case: the model's proposal
checked against the evidence for a capital, and tests for names, acronyms and common words."""

from __future__ import annotations

import re
from typing import Any

from storyline.normalise.truecasing.lexicon import CasingLexicon, web_capital_share
from storyline.normalise.truecasing.word_lists import LOWER_SUFFIXES, PLACE_ENDINGS, STOP

# The least product of the model's and web text's capital shares for a capital mid-sentence
# ("East" .78 x .52 passes; "Federal" .69 x .25 does not).
# Set by hand on the dev data / invented examples; not tuned.
_MIN_CAPITAL_EVIDENCE = 0.25

# Fewer occurrences than this in the truecase model make a word rare: web text's casing and
# the name rules decide instead of the model. Set by hand on the dev data / invented examples; not tuned.
RARE_MODEL_COUNT = 5
# A capital the model proposes for a word it also sees this share of the time in lower case
# must be favoured by the neighbouring words' bigrams.
# Set by hand on the dev data / invented examples; not tuned.
LOWER_SHARE_FOR_BIGRAMS = 0.2
# After a name the model does not know, web text must capitalise a word this often for it to
# be the kind of body ("Harwick Council", but "the Trudeau government").
# Set by hand on the dev data / invented examples; not tuned.
AFTER_NAME_WEB_SHARE = 0.3
# The model's title-case share that makes a word "often capitalised" by default.
# Set by hand on the dev data / invented examples; not tuned.
CAPITAL_FORM_SHARE = 0.25
# A common lower-case word (part of a compound, stem of a plural): seen this often, and in
# lower case at least this share of the time. Set by hand on the dev data / invented examples; not tuned.
MIN_COMMON_COUNT = 20
COMMON_LOWER_SHARE = 0.75


def vocabulary_case(key: str, proposed: str, caser: Any, prev: str | None, nxt: str) -> str:
    """The model's casing, but a capital mid-sentence only with evidence for it.

    The model's counts come from headline-heavy newswire, where "Federal" and "International"
    outnumber their lower-case forms; a capital is kept only where it is the commoner form
    and, for a word also common in lower case, where the neighbouring words favour it.
    """
    if len(proposed) != len(key):
        return key
    forms = caser.word_casing_lookup[key]
    lower_known = key in forms
    if proposed[:1].isupper() and lower_known:
        if caser.uni_dist[proposed] <= caser.uni_dist[key]:
            return key
        total = sum(caser.uni_dist[f] for f in forms)
        acronym = proposed.isupper() and 1 < len(proposed) <= 4  # "GMT": the bigrams are too sparse
        after_capital = bool(prev and prev[:1].isupper() and prev.lower() not in STOP)
        if not acronym and nxt != "of" and not after_capital:
            # Newswire capitalises "Federal" and "Commission" in headlines and company names;
            # web text mostly does not: both must lean to the capital ("University of",
            # "Wayne State University" are left to the bigrams).
            share = caser.uni_dist[proposed] / total
            if share * web_capital_share(key) < _MIN_CAPITAL_EVIDENCE:
                return key
        if (
            not acronym
            and caser.uni_dist[key] >= LOWER_SHARE_FOR_BIGRAMS * total
            and not _bigram_favours(proposed, key, prev, nxt, caser)
        ):
            return key
    rare = sum(caser.uni_dist[f] for f in forms) < RARE_MODEL_COUNT
    if rare and not lower_known and proposed[1:].islower() and _is_common_word(key, caser):
        return key  # seen a handful of times, capitalised in a headline ("Hotline", "Porters")
    return str(proposed)


def _bigram_favours(capital: str, lower: str, prev: str | None, nxt: str, caser: Any) -> bool:
    """Whether the words either side were seen more often with the capitalised form.

    After a name the model does not know ("Harwick Council", "Dixon Hall") the capital wins.
    """
    if after_unknown_name(prev, caser):
        return (
            web_capital_share(lower) >= AFTER_NAME_WEB_SHARE
        )  # "Harwick Council", but "the Trudeau government"
    score = {
        form: (caser.forward_bi_dist[f"{form}_{nxt}"] if nxt else 0)
        + (caser.backward_bi_dist[f"{prev}_{form}"] if prev else 0)
        for form in (capital, lower)
    }
    return bool(score[capital] > score[lower])


def has_capital_form(key: str, caser: Any, share: float = CAPITAL_FORM_SHARE) -> bool:
    """A word the model often sees capitalised (a first name like Hazel, not "among")."""
    forms = caser.word_casing_lookup.get(key, ())
    # Title case only: headlines in capitals ("SAYS") are no evidence.
    capital = sum(caser.uni_dist[f] for f in forms if f[:1].isupper() and not f.isupper())
    total = sum(caser.uni_dist[f] for f in forms)
    return bool(total > 0 and capital / total >= share)


def after_name(prev: str | None, caser: Any, key: str) -> bool:
    """After a short acronym ("CBC") or an unknown name ("Harwick"), a kind of body may follow;
    after a name, only a word web text often capitalises ("Dixon Hall", not "Trudeau government")."""
    is_acronym = bool(prev and 2 <= len(prev) <= 5 and prev.isalpha() and prev.isupper())
    return is_acronym or (after_unknown_name(prev, caser) and web_capital_share(key) >= AFTER_NAME_WEB_SHARE)


def after_unknown_name(prev: str | None, caser: Any) -> bool:
    """Whether the word before was capitalised as a name the model does not know."""
    return bool(
        prev and prev[:1].isupper() and prev[1:].islower() and prev.lower() not in caser.word_casing_lookup
    )


# Three consonants that start spoken words and names ("Schrank", "Strand", "Christou").
_SPOKEN_ONSETS = ("sch", "str", "spr", "scr", "spl", "thr", "chr", "shr", "phr", "sph")


def is_unpronounceable(key: str) -> bool:
    """Two to five letters that cannot be read as a word: no vowel, or three consonants at the start."""
    if not (2 <= len(key) <= 5 and key.isalpha()):
        return False
    if not re.search(r"[aeiouy]", key):
        return True
    return bool(re.match(r"[^aeiouy]{3}", key)) and not key.startswith(_SPOKEN_ONSETS)


def _is_common_word(key: str, caser: Any) -> bool:
    """A derived form, plural or compound of common lower-case words."""
    if key.endswith(LOWER_SUFFIXES):
        return True
    return (key.endswith("s") and _is_common_lower(key[:-1], caser)) or _is_compound(key, caser)


def is_probably_name(key: str, caser: Any) -> bool:
    """An out-of-vocabulary word that is not a plural, derived form or compound of known words."""
    if len(key) <= 2 or not key.isalpha() or key.endswith(LOWER_SUFFIXES) or key in STOP:
        return False
    if key in caser.word_casing_lookup:  # a name if the model only knows it capitalised
        return all(f[:1].isupper() for f in caser.word_casing_lookup[key])
    stem = key[:-1] if key.endswith("s") else key
    return stem not in caser.word_casing_lookup


def _is_compound(key: str, caser: Any) -> bool:
    """Two common lower-case words run together ("hotline", "waitlist"), not a place name."""
    if key.endswith(PLACE_ENDINGS):
        return False
    for cut in range(3, len(key) - 2):
        if _is_common_lower(key[:cut], caser) and _is_common_lower(key[cut:], caser):
            return True
    return False


def _is_common_lower(part: str, caser: Any) -> bool:
    if part in STOP:
        return False
    forms = caser.word_casing_lookup.get(part, ())
    total = sum(caser.uni_dist[f] for f in forms)
    return bool(total >= MIN_COMMON_COUNT and caser.uni_dist[part] >= COMMON_LOWER_SHARE * total)


def looks_like_name(word: str, lexicon: CasingLexicon, caser: Any) -> bool:
    key = word.lower()
    if not key[:1].isalpha() or key in STOP:
        return False
    if key in lexicon:
        return lexicon[key][:1].isupper()
    return is_probably_name(key, caser)
