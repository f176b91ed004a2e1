"""The shared vocabulary of value resolution: the anchoring context (publication date, tense), the
normalised result, and the number and duration helpers the rules use.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline.extract.timex.lexicon import HALF_DATE, HALF_TIME, NUMBERS, UNITS
from storyline.model import Precision, TimexType


@dataclass(frozen=True)
class TimexContext:
    """What a relative expression is resolved against."""

    dct: dt.date | None
    tense: str | None  # 'past' | 'present' | 'future' | None
    quarter: str | None  # the quarter the article last spoke of, e.g. '1989-Q3'
    last: bool = False  # the expression said 'last' ('last May')


@dataclass(frozen=True)
class Norm:
    type: TimexType
    value: str
    precision: Precision | None


def duration_value(n: float | None, unit: str) -> str:
    unit = re.sub(r"(?:ies|ie|s)$", lambda x: "y" if x.group(0).startswith("ie") else "", unit)
    code, is_time = UNITS.get(unit, ("X", False))
    if code == "DE" or (code == "CE" and n is not None):
        # Decades and centuries are counted in years, like TimeBank: 'two decades' P20Y,
        # 'half a century' P50Y, 'for decades' PXY.
        n = None if n is None else n * (10 if code == "DE" else 100)
        code = "Y"
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if n is not None and n != int(n) and n * 2 == int(n * 2):
        # A half is written in the next unit down: 'two and a half years' is P2Y6M.
        half = HALF_TIME.get(code) if is_time else HALF_DATE.get(code)
        if half:
            whole = f"{int(n)}{code}" if int(n) else ""  # 'half a year' is P6M, not P0Y6M
            return f"P{'T' if is_time else ''}{whole}{half}"
    return f"P{'T' if is_time else ''}{amount}{code}"


def number_value(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return NUMBERS.get(word)
