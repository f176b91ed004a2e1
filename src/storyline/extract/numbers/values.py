"""Parsing a figure's text to a value: digits, number words, scales ('£5m', 'tens of thousands'),
fractions, ranges and the unit (currency, per cent).
"""

from __future__ import annotations

import re

from storyline.vocabulary import NUMBER_WORDS, VAGUE_QUANTITIES

WORD_VALUES: dict[str, int] = {
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


FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}


CURRENCIES = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "pounds": "GBP",
    "dollars": "USD",
    "euros": "EUR",
}


VAGUE = re.compile(
    rf"\b(?P<q>{'|'.join(VAGUE_QUANTITIES)})\s+of\b(?:\s+(?P<scale>thousands|millions)\b)?", re.IGNORECASE
)


ONE_IN = re.compile(
    r"\b(?P<a>one|two|three|\d+)\s+in\s+(?P<b>two|three|four|five|six|seven|eight|nine|ten|twenty|\d+)\b",
    re.IGNORECASE,
)


FRACTION = re.compile(
    r"\b(?P<a>a|one|two|three)[\s-]+(?P<f>half|third|thirds|quarter|quarters|fifth|tenth)s?\b", re.IGNORECASE
)


# The two ends of a range, each with its own scale: "£3m-£4m", "3-4bn", "10 to 15".
_RANGE = re.compile(
    r"(?P<lo>\d+(?:\.\d+)?)\s*(?P<lo_scale>k|m|mn|bn|million|billion)?\s*(?:to|-|–|and)\s*[£$€]?\s*"
    r"(?P<hi>\d+(?:\.\d+)?)\s*(?P<hi_scale>k|m|mn|bn|million|billion|thousand|hundred)?\b"
)


SCALE_WORDS = {"m", "mn", "bn", "k", "million", "billion", "trillion", "thousand"}


def parse_value(text: str) -> tuple[float, float | None, str | None, str | None] | None:
    """(value, value_max, unit, vague qualifier) from a number's text; None if it has none.

    >>> parse_value("about 1 , 200")[0]
    1200.0
    """
    t = text.lower().replace("per cent", "%").replace("percent", "%")
    t = re.sub(r"(?<=\d)\s*,\s*(?=\d{3}\b)", "", t)  # 1 , 200 -> 1200
    unit = _unit_of(t)
    if m := VAGUE.search(t):
        base = VAGUE_QUANTITIES[m.group("q").lower()]
        scale = _SCALES.get((m.group("scale") or "").lower().rstrip("s"), 1)
        return float(base * scale), None, unit, f"{m.group('q').lower()} of"
    if m := ONE_IN.search(t):
        a, b = _word_number(m.group("a")), _word_number(m.group("b"))
        if a is not None and b:
            return round(100 * a / b, 2), None, "%", None
    if m := FRACTION.search(t):
        frac = FRACTIONS[m.group("f").rstrip("s")]
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
    words = [w for w in re.findall(r"[a-z]+", t) if w in WORD_VALUES]
    if words:
        return float(_words_to_number(words)), None, unit, None
    return None


def _unit_of(t: str) -> str | None:
    if "%" in t:
        return "%"
    for symbol, code in CURRENCIES.items():
        if symbol in t:
            return code
    return None


def _scale_after(t: str) -> float:
    m = re.search(r"\d(?:\.\d+)?\s*(k|m|mn|bn|million|billion|trillion|thousand|hundred)\b", t)
    return float(_SCALES[m.group(1)]) if m else 1.0


def _word_number(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return float(WORD_VALUES[word]) if word in WORD_VALUES else None


def _words_to_number(words: list[str]) -> int:
    total, current = 0, 0
    for word in words:
        value = WORD_VALUES[word]
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
