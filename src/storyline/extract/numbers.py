"""Numbers: value, unit, qualifier and what is counted, each cited to its span.

``extract_numbers(doc, article_id)`` reads spaCy's CARDINAL / QUANTITY / PERCENT / MONEY
entities and vague quantities it does not tag ("tens of thousands", "hundreds", "one in four",
"a third"), and for each works out:

- ``value`` (and ``value_max`` for ranges), parsed from digits or words ("1,200", "30 %",
  "£5m", "27 per cent", "tens of thousands" = 10,000 with approx "tens of");
- ``approx``: the qualifier before it (about, more than, at least, up to, nearly, …);
- ``about``: what is counted, from the syntax — the noun the number modifies and the verb that
  noun belongs to ("people killed", "Labour voters"), and ``key``, a normalised form of it used
  to align the same quantity across outlets.

Dates, times, years, ages in "63-year-old", phone numbers and list markers are not numbers here.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.extract.claims import attribution
from storyline.model import Cite, Number
from storyline.vocabulary import MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, VAGUE_QUANTITIES

_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}
_WORD_VALUES: dict[str, int] = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_CURRENCIES = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "pounds": "GBP",
    "dollars": "USD",
    "euros": "EUR",
}
# Longest first, so "just over" wins over "over".
_QUALIFIERS = [
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "just over",
    "just under",
    "well over",
    "some",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "estimated",
    "an estimated",
    "as many as",
    "as few as",
    "close to",
    "upwards of",
]
_VAGUE = re.compile(
    rf"\b(?P<q>{'|'.join(VAGUE_QUANTITIES)})\s+of\b(?:\s+(?P<scale>thousands|millions)\b)?", re.IGNORECASE
)
_ONE_IN = re.compile(
    r"\b(?P<a>one|two|three|\d+)\s+in\s+(?P<b>two|three|four|five|six|seven|eight|nine|ten|twenty|\d+)\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"\b(?P<a>a|one|two|three)[\s-]+(?P<f>half|third|thirds|quarter|quarters|fifth|tenth)s?\b", re.IGNORECASE
)
# "between 1,200 and 1,400": the NER tags the two ends as two numbers; it is one range.
_AMOUNT = r"[£$€]?\d(?:[\d,.]*\d)?(?:\s*(?:k|m|mn|bn|million|billion))?(?:\s*(?:%|per\s*cent|percent))?"
_BETWEEN = re.compile(rf"\bbetween\s+{_AMOUNT}\s+and\s+{_AMOUNT}", re.IGNORECASE)
# The two ends of a range, each with its own scale: "£3m-£4m", "3-4bn", "10 to 15".
_RANGE = re.compile(
    r"(?P<lo>\d+(?:\.\d+)?)\s*(?P<lo_scale>k|m|mn|bn|million|billion)?\s*(?:to|-|–|and)\s*[£$€]?\s*"
    r"(?P<hi>\d+(?:\.\d+)?)\s*(?P<hi_scale>k|m|mn|bn|million|billion|thousand|hundred)?\b"
)
# Killing verbs, and words for people, are folded so that outlets' phrasings align.
_VERB_CLASSES = {
    "kill": "killed",
    "massacre": "killed",
    "murder": "killed",
    "die": "killed",
    "slaughter": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "take": "taken",
    "seize": "taken",
    "kidnap": "taken",
    "abduct": "taken",
    "hold": "held",
    "displace": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
}
_PEOPLE = {
    "people",
    "person",
    "civilian",
    "israelis",
    "israeli",
    "palestinians",
    "palestinian",
    "resident",
    "victim",
    "child",
    "adult",
    "man",
    "woman",
    "soldier",
    "citizen",
    "individual",
}
_DEAD = {"dead", "death", "fatality", "casualty", "toll"}


def extract_numbers(doc: Doc, article_id: str) -> list[Number]:
    spans = _number_spans(doc)
    numbers: list[Number] = []
    for span in spans:
        number = _read_number(doc, span, article_id, len(numbers), _restated_figure(doc, span))
        if number is not None:
            numbers.append(number)
    return numbers


# -- finding ----------------------------------------------------------------------------------


def _number_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = [e for e in doc.ents if e.label_ in _NUMBER_LABELS]
    taken = {t.i for s in spans for t in s}
    date_tokens = {t.i for e in doc.ents if e.label_ in ("DATE", "TIME") for t in e}
    for pattern in (_VAGUE, _ONE_IN, _FRACTION, _BETWEEN):
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(t.i in date_tokens for t in span):
                continue
            spans = [s for s in spans if not (s.start < span.end and span.start < s.end)]
            spans.append(span)
            taken.update(t.i for t in span)
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if not _is_excluded(doc, s)]


def _is_excluded(doc: Doc, span: Span) -> bool:
    text = span.text
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start else None
    if re.fullmatch(r"(1[5-9]|20)\d\d", text.strip()):
        return True  # a year
    if re.search(r"\d{4}\s+\d{3}\s+\d{3,4}|\d{5,}\s\d|^\d+\s+\d{3,4}$", text.strip()):
        return True  # a phone number: English writes thousands with a comma, not a space
    if prev is not None and re.fullmatch(r"0\d{3,}", prev.text):
        return True  # the rest of a phone number after its area code ("01632 960 123")
    if (
        nxt is not None
        and nxt.text in ("-", "–")
        and span.end + 1 < len(doc)
        and doc[span.end + 1].lower_ in ("year", "years")
    ):
        return True  # "63-year-old" is an age, not a count
    if (prev is not None and prev.text in (")", "(")) or (nxt is not None and nxt.text == ")"):
        return True  # "a)" list markers
    if _is_score(doc, span):
        return True  # "a 5-4 ruling", "passed 219 to 212": a tally, not a count of anything
    if any(t is not None and t.lower_ in _MONTH_NAMES for t in (prev, nxt)):
        return True  # "30 September" is a date the NER read as a number
    return not any(ch.isdigit() for ch in text) and not _has_number_word(span)


def _is_score(doc: Doc, span: Span) -> bool:
    line = doc.text[max(0, span.start_char - 12) : span.end_char + 12]
    at = span.start_char - max(0, span.start_char - 12)
    for m in re.finditer(r"(?<![\d,.])(\d+)\s*(?:-|–|to)\s*(\d+)(?![\d,.%])", line):
        if m.start() <= at < m.end() and int(m.group(1)) > int(m.group(2)):
            return True
    return False


def _has_number_word(span: Span) -> bool:
    return any(
        t.lower_ in _WORD_VALUES
        or t.lower_ in _FRACTIONS
        or t.lower_.rstrip("s") in _FRACTIONS
        or t.lower_ in VAGUE_QUANTITIES
        for t in span
    )


def _restated_figure(doc: Doc, span: Span) -> Span | None:
    """The exact figure in brackets right after a figure in words: "one third of Labour voters
    (35 per cent)", "just over one in four (27 per cent)". The words round; the bracketed figure
    is what the outlet measured, and is what should be compared across outlets."""
    if any(ch.isdigit() for ch in span.text):
        return None
    at = span.end
    # The counted noun may come between: "one third of Labour voters (35 per cent)".
    while at < len(doc) and at - span.end < 6 and doc[at].text != "(" and doc[at].pos_ != "VERB":
        at += 1
    if at >= len(doc) or doc[at].text != "(":
        return None
    close = next((t.i for t in doc[at + 1 : at + 6] if t.text == ")"), None)
    if close is None:
        return None
    inner = doc[at + 1 : close]
    if not any(ch.isdigit() for ch in inner.text) or parse_value(inner.text) is None:
        return None
    return inner


# -- reading ----------------------------------------------------------------------------------


def _read_number(doc: Doc, span: Span, article_id: str, n: int, figure: Span | None = None) -> Number | None:
    """The number ``span`` stands for; with ``figure`` (``_restated_figure``), its value is the
    bracketed figure's, and the citation runs from the words to the closing bracket."""
    span = _with_currency(doc, span)
    span, approx = _with_qualifier(doc, span)
    parsed = parse_value((figure or span).text)
    if parsed is None:
        return None
    value, value_max, unit, vague = parsed
    approx = vague if figure is not None else approx or vague  # the bracketed figure is exact
    about, key = _what_is_counted(doc, span, unit)
    sentence = span.sent
    end = span.end_char
    if figure is not None:
        closing = doc[figure.end]
        end = closing.idx + len(closing.text)
    elif span.text.endswith(".") and _bare(span[-1]) in _SCALE_WORDS:
        end -= 1  # "£12m." at a sentence end: the full stop is not part of the figure
    return Number(
        id=f"{article_id}:n{n}",
        article=article_id,
        start=span.start_char,
        end=end,
        text=doc.text[span.start_char : end],
        value=value,
        value_max=value_max,
        unit=unit,
        approx=approx,
        about=about,
        key=key,
        source=attribution(sentence),
        sentence=Cite(
            article=article_id, start=sentence.start_char, end=sentence.end_char, text=sentence.text
        ),
    )


