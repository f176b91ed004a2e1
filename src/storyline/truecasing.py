"""Truecasing one sentence of lowercased news text, token by token.

normalise.py detokenises a lowercased scrape and cuts it into sentences; this module decides
each word's case. The evidence, strongest first:

1. the story's own casing lexicon (a name written with capitals in another article);
2. the ``truecase`` model: its unigram counts, and its bigram counts for names whose parts
   are common words ("White House", "New York Times", "State Department");
3. for words the model hardly knows, web text's casing (``data/casing_words.tsv.gz``, from
   spaCy's English lexeme probabilities): "PBO", "FedEx", but "porters", "emails";
4. rules for what the model does not know: acronyms (unknown words with no vowel run, dotted
   "u.s."), names (out-of-vocabulary words, "Mc" surnames, a common word after an honorific
   or a census first name: "Mr. Hemming", "Jeff Sessions"), a word after an acronym that web
   text often capitalises ("PGA Tour"), compounds of common words ("hotline"), titles before
   names, and sentence starts;
5. the article itself: a surname it introduced ("Cecil Foster") stays capitalised in its
   later bare mentions ("Foster said"), unless a determiner makes it a noun ("the foster home").

The data files are built by ``data/casing_build.py`` from two pinned packages' archives; neither
package is needed at run time.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.vocabulary import HONORIFICS, MONTH_ABBREVIATIONS, OFFICE_TITLES

CasingLexicon = dict[str, str]

ENGLISH_FUNCTION_WORDS = (
    "the of and to in a is that for on it with as was he she said by at from his her be "
    "are have has had not but this which they were an or who will their its been would"
)
_QUOTES = {'"', "“", "”"}
_TITLES = HONORIFICS | OFFICE_TITLES
# Offices that news style capitalises only before a name: "President Moon", "the president".
_NAME_TITLES = OFFICE_TITLES | {
    "mayor", "minister", "secretary", "director", "chief", "governor", "senator", "chancellor",
    "chairman", "chairwoman", "commissioner", "ambassador", "premier", "sheriff",
}  # fmt: skip
# Months that are also common words, and the words that show they are months.
_AMBIGUOUS_MONTHS = {"may", "march"}
_BEFORE_MONTH = {"in", "from", "since", "until", "till", "early", "late", "mid", "last", "next", "of"}
# Abbreviations written with a full stop that does not end the sentence.
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st"}
    | {"rev", "vs", "no"}
    | MONTH_ABBREVIATIONS
)
# Second halves of place names ("Greenwood", "Blackburn"): such a compound stays a name.
_PLACE_ENDINGS = (
    "wood", "burn", "field", "ford", "dale", "well", "bridge", "worth", "ham", "ton", "stone",
    "land", "hill", "brook", "water", "berg", "ville", "mouth", "port", "gate", "castle", "ley",
    "by", "bury", "church", "shire", "side", "view", "park",
)  # fmt: skip
_LOWER_SUFFIXES = (
    "ised", "ising", "isation", "isations", "ise", "our", "ours", "ing", "ed", "ly", "ment",
    "ments", "tion", "tions", "ness", "ful", "ous", "ive", "able", "ible",
)  # fmt: skip
STOP = set(ENGLISH_FUNCTION_WORDS.split()) | {
    "i", "me", "my", "we", "us", "our", "you", "your", "him", "them", "there", "here", "what",
    "when", "where", "why", "how", "all", "any", "so", "if", "then", "than", "just", "also",
    "only", "over", "up",
}  # fmt: skip
# Fewer occurrences than this in the truecase model: the web casing table decides instead.
_RARE = 5
# A bigram counts as a name when its capitalised form is seen this often, and more often
# than all its other casings together.
_MIN_PHRASE_COUNT = 3


@lru_cache(maxsize=1)
def truecaser() -> Any:
    from truecase.TrueCaser import TrueCaser

    return TrueCaser()


def build_casing_lexicon(texts: Iterable[str]) -> CasingLexicon:
    """Words the story's cased articles write with capitals mid-sentence (names, bodies).

    A word counts when its capitalised form is at least twice as common as its lowercase
    form away from sentence starts; function words never count.
    """
    cased: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for m in re.finditer(r"(?<=[a-z,;:]) (?P<w>[^\W\d_][\w'’-]*)", text):
            word = m.group("w")
            key = word.lower()
            if key in STOP:
                continue
            if word[0].isupper():
                cased[key] += 1
                forms.setdefault(key, Counter())[word] += 1
            else:
                lower[key] += 1
    caser = truecaser()
    return {
        key: forms[key].most_common(1)[0][0]
        for key, n in cased.items()
        # One capitalised "Social" in "Adult Social Care" must not capitalise "social media".
        if n >= 2 * lower[key] and (n >= 2 or key not in caser.word_casing_lookup)
    }


def truecase_tokens(
    words: list[str], glued: list[bool], lexicon: CasingLexicon, names: set[str] | None = None
) -> list[str]:
    """The cased form of each token of one sentence; ``glued[n]``: no space before token n."""
    caser = truecaser()
    model = caser.get_true_case_from_tokens(words, out_of_vocabulary_token_option="as-is")
    out = list(words)
    fixed = [False] * len(words)  # decided by the lexicon or an address: later passes keep it
    for n, word in enumerate(words):
        if n >= 2 and glued[n] and words[n - 1] == "'" and words[n - 2] == "o" and glued[n - 1]:
            out[n - 2], out[n] = "O", word.capitalize()  # "O'Regan"
            fixed[n - 2] = fixed[n] = True
            continue
        if not word[:1].isalpha() or (glued[n] and n and words[n - 1] == "'"):
            fixed[n] = True
            continue  # punctuation, and the clitic of "Luton's"
        if _in_address(words, glued, n) and not _in_dotted_acronym(words, glued, n):
            fixed[n] = True
            continue  # e-mail addresses and domains keep their lower case
        out[n] = _word_case(words, glued, n, model[n], lexicon, caser, out[n - 1] if n else None)
        if names is not None:
            out[n] = _article_name_case(words, n, out, names, caser)
        fixed[n] = word.lower() in lexicon
    _case_phrases(out, fixed, caser)
    _case_titles(out, fixed, lexicon, caser)
    return _case_sentence_start(words, out)


def _article_name_case(words: list[str], n: int, out: list[str], names: set[str], caser: Any) -> str:
    """Keep a surname the article introduced capitalised: "Cecil Foster … Foster said".

    ``names`` holds the article's surnames that are also common words; a name in its surname
    slot (after a first name or an honorific) joins it, and its later bare mentions are
    capitalised unless a determiner makes them common nouns again ("the woods").
    """
    key = words[n].lower()
    prev = words[n - 1].lower() if n else ""
    if out[n].islower() and key in names and prev not in _DETERMINERS:
        return words[n].capitalize()
    if (
        out[n][:1].isupper()
        and caser.uni_dist[key] < _MAX_PROPAGATED_LOWER
        and _in_surname_slot(words, n, out[n - 1] if n else None)
    ):
        names.add(key)
    return out[n]


def _word_case(
    words: list[str],
    glued: list[bool],
    n: int,
    proposed: str,
    lexicon: CasingLexicon,
    caser: Any,
    prev_cased: str | None,
) -> str:
    word = words[n]
    key = word.lower()
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    if key in lexicon:
        return lexicon[key]
    if len(key) == 1 and nxt == "." and _in_dotted_acronym(words, glued, n):
        return word.upper()  # a letter of "u.s.", "c.i.a."
    if key in HONORIFICS and nxt == "." and _next_word(words, n + 1).lower() not in STOP:
        return word.capitalize()  # "ms. may": the honorific, whatever the name is
    if key in ABBREVIATIONS and nxt == "." and _looks_like_name(_next_word(words, n + 1), lexicon, caser):
        return word.capitalize()  # "mr. trump", "sen. casey"
    forms = caser.word_casing_lookup.get(key, ())
    if len(key) == 2 and key[0] in "aeiou" and sum(caser.uni_dist[f] for f in forms) <= 2:
        return word.upper()  # "eu", "ap": two letters the model hardly knows, read as an acronym
    honorific = prev in HONORIFICS or (prev == "." and n >= 2 and words[n - 2].lower() in HONORIFICS)
    if honorific and key not in STOP and key not in _TITLES:
        return word.capitalize()  # "mr. moon", "mrs. may": after an honorific comes a name
    if forms and len(proposed) == 2 and proposed.isupper() and _after_unknown_name(prev_cased, caser):
        return word.capitalize()  # "Kim Jong Un", not "Jong UN"
    if forms and len(proposed) == 2 and proposed.isupper() and prev == "-" and glued[n]:
        return key  # "Kim Jong-un"
    web = _web_form(key)
    rare = sum(caser.uni_dist[f] for f in forms) < _RARE
    if web is not None and rare and prev not in _TITLES and not _in_surname_slot(words, n, prev_cased):
        form, share = web  # a word the model hardly knows: web text's casing decides, where it is clear
        if share >= 0.5 and re.fullmatch(r"[IVXLC]+", form) and not (prev_cased or "")[:1].isupper():
            return word.capitalize()  # "Xi Jinping", but "Henry VIII"
        if share >= 0.5:
            return form  # "PBO", "FedEx", "Covington"
        if share < 0.25:
            return key  # "porters", "emails", "waitlist"
    if forms:
        new = _vocabulary_case(key, proposed, caser, prev_cased, nxt)
        before_first = words[n - 2].capitalize() if n >= 2 else None  # "Theresa May speaks"
        if (
            new.islower()
            and _is_first_name(prev_cased)
            and _is_surname(key)
            and not _is_first_name(before_first)
        ):
            return word.capitalize()  # "Jeff Sessions", "Cecil Foster": a first name, then a surname
        after_title = prev in _NAME_TITLES or prev in _TITLES
        if new.islower() and _is_probably_name(nxt, caser):
            if _has_capital_form(key, caser, 0.1 if after_title else 0.25):
                new = new.capitalize()  # a first name before an unknown surname: "hazel Simmons"
        elif new.islower() and _has_capital_form(key, caser, 0.2) and _after_name(prev_cased, caser):
            new = new.capitalize()  # "Dixon Hall", "CBC News": a name, then its kind
        elif new.islower() and _is_acronym(prev_cased) and _may_follow_acronym(key):
            new = new.capitalize()  # "PGA Tour": an acronym, then a word often capitalised
        if key in _AMBIGUOUS_MONTHS and (prev in _BEFORE_MONTH or nxt.isdigit()):
            new = key.capitalize()  # "from may to july", "on march 3"
        return new
    if _is_unpronounceable(key):
        return word.upper()  # "cbp", "ctv", "kcna": an unknown word with no vowel run is an acronym
    if prev in _TITLES or _is_probably_name(key, caser):
        if key.startswith("mc") and len(key) > 4:
            return "Mc" + key[2:].capitalize()  # "McCallum"
        return word.capitalize()  # out of vocabulary in news: most often a name
    return word


def _in_dotted_acronym(words: list[str], glued: list[bool], n: int) -> bool:
    """Whether a single letter is glued to a dotted acronym's other letters ("u.s.")."""
    if len(words[n]) != 1:
        return False
    after = n + 3 < len(words) and glued[n + 2] and len(words[n + 2]) == 1 and words[n + 3] == "."
    return (n >= 2 and glued[n] and words[n - 1] == ".") or after


