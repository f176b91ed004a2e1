"""Truecasing one sentence: each word's case, then the passes over the whole sentence
(acronym definitions, known names, bodies, bigram names, titles, the sentence start)."""

from __future__ import annotations

from typing import Any

from storyline.normalise.truecasing.bodies import case_body_names
from storyline.normalise.truecasing.evidence import looks_like_name
from storyline.normalise.truecasing.known_names import case_known_names
from storyline.normalise.truecasing.lexicon import CasingLexicon, truecaser
from storyline.normalise.truecasing.people import article_name_case
from storyline.normalise.truecasing.word_case import in_address, in_dotted_acronym, word_case
from storyline.normalise.truecasing.word_lists import ACRONYM_GLUE, NAME_TITLES, QUOTES, STOP, TITLES

# A bigram counts as a name when its capitalised form is seen this often, and more often
# than all its other casings together.
# Set by hand on the dev data / invented examples; not tuned.
_MIN_PHRASE_COUNT = 3
# A bigram of two words the model sees this often in lower case must be seen capitalised this
# often to count as a name.
# Set by hand on the dev data / invented examples; not tuned.
_COMMON_LOWER = 100
_MIN_COMMON_PHRASE_COUNT = 10
# How many times more often than all its other casings a bigram must be seen capitalised.
# Set by hand on the dev data / invented examples; not tuned.
_PHRASE_MARGIN = 2


def truecase_tokens(
    words: list[str],
    glued: list[bool],
    lexicon: CasingLexicon,
    names: set[str] | None = None,
    parties: frozenset[str] = frozenset(),
    legislature: bool = False,
) -> list[str]:
    """The cased form of each token of one sentence; ``glued[n]``: no space before token n.

    ``names`` holds the article's surnames that are common words (see ``article_names``),
    ``parties`` the parties it names (see ``article_parties``); ``legislature``: the article
    is about a legislature (see ``article_legislature``).
    """
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
        if in_address(words, glued, n) and not in_dotted_acronym(words, glued, n):
            fixed[n] = True
            continue  # e-mail addresses and domains keep their lower case
        out[n] = word_case(words, glued, n, model[n], lexicon, caser, out[n - 1] if n else None)
        if names is not None:
            out[n] = article_name_case(words, n, out, names, caser)
        fixed[n] = word.lower() in lexicon
    _case_acronym_definitions(words, out, fixed, lexicon)
    case_known_names(words, out, fixed, parties, legislature)
    case_body_names(out, fixed)
    _case_phrases(out, fixed, caser)
    _case_titles(out, fixed, lexicon, caser)
    return _case_sentence_start(words, out)


def _case_acronym_definitions(
    words: list[str], out: list[str], fixed: list[bool], lexicon: CasingLexicon
) -> None:
    """A name and the acronym defined after it: "Federation of Prairie Growers (FPG)".

    The acronym in brackets spells the initials of the words before it (function words
    between them aside); it is written in capitals, the words of its name are capitalised,
    and it joins ``lexicon``, so the article's later mentions ("the fpg members") are capitals too.
    """
    for n in range(1, len(words) - 1):
        key = words[n].lower()
        if not (words[n - 1] == "(" and words[n + 1] == ")" and 2 <= len(key) <= 6 and key.isalpha()):
            continue
        span = _acronym_expansion(words, n - 1, key)
        if span is None:
            continue
        out[n], fixed[n] = key.upper(), True
        lexicon.setdefault(key, key.upper())
        for k in range(span, n - 1):
            if words[k].lower() not in ACRONYM_GLUE and not fixed[k]:
                out[k] = out[k][:1].upper() + out[k][1:]


def _acronym_expansion(words: list[str], bracket: int, letters: str) -> int | None:
    """Where the words whose initials spell ``letters`` start, ending before ``bracket``."""
    k = bracket - 1
    for letter in reversed(letters):
        while k >= 0 and words[k].lower() in ACRONYM_GLUE and k < bracket - 1:
            k -= 1  # "of", "and" between the words of the name
        if k < 0 or not words[k][:1].isalpha() or words[k][:1].lower() != letter:
            return None
        if words[k].lower() in STOP:
            return None
        k -= 1
    return k + 1


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
        common = all(caser.uni_dist[w.lower()] >= _COMMON_LOWER for w in (a, b))
        if common and named < _MIN_COMMON_PHRASE_COUNT:
            continue  # two common words seen capitalised together a few times: "Federal Election"
        # A name needs a clear lead: "White House" (255 to 14) is one, "Federal Government"
        # (145 to 93) is not.
        others = sum(counts.values()) - named
        if named >= _MIN_PHRASE_COUNT and named > others and named >= _PHRASE_MARGIN * others:
            if not fixed[n] and a.islower():
                out[n] = a.capitalize()
            if not fixed[n + 1] and b.islower():
                out[n + 1] = b.capitalize()


def _case_titles(out: list[str], fixed: list[bool], lexicon: CasingLexicon, caser: Any) -> None:
    """A title is capitalised before a name ("President Moon") and lower case elsewhere."""
    for n, word in enumerate(out):
        key = word.lower()
        if fixed[n] or not (key in TITLES or key in NAME_TITLES):
            continue
        nxt = out[n + 1] if n + 1 < len(out) else ""
        if key == "secretary" and [w.lower() for w in out[n + 1 : n + 3]] == ["of", "state"]:
            # "Secretary of State Jane Ostrowski", but "the secretary of state" and "secretary of
            # state-designate": the office, not the State Department.
            after = out[n + 3] if n + 3 < len(out) else ""
            named = after[:1].isupper() and after.lower() not in STOP and not fixed[n + 2]
            out[n], out[n + 2] = ("Secretary", "State") if named else ("secretary", "state")
            continue
        before_name = nxt[:1].isupper() and nxt.lower() not in STOP and nxt.lower() not in NAME_TITLES
        if key in TITLES and looks_like_name(nxt, lexicon, caser):
            before_name = True
        if before_name:
            out[n] = word.capitalize()
        elif key in NAME_TITLES:
            out[n] = key
            if n and out[n - 1] == "Prime" and not fixed[n - 1]:
                out[n - 1] = "prime"  # "the prime minister", as the title is lower case here


def _case_sentence_start(words: list[str], out: list[str]) -> list[str]:
    first_word = True
    for n, new in enumerate(out):
        if not words[n][:1].isalpha():
            continue
        if n >= 2 and words[n - 1] in QUOTES and words[n - 2] == ":":
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