_MONTH_NAMES = set(MONTHS) | MONTH_ABBREVIATIONS
_SCALE_WORDS = {"m", "mn", "bn", "k", "million", "billion", "trillion", "thousand"}


def _with_currency(doc: Doc, span: Span) -> Span:
    """The small model tags only "12" in "£12m": take the symbol and the scale back in."""
    start, end = span.start, span.end
    if start > 0 and doc[start - 1].text in _CURRENCIES:
        start -= 1
    if (
        end < len(doc)
        and _bare(doc[end]) in _SCALE_WORDS
        and doc[end].idx == doc[end - 1].idx + len(doc[end - 1])
    ):
        end += 1
    return doc[start:end]


def _bare(token: Token) -> str:
    """A token lowercased without a trailing full stop: spaCy keeps "m." whole at a sentence end."""
    return token.lower_.rstrip(".") or token.lower_


def _with_qualifier(doc: Doc, span: Span) -> tuple[Span, str | None]:
    """Move a leading qualifier inside or before the span into ``approx``; keep it in the span."""
    lowered = span.text.lower()
    for qualifier in _QUALIFIERS:
        if lowered.startswith(qualifier + " "):
            return span, qualifier
    before = doc.text[max(0, span.start_char - 20) : span.start_char].lower()
    for qualifier in _QUALIFIERS:
        if re.search(rf"\b{re.escape(qualifier)}\s+$", before):
            start = span.start_char - len(re.search(rf"{re.escape(qualifier)}\s+$", before).group())  # type: ignore[union-attr]
            wider = doc.char_span(start, span.end_char, alignment_mode="expand")
            return (wider or span), qualifier
    return span, None