def _next_word(words: list[str], n: int) -> str:
    """The first word after position n, skipping punctuation."""
    return next((w for w in words[n + 1 :] if w[:1].isalnum()), "")


def _case_phrases(out: list[str], fixed: list[bool], caser: Any) -> None:
    """Capitalise both words of a bigram the model knows as a name: "white house", "new york"."""
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        if not (a.isalpha() and b.isalpha()) or a.lower() in STOP or b.lower() in STOP:
            continue
        forms_a = caser.word_casing_lookup.get(a.lower(), ())
        forms_b = caser.word_casing_lookup.get(b.lower(), ())
        name = a.lower().capitalize() + "_" + b.lower().capitalize()
        counts = {
            f"{x}_{y}": caser.backward_bi_dist[f"{x}_{y}"] for x in forms_a for y in forms_b if x.isalpha()
        }
        named = counts.get(name, 0)
        if named >= _MIN_PHRASE_COUNT and named > sum(counts.values()) - named:
            if not fixed[n] and a.islower():
                out[n] = a.capitalize()
            if not fixed[n + 1] and b.islower():
                out[n + 1] = b.capitalize()


def _case_titles(out: list[str], fixed: list[bool], lexicon: CasingLexicon, caser: Any) -> None:
    """A title is capitalised before a name ("President Moon") and lower case elsewhere."""
    for n, word in enumerate(out):
        key = word.lower()
        if fixed[n] or not (key in _TITLES or key in _NAME_TITLES):
            continue
        nxt = out[n + 1] if n + 1 < len(out) else ""
        before_name = nxt[:1].isupper() and nxt.lower() not in STOP and nxt.lower() not in _NAME_TITLES
        if key in _TITLES and _looks_like_name(nxt, lexicon, caser):
            before_name = True
        if before_name:
            out[n] = word.capitalize()
        elif key in _NAME_TITLES:
            out[n] = key


