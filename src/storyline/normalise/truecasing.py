"""Truecasing one sentence of lowercased news text, token by token.

normalise.py detokenises a lowercased scrape and cuts it into sentences; this module decides
each word's case. The evidence, strongest first:

1. the story's own casing lexicon (a name written with capitals in another article);
2. names of organisations made of common words (``data/casing_phrases.tsv``: outlets, wire
   services, parties, government bodies), matched as whole phrases ("veterans affairs",
   "the canadian press"); a paper with a common-word name only in a reporting context ("told
   the times"); a party's adjective before a party noun ("liberal mp") or in an article that
   names the party ("the liberals");
3. the ``truecase`` model: its unigram counts (a capital mid-sentence only where web text
   also leans to it: "the federal government"), and its bigram counts for names whose parts
   are common words ("White House", "State Department");
4. for words the model hardly knows, web text's casing (``data/casing_words.tsv.gz``, from
   spaCy's English lexeme probabilities): "PBO", "FedEx", but "porters", "emails";
5. rules for what the model does not know: acronyms (unknown words with no vowel run, dotted
   "u.s."), names (out-of-vocabulary words, "Mc" surnames, a common word after an honorific
   or a census first name: "Mr. Hemming", "Jeff Sessions"; a word news hardly uses after a
   first name: "Alex Voskuiling"), a word after an acronym that web text often capitalises ("PGA
   Tour"), compounds of common words ("hotline"), titles before names, a name or acronym
   followed by the kind of body it is ("Saskatoon Police Service", "QE II Health Sciences
   Centre"), up to three words before a company's legal form ("Tallwood Research & Consulting
   Inc."), public bodies named with common words after "the" ("the National Energy Board",
   "the Office of Refugee Resettlement", but "a federal agency", "the centre of town"), state
   and province abbreviations ("Oakville, Ont."), and sentence starts;
6. the article itself: a surname it introduced ("Nora Foster") stays capitalised in its
   later bare mentions ("Foster said"), unless a determiner makes it a noun ("the foster home");
   so does a common-word surname the article uses as a subject ("woods said", "green has");
   an acronym it defines in brackets ("federation of prairie growers ( fpg )")
   capitalises its name and stays capitals; in an article about a legislature, "the house"
   before a verb or a clause's end is the House.

Smaller rules keep common words common: a noun before a full name ("rookie Marcus
Lindqvist") or a demonym ("ill Canadians"), a reporting verb after a quote's speaker (',"
Hollister states'), and "secretary of state" away from a name ("Secretary of State Jane
Ostrowski", but "as secretary of state").

The word data files are built by ``data/casing_build.py`` from two pinned packages' archives;
neither package is needed at run time. ``data/casing_phrases.tsv`` is compiled by hand (its
header says how).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.vocabulary import HONORIFICS, MONTH_ABBREVIATIONS, OFFICE_TITLES, country_of

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
    "ments", "tion", "tions", "ness", "ful", "ous", "ive", "able", "ible", "list", "lists", "gist",
    "gists", "tist", "tists", "nist", "nists",
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
# A bigram of two words the model sees this often in lower case must be seen capitalised this
# often to count as a name.
_COMMON_LOWER = 100
_MIN_COMMON_PHRASE_COUNT = 10
# How many times more often than all its other casings a bigram must be seen capitalised.
_PHRASE_MARGIN = 2
# The least product of the model's and web text's capital shares for a capital mid-sentence
# ("East" .78 x .52 passes; "Federal" .69 x .25 does not).
_MIN_CAPITAL_EVIDENCE = 0.25


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
        if _in_address(words, glued, n) and not _in_dotted_acronym(words, glued, n):
            fixed[n] = True
            continue  # e-mail addresses and domains keep their lower case
        out[n] = _word_case(words, glued, n, model[n], lexicon, caser, out[n - 1] if n else None)
        if names is not None:
            out[n] = _article_name_case(words, n, out, names, caser)
        fixed[n] = word.lower() in lexicon
    _case_acronym_definitions(words, out, fixed, lexicon)
    _case_known_names(words, out, fixed, parties, legislature)
    _case_body_names(out, fixed)
    _case_phrases(out, fixed, caser)
    _case_titles(out, fixed, lexicon, caser)
    return _case_sentence_start(words, out)


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
        if not key.isalpha() or key not in caser.word_casing_lookup or not _is_surname(key):
            continue
        prev = keys[n - 1] if n else ""
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        conjunction = prev == "that" and nxt in _AFTER_SUBJECT_NAME  # "proves that woods is"
        if (prev in _DETERMINERS and not conjunction) or prev in _NOT_NAME_BEFORE:
            noun[key] += 1
        elif nxt in _AFTER_SUBJECT_NAME or _possessive(keys, n) or (prev == "said" and nxt in (".", ",")):
            subject[key] += 1  # "woods said", "woods ' finishes", "said green ."
    return {
        key
        for key, k in subject.items()
        if k >= _MIN_SUBJECT_USES
        and k >= 3 * noun[key]
        and _web_capital_share(key) >= _MIN_NAME_WEB_SHARE  # not "staff said", "life is"
        and caser.uni_dist[key] < _MAX_PROPAGATED_LOWER  # not "may is"
        and key not in _TITLES
        and key not in _NAME_TITLES
    }


def _possessive(keys: list[str], n: int) -> bool:
    """Whether token n takes a possessive: "green ' s", "woods ' finishes"; not "don ' t"."""
    after = keys[n + 2] if n + 2 < len(keys) else ""
    return keys[n + 1 : n + 2] == ["'"] and after not in _CONTRACTIONS


def _article_name_case(words: list[str], n: int, out: list[str], names: set[str], caser: Any) -> str:
    """Keep a surname the article introduced capitalised: "Nora Foster … Foster said".

    ``names`` holds the article's surnames that are also common words; a name in its surname
    slot (after a first name or an honorific) joins it, and its later bare mentions are
    capitalised unless a determiner makes them common nouns again ("the woods").
    """
    key = words[n].lower()
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    conjunction = prev == "that" and nxt in _AFTER_SUBJECT_NAME  # "prove that woods is"
    if out[n].islower() and key in names and (prev not in _DETERMINERS or conjunction):
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
    if rare and _after_first_name(words, n, prev_cased) and _rare_word_is_surname(key, web):
        return word.capitalize()  # "Alex Voskuiling", "Mark Pellinger"
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
            return word.capitalize()  # "Jeff Sessions", "Nora Foster": a first name, then a surname
        after_title = prev in _NAME_TITLES or prev in _TITLES
        # Not a noun before a full name: "rookie Marcus Lindqvist", "porter Sam Ellis".
        first = _census_names()[0]
        surname_next = _is_probably_name(nxt, caser) and not _is_demonym(nxt)  # not "ill Canadians"
        if new.islower() and surname_next and (key in first or nxt not in first):
            if _has_capital_form(key, caser, 0.1 if after_title else 0.25):
                new = new.capitalize()  # a first name before an unknown surname: "hazel Simmons"
        elif new.islower() and _has_capital_form(key, caser, 0.2) and _after_name(prev_cased, caser, key):
            new = new.capitalize()  # "Dixon Hall", "CBC News": a name, then its kind
        elif new.islower() and _is_acronym(prev_cased) and _may_follow_acronym(key):
            new = new.capitalize()  # "PGA Tour": an acronym, then a word often capitalised
        if new[:1].isupper() and key in _REPORTING_VERBS and _after_attributed_name(words, n, prev_cased):
            new = key  # '," Hollister states.': the verb of the quote's attribution
        if new.isupper() and len(key) > 2 and key in first and _is_probably_name(nxt, caser):
            new = word.capitalize()  # "Rex Tillerson", not the model's "REX"
        if key in _AMBIGUOUS_MONTHS and (prev in _BEFORE_MONTH or nxt.isdigit()):
            new = key.capitalize()  # "from may to july", "on march 3"
        return new
    if _is_unpronounceable(key):
        return word.upper()  # "cbp", "ctv", "kcna": an unknown word with no vowel run is an acronym
    unknown = web is None and not forms
    if (
        prev in _TITLES
        or _is_probably_name(key, caser)
        or (unknown and _between_title_and_name(words, n, caser))
    ):
        if key.startswith("mc") and len(key) > 4:
            return "Mc" + key[2:].capitalize()  # "McCallum"
        return word.capitalize()  # out of vocabulary in news: most often a name
    return word


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
            if words[k].lower() not in _ACRONYM_GLUE and not fixed[k]:
                out[k] = out[k][:1].upper() + out[k][1:]


def _acronym_expansion(words: list[str], bracket: int, letters: str) -> int | None:
    """Where the words whose initials spell ``letters`` start, ending before ``bracket``."""
    k = bracket - 1
    for letter in reversed(letters):
        while k >= 0 and words[k].lower() in _ACRONYM_GLUE and k < bracket - 1:
            k -= 1  # "of", "and" between the words of the name
        if k < 0 or not words[k][:1].isalpha() or words[k][:1].lower() != letter:
            return None
        if words[k].lower() in STOP:
            return None
        k -= 1
    return k + 1


def _after_attributed_name(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n follows a name that follows a quote or a comma: '," Hollister states'."""
    if n < 2 or not (prev_cased and prev_cased[:1].isupper()) or words[n - 2] not in {",", *_QUOTES}:
        return False
    key = prev_cased.lower()
    return _is_surname(key) or key not in truecaser().word_casing_lookup  # not "…, United States"