def parse_value(text: str) -> tuple[float, float | None, str | None, str | None] | None:
    """(value, value_max, unit, vague qualifier) from a number's text; None if it has none.

    >>> parse_value("about 1 , 200")[0]
    1200.0
    """
    t = text.lower().replace("per cent", "%").replace("percent", "%")
    t = re.sub(r"(?<=\d)\s*,\s*(?=\d{3}\b)", "", t)  # 1 , 200 -> 1200
    unit = _unit_of(t)
    if m := _VAGUE.search(t):
        base = VAGUE_QUANTITIES[m.group("q").lower()]
        scale = _SCALES.get((m.group("scale") or "").lower().rstrip("s"), 1)
        return float(base * scale), None, unit, f"{m.group('q').lower()} of"
    if m := _ONE_IN.search(t):
        a, b = _word_number(m.group("a")), _word_number(m.group("b"))
        if a is not None and b:
            return round(100 * a / b, 2), None, "%", None
    if m := _FRACTION.search(t):
        frac = _FRACTIONS[m.group("f").rstrip("s")]
        share = _word_number(m.group("a")) or 1.0
        return round(100 * share * frac, 2), None, "%", None
    if (m := _RANGE.search(t)) and (m.group(0).count("and") == 0 or "between" in t):
        # "3-4m": a scale on the upper end only applies to both; "£3m-£4m": each has its own.
        hi_scale = float(_SCALES[m.group("hi_scale")]) if m.group("hi_scale") else 1.0
        lo_scale = float(_SCALES[m.group("lo_scale")]) if m.group("lo_scale") else hi_scale
        low, high = float(m.group("lo")) * lo_scale, float(m.group("hi")) * hi_scale
        if low < high:
            return low, high, unit, None
    digits = re.findall(r"\d+(?:\.\d+)?", t)
    if digits:
        return float(digits[0]) * _scale_after(t), None, unit, None
    words = [w for w in re.findall(r"[a-z]+", t) if w in _WORD_VALUES]
    if words:
        return float(_words_to_number(words)), None, unit, None
    return None


def _unit_of(t: str) -> str | None:
    if "%" in t:
        return "%"
    for symbol, code in _CURRENCIES.items():
        if symbol in t:
            return code
    return None


def _scale_after(t: str) -> float:
    m = re.search(r"\d(?:\.\d+)?\s*(k|m|mn|bn|million|billion|trillion|thousand|hundred)\b", t)
    return float(_SCALES[m.group(1)]) if m else 1.0