def _case_sentence_start(words: list[str], out: list[str]) -> list[str]:
    first_word = True
    for n, new in enumerate(out):
        if not words[n][:1].isalpha():
            continue
        if n >= 2 and words[n - 1] in _QUOTES and words[n - 2] == ":":
            first_word = True  # a quote introduced by a colon starts a sentence
        key = words[n].lower()
        if key == "i":
            new = "I"
        if first_word:
            new = new[:1].upper() + new[1:]
            first_word = False
        elif new[:1].isupper() and key in STOP and key != "i" and not (n and words[n - 1] == "."):
            new = new.lower()  # the model capitalises sentence-initial habits mid-sentence
        out[n] = new
    return out


def _in_address(words: list[str], glued: list[bool], n: int) -> bool:
    """Whether token n is glued to an '@' or a dot: part of an e-mail address or domain."""
    glued_before = n > 0 and glued[n] and words[n - 1] in ("@", ".")
    glued_after = n + 2 < len(words) and glued[n + 1] and words[n + 1] in ("@", ".") and glued[n + 2]
    return glued_before or glued_after


def _vocabulary_case(key: str, proposed: str, caser: Any, prev: str | None, nxt: str) -> str:
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
        if (
            not acronym
            and caser.uni_dist[key] >= 0.2 * total
            and not _bigram_favours(proposed, key, prev, nxt, caser)
        ):
            return key
    rare = sum(caser.uni_dist[f] for f in forms) < 5
    if rare and not lower_known and proposed[1:].islower() and _is_common_word(key, caser):
        return key  # seen a handful of times, capitalised in a headline ("Hotline", "Porters")
    return str(proposed)