def _between_title_and_name(words: list[str], n: int, caser: Any) -> bool:
    """Whether word n stands between an office and a name: "minister marise payne"."""
    prev = words[n - 1].lower() if n else ""
    nxt = words[n + 1].lower() if n + 1 < len(words) else ""
    return (prev in _NAME_TITLES or prev in _TITLES) and _is_probably_name(nxt, caser)


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
        if fixed[n] or not (key in _TITLES or key in _NAME_TITLES):
            continue
        nxt = out[n + 1] if n + 1 < len(out) else ""
        if key == "secretary" and [w.lower() for w in out[n + 1 : n + 3]] == ["of", "state"]:
            # "Secretary of State Jane Ostrowski", but "the secretary of state" and "secretary of
            # state-designate": the office, not the State Department.
            after = out[n + 3] if n + 3 < len(out) else ""
            named = after[:1].isupper() and after.lower() not in STOP and not fixed[n + 2]
            out[n], out[n + 2] = ("Secretary", "State") if named else ("secretary", "state")
            continue
        before_name = nxt[:1].isupper() and nxt.lower() not in STOP and nxt.lower() not in _NAME_TITLES
        if key in _TITLES and _looks_like_name(nxt, lexicon, caser):
            before_name = True
        if before_name:
            out[n] = word.capitalize()
        elif key in _NAME_TITLES:
            out[n] = key
            if n and out[n - 1] == "Prime" and not fixed[n - 1]:
                out[n - 1] = "prime"  # "the prime minister", as the title is lower case here


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
        after_capital = bool(prev and prev[:1].isupper() and prev.lower() not in STOP)
        if not acronym and nxt != "of" and not after_capital:
            # Newswire capitalises "Federal" and "Commission" in headlines and company names;
            # web text mostly does not: both must lean to the capital ("University of",
            # "Wayne State University" are left to the bigrams).
            share = caser.uni_dist[proposed] / total
            if share * _web_capital_share(key) < _MIN_CAPITAL_EVIDENCE:
                return key
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
        return _web_capital_share(lower) >= 0.3  # "Harwick Council", but "the Trudeau government"
    score = {
        form: (caser.forward_bi_dist[f"{form}_{nxt}"] if nxt else 0)
        + (caser.backward_bi_dist[f"{prev}_{form}"] if prev else 0)
        for form in (capital, lower)
    }
    return bool(score[capital] > score[lower])