def _word_number(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return float(_WORD_VALUES[word]) if word in _WORD_VALUES else None


def _words_to_number(words: list[str]) -> int:
    total, current = 0, 0
    for word in words:
        value = _WORD_VALUES[word]
        if word == "dozen":
            current = max(current, 1) * 12  # "a dozen" is 12, "two dozen" 24
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        else:
            current += value
    return total + current


# -- what is counted --------------------------------------------------------------------------


def _what_is_counted(doc: Doc, span: Span, unit: str | None) -> tuple[str | None, str | None]:
    """A readable 'about' and a normalised key from the noun and verb the number belongs to."""
    noun = _counted_noun(span)
    if noun is None or noun.lower_ in ("cent", "%", "percent"):
        return None, None
    noun_text = _noun_with_modifiers(noun)
    verb = _governing_verb(noun)
    about = noun_text
    if verb is not None:
        about = f"{noun_text} {_verb_phrase(verb, noun)}{_complement(verb, noun)}"
    lemma = noun.lemma_.lower()
    noun_key = "people" if lemma in _PEOPLE else lemma
    # Only event verbs (killed, injured, taken…) split a noun's figures: "homes protected" and
    # "homes at risk" are one quantity, "people killed" and "people injured" are two.
    verb_key = _VERB_CLASSES.get(verb.lemma_.lower(), "") if verb is not None else ""
    if lemma in _DEAD:
        noun_key, verb_key = "people", "killed"
    if unit == "%":
        return about, f"% {noun_text.lower()}"
    if unit is not None:
        return about, f"{unit} {noun_key}"
    return about, f"{noun_key} {verb_key}".strip()


def _counted_noun(span: Span) -> Token | None:
    root = span.root
    if _bare(root) in _SCALE_WORDS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        return root.head  # "£12m scheme": the scheme, not the "m"
    if _bare(root) in _SCALE_WORDS or root.text in _CURRENCIES:
        return None
    if root.pos_ in ("NOUN", "PROPN") and root.lower_ not in _WORD_VALUES and not root.like_num:
        # "tens of thousands" / "27 per cent": the counted noun hangs off "of" after the span.
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if root.lower_ not in ("%", "cent") and root.lower_ not in VAGUE_QUANTITIES:
            return root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if head.lower_ == "of":
        objects = [c for c in head.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    for child in root.rights:  # "27 per cent of Labour voters"
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
        return root  # the number stands for the thing: "more than 200 were taken"
    return None


def _noun_with_modifiers(noun: Token) -> str:
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and not t.like_num]
    return " ".join([*(t.text for t in words), noun.text])


# Past tense -> past participle for the irregular verbs news figures hang from; a regular
# verb's past tense is its participle already ("killed", "injured").
_PARTICIPLES = {
    "took": "taken",
    "gave": "given",
    "stole": "stolen",
    "drove": "driven",
    "threw": "thrown",
    "grew": "grown",
    "drew": "drawn",
    "wrote": "written",
    "broke": "broken",
    "chose": "chosen",
    "ate": "eaten",
    "saw": "seen",
    "did": "done",
    "shook": "shaken",
    "slew": "slain",
    "began": "begun",
    "rose": "risen",
    "fell": "fallen",
    "froze": "frozen",
    "hid": "hidden",
}


def _verb_phrase(verb: Token, noun: Token) -> str:
    """The verb as it reads after its object, with its particle: "hostages taken" (not
    "hostages took"), "adults carried out" (not "adults carried")."""
    word = verb.text
    if noun.dep_ == "dobj" and noun.head.i == verb.i and verb.tag_ == "VBD":
        word = _PARTICIPLES.get(verb.lower_, word)
    particles = [t.text for t in verb.rights if t.dep_ == "prt"]
    return " ".join([word, *particles])


def _complement(verb: Token, noun: Token) -> str:
    """The verb's first place or object phrase, so 'about' says which people: "killed in Israel",
    "sympathise with Palestinians". Times are left out: the number's date holds them."""
    for child in verb.rights:
        if (
            noun.is_ancestor(child)
            or child.is_ancestor(noun)
            or child.i == noun.i
            or child.ent_type_ in ("DATE", "TIME")
        ):
            continue
        if child.dep_ == "prep" and child.lower_ not in ("on", "since", "after", "before", "during", "until"):
            objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
            if objects:
                return f" {child.text} {_noun_with_modifiers(objects[0])}"
        if child.dep_ == "dobj" and not child.like_num:
            return f" {_noun_with_modifiers(child)}"
    return ""


def _governing_verb(noun: Token) -> Token | None:
    """The verb the counted noun is subject or object of ('killed' in 'killed 1,200 people')."""
    token = noun
    for _ in range(3):
        head = token.head
        if head.pos_ in ("VERB", "AUX") and head.i != token.i:
            return head
        if head.i == token.i:
            break
        if token.dep_ == "relcl":
            break
        token = head
    for child in noun.children:  # "people killed": a participle after the noun
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return child
    return None