def _bigram_favours(capital: str, lower: str, prev: str | None, nxt: str, caser: Any) -> bool:
    """Whether the words either side were seen more often with the capitalised form.

    After a name the model does not know ("Harwick Council", "Dixon Hall") the capital wins.
    """
    if _after_unknown_name(prev, caser):
        return True
    score = {
        form: (caser.forward_bi_dist[f"{form}_{nxt}"] if nxt else 0)
        + (caser.backward_bi_dist[f"{prev}_{form}"] if prev else 0)
        for form in (capital, lower)
    }
    return bool(score[capital] > score[lower])


def _has_capital_form(key: str, caser: Any, share: float = 0.25) -> bool:
    """A word the model often sees capitalised (a first name like Hazel, not "among")."""
    forms = caser.word_casing_lookup.get(key, ())
    capital = sum(caser.uni_dist[f] for f in forms if f[:1].isupper())
    total = sum(caser.uni_dist[f] for f in forms)
    return bool(total > 0 and capital / total >= share)


def _after_name(prev: str | None, caser: Any) -> bool:
    """After an unknown name ("Harwick") or a short acronym ("CBC"), a kind of body may follow."""
    is_acronym = bool(prev and 2 <= len(prev) <= 5 and prev.isalpha() and prev.isupper())
    return is_acronym or _after_unknown_name(prev, caser)


def _after_unknown_name(prev: str | None, caser: Any) -> bool:
    """Whether the word before was capitalised as a name the model does not know."""
    return bool(
        prev and prev[:1].isupper() and prev[1:].islower() and prev.lower() not in caser.word_casing_lookup
    )


def _is_unpronounceable(key: str) -> bool:
    """Two to five letters that cannot be read as a word: no vowel, or three consonants at the start."""
    if not (2 <= len(key) <= 5 and key.isalpha()):
        return False
    return not re.search(r"[aeiouy]", key) or bool(re.match(r"[^aeiouy]{3}", key))