def _has_capital_form(key: str, caser: Any, share: float = 0.25) -> bool:
    """A word the model often sees capitalised (a first name like Hazel, not "among")."""
    forms = caser.word_casing_lookup.get(key, ())
    # Title case only: headlines in capitals ("SAYS") are no evidence.
    capital = sum(caser.uni_dist[f] for f in forms if f[:1].isupper() and not f.isupper())
    total = sum(caser.uni_dist[f] for f in forms)
    return bool(total > 0 and capital / total >= share)


def _after_name(prev: str | None, caser: Any, key: str) -> bool:
    """After a short acronym ("CBC") or an unknown name ("Harwick"), a kind of body may follow;
    after a name, only a word web text often capitalises ("Dixon Hall", not "Trudeau government")."""
    is_acronym = bool(prev and 2 <= len(prev) <= 5 and prev.isalpha() and prev.isupper())
    return is_acronym or (_after_unknown_name(prev, caser) and _web_capital_share(key) >= 0.3)


def _after_unknown_name(prev: str | None, caser: Any) -> bool:
    """Whether the word before was capitalised as a name the model does not know."""
    return bool(
        prev and prev[:1].isupper() and prev[1:].islower() and prev.lower() not in caser.word_casing_lookup
    )


# Three consonants that start spoken words and names ("Schrank", "Strand", "Christou").
_SPOKEN_ONSETS = ("sch", "str", "spr", "scr", "spl", "thr", "chr", "shr", "phr", "sph")


def _is_unpronounceable(key: str) -> bool:
    """Two to five letters that cannot be read as a word: no vowel, or three consonants at the start."""
    if not (2 <= len(key) <= 5 and key.isalpha()):
        return False
    if not re.search(r"[aeiouy]", key):
        return True
    return bool(re.match(r"[^aeiouy]{3}", key)) and not key.startswith(_SPOKEN_ONSETS)


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


# -- names made of common words (data/casing_phrases.tsv) ----------------------------------------

# Nouns after a party's adjective that make it the party: "liberal mp", "conservative leader".
_PARTY_NOUNS = {
    "party", "leader", "leaders", "leadership", "mp", "mps", "mla", "mlas", "mpp", "mpps", "caucus",
    "candidate", "candidates", "government", "governments", "minister", "ministers", "cabinet",
    "premier", "campaign", "platform", "backbencher", "backbenchers", "whip", "strategist",
    "strategists", "convention", "nomination", "critic", "critics", "councillor", "councillors",
    "incumbent", "riding", "ridings", "stronghold", "seat", "seats", "voters", "supporters",
    "members", "member", "frontbencher", "frontbench", "peer", "peers", "administration",
    "lawmakers", "senator", "senators", "congressman", "congresswoman", "governor", "presidential",
}  # fmt: skip
# "green" is a colour first: only these make it the party.
_GREEN_PARTY_NOUNS = {
    "party", "leader", "leaders", "leadership", "mp", "mps", "mla", "mlas", "mpp", "caucus",
    "candidate", "candidates", "councillor", "councillors", "member", "members", "critic",
}  # fmt: skip
# Where a party's adjective is the ordinary word even in a political article.
_NOT_PARTY_BEFORE = {
    "democracy", "democracies", "arts", "values", "views", "estimate", "estimates", "approach",
    "order", "elite", "elites", "wing", "media", "bias", "use", "amounts", "side", "market",
    "markets", "force", "forces", "shortage", "shortages", "costs", "cost", "law", "laws", "union",
    "unions", "rights", "day", "dispute", "disputes", "standards", "relations", "movement",
    "ministry", "department", "board", "code", "practices", "productivity", "pool",
    "participation", "mobility", "action", "exploitation", "trafficking", "studies",
}  # fmt: skip
_NOT_PARTY_AFTER = {
    "more", "most", "very", "too", "less", "socially", "fiscally", "so", "politically",
    "relatively", "deeply", "ultra", "child", "forced", "cheap", "skilled", "unskilled", "manual",
    "organized", "organised", "hard", "slave", "migrant", "foreign", "casual", "physical", "small",
}  # fmt: skip
# Words around "the times" that make it a publication: "told the times", "the times reported".
_BEFORE_OUTLET = {"told", "tells", "telling", "informed"}
_BEFORE_OUTLET_PHRASE = {
    "statement", "interview", "emailed", "e-mailed", "mailed", "obtained", "seen", "reviewed",
    "provided", "sent", "spoke", "speaking", "interviewed", "according", "confirmed", "wrote",
    "letter", "comment", "comments", "responded", "response", "leaked", "given", "released",
    "published", "reported", "quoted", "cited", "supplied", "shown", "showed", "shared",
}  # fmt: skip
_AFTER_OUTLET = {
    "reported", "reports", "said", "says", "obtained", "learned", "revealed", "reveals", "wrote",
    "writes", "found", "confirmed", "contacted", "asked", "published", "requested", "first",
    "has", "had", "story", "report", "reporter", "reporters", "investigation", "editorial",
    "newsroom", "article", "analysis", "columnist", "noted", "notes", "added", "cited", "described",
}  # fmt: skip
# After "the house": the legislature ("the house voted"); before it: "house democrats".
_HOUSE_AFTER = {
    "voted", "votes", "vote", "passed", "passes", "approved", "approves", "rejected", "gavels",
    "adjourned", "adjourns", "democrats", "republicans", "speaker", "majority", "minority",
    "leader", "leaders", "committee", "intelligence", "democratic", "republican", "judiciary",
    "oversight", "floor", "resolution", "bill", "version", "leadership", "sits", "sat", "resumes",
    "returns", "rose",
}  # fmt: skip
# Verbs after "the house" in an article about a legislature: "what the house will accept".
_HOUSE_VERBS = {
    "does", "did", "can", "could", "should", "must", "may", "might", "shall", "agreed", "agrees",
    "is", "was", "are", "were", "has", "had", "will", "would",
}  # fmt: skip
# Words that show an article is about a legislature.
_LEGISLATURE_WORDS = {
    "senate", "commons", "congress", "legislature", "parliament", "mps", "mlas", "mpps",
    "lawmakers", "congressman", "congresswoman", "senators", "legislators", "speaker",
}  # fmt: skip
_HOUSE_BEFORE = {"told", "tells", "telling", "addressed", "addressing", "through", "passed"}
# Kinds of body that end an organisation's name: "Saskatoon Police Service", "Surrey City Council".
_BODY_HEADS = {
    "service", "services", "authority", "association", "institute", "council", "commission",
    "committee", "board", "agency", "foundation", "society", "federation", "centre", "center",
    "court",
    "museum", "league", "network", "coalition", "alliance", "corporation", "bureau", "tribunal",
    "university", "college", "hospital", "diocese", "guild", "fund", "academy",
}  # fmt: skip
# Kinds of event that end a name: "Sony Open", "Ryder Cup", "BMW Championship".
_EVENT_HEADS = {"cup", "open", "championship", "championships", "invitational", "classic", "tournament"}
# Words that start a verb's object: "open" there is a verb ("Canada open to talks").
_OBJECT_STARTS = {"to", "up", "the", "a", "an", "his", "her", "their", "its", "our", "fire", "it", "for"}
# State and province abbreviations written after a place name: "Oakville, Ont.", "Kissimmee, Fla."
REGION_ABBREVIATIONS = {
    "ont", "que", "alta", "sask", "man", "nfld", "ala", "ariz", "ark", "calif", "colo", "conn",
    "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "vt", "va", "wash", "wis", "wyo",
}  # fmt: skip