def _is_common_word(key: str, caser: Any) -> bool:
    """A derived form, plural or compound of common lower-case words."""
    if key.endswith(_LOWER_SUFFIXES):
        return True
    return (key.endswith("s") and _is_common_lower(key[:-1], caser)) or _is_compound(key, caser)


def _is_probably_name(key: str, caser: Any) -> bool:
    """An out-of-vocabulary word that is not a plural, derived form or compound of known words."""
    if len(key) <= 2 or not key.isalpha() or key.endswith(_LOWER_SUFFIXES) or key in STOP:
        return False
    if key in caser.word_casing_lookup:  # a name if the model only knows it capitalised
        return all(f[:1].isupper() for f in caser.word_casing_lookup[key])
    stem = key[:-1] if key.endswith("s") else key
    return stem not in caser.word_casing_lookup


def _is_compound(key: str, caser: Any) -> bool:
    """Two common lower-case words run together ("hotline", "waitlist"), not a place name."""
    if key.endswith(_PLACE_ENDINGS):
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
    return bool(total >= 20 and caser.uni_dist[part] >= 0.75 * total)


def _looks_like_name(word: str, lexicon: CasingLexicon, caser: Any) -> bool:
    key = word.lower()
    if not key[:1].isalpha() or key in STOP:
        return False
    if key in lexicon:
        return lexicon[key][:1].isupper()
    return _is_probably_name(key, caser)


# -- word data built from pinned packages (data/casing_build.py) ---------------------------------

_DATA = Path(__file__).resolve().parent / "data"
# Words a census surname list holds that follow a first name as something else: "Jeff said".
_NOT_SURNAMES = {"said", "says", "told", "tells", "added", "asked", "wrote", "has", "will", "also", "is"}
# A word after these is a common noun, even where the article uses it as a name: "the woods".
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "some", "any", "no", "every", "each",
}  # fmt: skip
# A name the model knows this often in lower case is a common word first ("may", "can").
_MAX_PROPAGATED_LOWER = 1000


@lru_cache(maxsize=1)
def _word_forms() -> dict[str, tuple[str, float]]:
    """Web-text casing: each word's commonest form other than lowercase, and its share (0-1)."""
    forms: dict[str, tuple[str, float]] = {}
    with gzip.open(_DATA / "casing_words.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            key, form, share = line.rstrip("\n").split("\t")
            forms[key] = (form or key, int(share) / 100)
    return forms


@lru_cache(maxsize=1)
def _census_names() -> tuple[frozenset[str], frozenset[str]]:
    """Common first names, and surnames that are also words the truecase model knows."""
    first: set[str] = set()
    last: set[str] = set()
    with gzip.open(_DATA / "casing_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, name = line.rstrip("\n").split("\t")
            (first if kind == "first" else last).add(name)
    return frozenset(first), frozenset(last)


def _web_form(key: str) -> tuple[str, float] | None:
    return _word_forms().get(key)


def _web_capital_share(key: str) -> float:
    found = _web_form(key)
    return found[1] if found else 0.0


def _is_first_name(word: str | None) -> bool:
    """A capitalised common first name ("Jeff", "Cecil")."""
    return bool(word and word[:1].isupper() and word[1:].islower() and word.lower() in _census_names()[0])


def _is_surname(key: str) -> bool:
    return key in _census_names()[1] and key not in STOP and key not in _NOT_SURNAMES


def _in_surname_slot(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n is where a surname goes: after an honorific or a (cased) first name."""
    prev = words[n - 1].lower() if n else ""
    honorific = prev in HONORIFICS or (prev == "." and n >= 2 and words[n - 2].lower() in HONORIFICS)
    return honorific or _is_first_name(prev_cased)


def _is_acronym(word: str | None) -> bool:
    return bool(word and 2 <= len(word) <= 5 and word.isalpha() and word.isupper())


def _may_follow_acronym(key: str) -> bool:
    """A word the web often capitalises, which after an acronym is part of its name ("PGA Tour")."""
    return key not in STOP and not key.endswith(("ed", "ly")) and _web_capital_share(key) >= 0.12