class _Gazetteer:
    """data/casing_phrases.tsv, read once: names by first word, outlets, style words, parties."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.names: dict[str, list[tuple[str, ...]]] = {}
        self.outlets: set[str] = set()
        self.style: dict[str, str] = {}
        self.party_forms: dict[str, str] = {}  # "liberals" -> "Liberals"
        self.party_of: dict[str, str] = {}  # "liberals" -> "liberal"
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            kind, *forms = line.rstrip("\n").split("\t")
            if kind == "name":
                tokens = tuple(re.findall(r"\w+|[^\w\s]", forms[0]))
                self.names.setdefault(tokens[0].lower(), []).append(tokens)
            elif kind == "outlet":
                self.outlets.add(forms[0].lower())
            elif kind == "style":
                self.style[forms[0].lower()] = forms[0]
            elif kind == "party":
                for form in forms:
                    self.party_forms[form.lower()] = form
                    self.party_of[form.lower()] = forms[0].lower()
        for found in self.names.values():
            found.sort(key=len, reverse=True)  # the longest name first

    def match(self, keys: list[str], n: int) -> tuple[str, ...] | None:
        """The longest name whose tokens start at position n of the lowercase tokens."""
        for tokens in self.names.get(keys[n], ()):
            if tuple(keys[n : n + len(tokens)]) == tuple(t.lower() for t in tokens):
                return tokens
        return None


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    with open(_DATA / "casing_phrases.tsv", encoding="utf-8") as fh:
        return _Gazetteer(fh)


def article_parties(tokens: list[str]) -> frozenset[str]:
    """The parties a lowercase article names unmistakably: "liberal mp", "the green party".

    In such an article the party's bare adjective and plural are the party too ("the
    liberals", "a liberal government"); elsewhere they stay ordinary words.
    """
    gaz = _gazetteer()
    keys = [t.lower() for t in tokens]
    found: set[str] = set()
    for n, key in enumerate(keys[:-1]):
        party = gaz.party_of.get(key)
        if party is None or keys[n + 1] not in (_GREEN_PARTY_NOUNS if party == "green" else _PARTY_NOUNS):
            continue
        if n == 0 or keys[n - 1] not in _NOT_PARTY_AFTER:
            found.add(party)
    return frozenset(found)


def _case_known_names(
    words: list[str], out: list[str], fixed: list[bool], parties: frozenset[str], legislature: bool = False
) -> None:
    """Case the names of data/casing_phrases.tsv: organisations, outlets, parties, style words."""
    gaz = _gazetteer()
    keys = [w.lower() for w in words]
    n = 0
    while n < len(words):
        tokens = gaz.match(keys, n)
        if tokens is not None:
            for k, token in enumerate(tokens):
                if token[:1].isupper():
                    out[n + k], fixed[n + k] = token, True
            n += len(tokens)
            continue
        key = keys[n]
        prev = keys[n - 1] if n else ""
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        if key in gaz.style:
            out[n], fixed[n] = gaz.style[key], True
        elif key in gaz.outlets and prev == "the" and _reporting_context(keys, n):
            out[n], fixed[n] = key.capitalize(), True
        elif key in gaz.party_forms and _is_party(key, prev, nxt, parties):
            out[n], fixed[n] = gaz.party_forms[key], True
        elif key == "house" and _is_legislature(keys, n, legislature):
            out[n], fixed[n] = "House", True
        elif (
            key in REGION_ABBREVIATIONS
            and prev == ","
            and nxt in (".", ",")
            and n >= 2
            and out[n - 2][:1].isupper()
        ):
            out[n], fixed[n] = key.capitalize(), True  # "Oakville, Ont."
        n += 1


def _is_legislature(keys: list[str], n: int, legislature: bool = False) -> bool:
    """Whether "house" at n is the House: "the house voted", "house democrats", "told the house",
    "the house" in a sentence that names the other chamber ("the house and the senate"), or
    "the house" before a verb or a clause's end in an article about a legislature ("what the
    house will accept", "the mood of the house.")."""
    prev = keys[n - 1] if n else ""
    nxt = keys[n + 1] if n + 1 < len(keys) else ""
    if nxt in _HOUSE_AFTER:
        return True
    if prev != "the":
        return False
    if (n >= 2 and keys[n - 2] in _HOUSE_BEFORE) or "senate" in keys or "commons" in keys:
        return True
    return legislature and (nxt in (".", ",") or nxt in _HOUSE_VERBS)


def article_legislature(tokens: list[str]) -> bool:
    """Whether a lowercase article is about a legislature: it names one ("house of commons",
    "the senate", "congress") or its members ("mps", "house democrats") twice or more."""
    keys = [t.lower() for t in tokens]
    found = 0
    for n, key in enumerate(keys):
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        if key in _LEGISLATURE_WORDS or (key == "house" and (nxt in _HOUSE_AFTER or nxt == "of")):
            found += 1
    return found >= 2


def _case_body_names(out: list[str], fixed: list[bool]) -> None:
    """A name, common words and the kind of body or event it is: "Saskatoon Police Service".

    A body needs one or two words between ("a Toronto hospital" is left to the word rules);
    an event may follow the name at once ("Sony Open", "Ryder Cup"), unless a verb's object
    follows ("Canada open to talks").
    """
    for n, word in enumerate(out):
        acronym = 2 <= len(word) <= 5 and word.isalpha() and word.isupper()  # "QE II Health Sciences Centre"
        if not ((word[:1].isupper() and word[1:].islower()) or acronym) or word.lower() in STOP:
            continue
        if n and out[n - 1].lower() in ("a", "an"):
            continue  # "a Toronto high school": a kind, not a name
        for width in (1, 2, 3):
            run = out[n + 1 : n + 1 + width]
            if len(run) < width or not all(_may_be_in_body_name(w) for w in run):
                break  # "Okafor told court": a verb is no part of a name
            after = out[n + 1 + width].lower() if n + 1 + width < len(out) else ""
            head = run[-1].lower()
            body = width > 1 and (
                head in _BODY_HEADS
                or run == ["first", "nation"]
                or [w.lower() for w in run[-2:]] == ["high", "school"]
            )  # "White Bear First Nation", "Dunmore Catholic High School"
            event = head in _EVENT_HEADS and not word.endswith("s") and after not in _OBJECT_STARTS
            if body or event:
                for k in range(n + 1, n + 1 + width):
                    if not fixed[k]:
                        out[k] = out[k][:1].upper() + out[k][1:]
                break
    _case_bodies_of_places(out, fixed)
    _case_official_bodies(out, fixed)
    _case_company_names(out, fixed)


# Adjectives that open the name of a public body: "the national energy board".
# Not "federal" or "state": "a federal agency", "the state news agency" are kinds of body.
_OFFICIAL_ADJECTIVES = {"national", "central", "supreme", "international", "royal", "independent"}
# Bodies named "X of/for …": "Office of Refugee Resettlement", "Center for Strategic and
# International Studies"; the first four take a one-word name ("Department of Education").
# A "centre of" is most often a place: "the centre of town".
_OF_BODIES = {
    "office": ("of", "for"), "department": ("of", "for"), "ministry": ("of", "for"),
    "bureau": ("of", "for"), "council": ("of", "for"), "centre": ("for",), "center": ("for",),
    "institute": ("for",),
}  # fmt: skip
_OF_BODIES_ONE_WORD = {"office", "department", "ministry", "bureau"}
# Words that end a name's run of common words: verbs after the name ("… said", "… approves").
_NOT_IN_NAME = {
    "said", "says", "told", "is", "was", "has", "had", "will", "would", "who", "which", "met",
    "made", "took", "gave", "got", "went", "came", "saw", "won", "lost", "left", "put", "set",
    "ran", "held", "found", "kept", "sent", "paid", "sold", "spent", "brought", "thought", "began",
    "became", "wrote", "spoke", "led", "fell", "felt", "heard", "knew", "stood", "let", "cut",
    "hit", "struck", "threw", "chose", "sought", "built", "meant", "rose",
}  # fmt: skip


def _may_be_in_body_name(word: str) -> bool:
    """A word, not a function word or a verb that follows a name ("said", "met")."""
    key = word.lower()
    return word.isalpha() and key not in STOP and key not in _NOT_IN_NAME and key not in _AFTER_SUBJECT_NAME


def _is_name_word(word: str) -> bool:
    """A word of a body's name after its head: no "-ed", "-ing" or "-ly" word ("… resettlement
    announced", "… studies recently")."""
    return _may_be_in_body_name(word) and not word.lower().endswith(("ed", "ing", "ly"))


def _case_official_bodies(out: list[str], fixed: list[bool]) -> None:
    """Public bodies named with common words, after "the" or a possessive:
    "the national energy board", "South Korea's national intelligence service",
    "the office of refugee resettlement"."""
    for n in range(1, len(out)):
        before = out[n - 1].lower()
        if before != "the" and not (before == "'s" or (before == "s" and n >= 2 and out[n - 2] == "'")):
            continue
        run = _name_run(out, n, 5)
        heads = [k for k in range(len(run)) if run[k].lower() in _BODY_HEADS]
        if len(run) >= 2 and heads and run[0].lower() in _OFFICIAL_ADJECTIVES:
            _capitalise(out, fixed, n, n + heads[-1] + 1)  # "the National Energy Board"
        elif run[:1] and n + 1 < len(out) and out[n + 1] in _OF_BODIES.get(run[0].lower(), ()):
            name = _name_run(out, n + 2, 5, glue=("and", "&"))
            if len(name) >= 2 or (name and run[0].lower() in _OF_BODIES_ONE_WORD):
                _capitalise(out, fixed, n, n + 2 + len(name))


# A company's legal form ends its name: "Tallwood Research & Consulting Inc.", "Hartwell LLP".
_LEGAL_FORMS = {
    "inc": "Inc", "co": "Co", "corp": "Corp", "ltd": "Ltd", "llp": "LLP", "llc": "LLC", "plc": "PLC",
}  # fmt: skip
LEGAL_FORM_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd"})  # written with a full stop
# Nouns for a kind of company, which come before its name, not in it: "advisory firm …".
_COMPANY_KINDS = {
    "firm", "company", "companies", "group", "maker", "giant", "retailer", "startup", "chain",
    "developer", "brewer", "insurer", "lender", "carrier", "subsidiary", "owner", "partner",
}  # fmt: skip


def _case_company_names(out: list[str], fixed: list[bool]) -> None:
    """Up to three words before a legal form, and the form: "tallwood research & consulting
    inc ." -> "Tallwood Research & Consulting Inc."; "co" only before its full stop."""
    for n, word in enumerate(out):
        key = word.lower()
        nxt = out[n + 1] if n + 1 < len(out) else ""
        if key not in _LEGAL_FORMS or (key in LEGAL_FORM_ABBREVIATIONS and nxt != "."):
            continue
        start, words = n, 0
        while start > 0 and words < 3:
            prev = out[start - 1]
            if prev.lower() in ("&", "and") and words and start > 1 and _is_company_word(out[start - 2]):
                start -= 1
            elif _is_company_word(prev):
                start, words = start - 1, words + 1
                if prev[:1].isupper():
                    break  # the name's first word is already known: "Harwick Communications Inc."
            else:
                break
        if words:
            _capitalise(out, fixed, start, n)
            if not fixed[n]:
                out[n] = _LEGAL_FORMS[key]


def _is_company_word(word: str) -> bool:
    """A word that may stand in a company's name: "Brewing", "Consulting", not "firm" or "said"."""
    return _may_be_in_body_name(word) and word.lower() not in _COMPANY_KINDS and not word.endswith("ly")


def _name_run(out: list[str], start: int, most: int, glue: tuple[str, ...] = ()) -> list[str]:
    """The words from ``start`` that could be part of a name, function words in ``glue``
    allowed between two of them ("Strategic and International Studies")."""
    run: list[str] = []
    k = start
    while k < len(out) and len(run) < most:
        glued = out[k].lower() in glue and bool(run) and k + 1 < len(out) and _is_name_word(out[k + 1])
        if not (_is_name_word(out[k]) or glued):
            break
        run.append(out[k])
        k += 1
    return run


def _capitalise(out: list[str], fixed: list[bool], start: int, end: int) -> None:
    """Capitalise the words of a name, its function words aside ("Office of Refugee Resettlement")."""
    for k in range(start, end):
        if not fixed[k] and out[k].lower() not in STOP and out[k] not in ("&",):
            out[k] = out[k][:1].upper() + out[k][1:]


def _case_bodies_of_places(out: list[str], fixed: list[bool]) -> None:
    """Two or three common words ending in a kind of body, then "of" and a name:
    "Wildlife Rescue Services of Manitoba"."""
    for n in range(2, len(out) - 1):
        nxt = out[n + 1]
        if not (
            out[n] == "of"
            and nxt[:1].isupper()
            and nxt.lower() not in STOP
            and out[n - 1].lower() in _BODY_HEADS
        ):
            continue
        for width in (3, 2):
            start = n - width
            run = out[start:n]
            before = out[start - 1].lower() if start else ""
            if start < 0 or not all(w.isalpha() and w.islower() and w not in STOP for w in run):
                continue
            if before[:1].isalpha() and before not in STOP:
                continue  # part of a longer phrase
            for k in range(start, n):
                if not fixed[k]:
                    out[k] = out[k].capitalize()
            break


def _reporting_context(keys: list[str], n: int) -> bool:
    """Whether "the times" at n is the paper: a reporting verb after it, or "told the" before it."""
    nxt = keys[n + 1] if n + 1 < len(keys) else ""
    before = keys[max(0, n - 4) : n - 1]
    return (
        nxt in _AFTER_OUTLET
        or (n >= 2 and keys[n - 2] in _BEFORE_OUTLET)
        or bool(_BEFORE_OUTLET_PHRASE & set(before))
    )


def _is_party(key: str, prev: str, nxt: str, parties: frozenset[str]) -> bool:
    party = _gazetteer().party_of[key]
    if prev in _NOT_PARTY_AFTER or nxt in _NOT_PARTY_BEFORE:
        return False
    if nxt in (_GREEN_PARTY_NOUNS if party == "green" else _PARTY_NOUNS):
        return True
    plural = key != party
    # A bare "green" stays a colour; a bare plural or adjective is the party in a party story.
    return party in parties and (plural or party != "green")


# -- word data built from pinned packages (data/casing_build.py) ---------------------------------

_DATA = Path(__file__).resolve().parent.parent / "data"
# Words a census surname list holds that follow a first name as something else: "Jeff said".
_NOT_SURNAMES = {"said", "says", "told", "tells", "added", "asked", "wrote", "has", "will", "also", "is"}
# A word after these is a common noun, even where the article uses it as a name: "the woods".
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "some", "any", "no", "every", "each",
}  # fmt: skip
# A census surname the model sees in lower case this often is a common word after a first
# name ("Kim left", "Kim held"), not the surname of "Jeff Sessions" (0.93).
_MAX_SURNAME_LOWER_SHARE = 0.96
# Function words inside a name that its acronym skips: "Federation of Prairie Growers".
_ACRONYM_GLUE = {"of", "and", "for", "the", "on", "&", "de", "du", "des", "la"}
# Verbs that attribute a quote: after '," Name' they are never part of the name.
_REPORTING_VERBS = {
    "states", "stated", "says", "writes", "wrote", "notes", "noted", "concludes", "concluded",
    "adds", "added", "argues", "argued", "explains", "explained", "insists", "insisted",
}  # fmt: skip
# Verbs that follow a name as their subject: "woods said", "green has".
_AFTER_SUBJECT_NAME = {
    "said", "says", "told", "tells", "added", "adds", "explained", "wrote", "recalled", "noted",
    "quipped", "admitted", "insisted", "is", "was", "has", "had", "will", "would", "won", "wins",
    "can", "could", "did", "does", "knows", "himself", "herself", "needs", "thrives",
}  # fmt: skip
# What follows the apostrophe of a contraction, not a possessive: "don ' t", "we ' re".
_CONTRACTIONS = {"t", "re", "ve", "ll", "d", "m"}
# Words before a common noun that a name does not follow: "in green", "dark brown".
_NOT_NAME_BEFORE = {"in", "into", "dark", "light", "bright", "pale", "more", "very"}
# How often an article must use a common-word surname as a subject to make it a name, and
# how often web text must capitalise it ("Woods" 19 %, but "staff" under 12 %).
_MIN_SUBJECT_USES = 2
_MIN_NAME_WEB_SHARE = 0.15
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
    """A capitalised common first name ("Jeff", "Nora")."""
    return bool(word and word[:1].isupper() and word[1:].islower() and word.lower() in _census_names()[0])


def _is_surname(key: str) -> bool:
    """A census surname that is not a verb the model hardly ever sees capitalised ("Kim left")."""
    if key not in _census_names()[1] or key in STOP or key in _NOT_SURNAMES:
        return False
    forms = truecaser().word_casing_lookup.get(key, ())
    total = sum(truecaser().uni_dist[f] for f in forms)
    return not (total >= 100 and truecaser().uni_dist[key] >= _MAX_SURNAME_LOWER_SHARE * total)


def _in_surname_slot(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n is where a surname goes: after an honorific or a (cased) first name."""
    prev = words[n - 1].lower() if n else ""
    honorific = prev in HONORIFICS or (prev == "." and n >= 2 and words[n - 2].lower() in HONORIFICS)
    return honorific or _is_first_name(prev_cased)


def _after_first_name(words: list[str], n: int, prev_cased: str | None) -> bool:
    """Whether word n follows a first name that is not itself a surname's place ("Theresa May")."""
    before = words[n - 2].capitalize() if n >= 2 else None
    if n == 1:  # the sentence's first word, still in lower case until the last pass
        prev_cased = words[0].capitalize()
    return _is_first_name(prev_cased) and not _is_first_name(before)


def _rare_word_is_surname(key: str, web: tuple[str, float] | None) -> bool:
    """A word news hardly uses, after a first name: a surname unless web text writes it in
    lower case ("Voskuiling", "Pellinger"; not "Alex ran")."""
    if len(key) <= 2 or not key.isalpha() or key in STOP or key in _NOT_SURNAMES:
        return False
    return web is None or web[1] >= 0.5


def _is_demonym(key: str) -> bool:
    """A word for a country's people ("canadians", "french"), which no first name precedes."""
    found = country_of(key)
    return found is not None and found[1] == "demonym"


def _is_acronym(word: str | None) -> bool:
    return bool(word and 2 <= len(word) <= 5 and word.isalpha() and word.isupper())


def _may_follow_acronym(key: str) -> bool:
    """A word the web often capitalises, which after an acronym is part of its name ("PGA Tour")."""
    return key not in STOP and not key.endswith(("ed", "ly")) and _web_capital_share(key) >= 0.12
