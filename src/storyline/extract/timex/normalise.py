"""Normalising one expression to a TIMEX3 value: the rules tried in order, first match wins."""

from __future__ import annotations

import re

from storyline.extract.timex.calendar import (
    absolute_rule,
    clock_rule,
    holiday_rule,
    ref_rule,
    set_rule,
    weekday_rule,
    year_rule,
)
from storyline.extract.timex.relative import (
    ago_rule,
    deictic_rule,
    duration_rule,
    lone_unit_rule,
    quarter_rule,
    relative_unit_rule,
)
from storyline.extract.timex.values import Norm, TimexContext


def normalise_timex(expression: str, ctx: TimexContext) -> Norm | None:
    """The TIMEX3 type, value and precision of one expression, or None if it is not one."""
    s = re.sub(r"\s+", " ", expression.lower().replace("’", "'")).strip()
    fiscal = re.match(r"^(?:the )?(?:fiscal|calendar) ", s)
    if fiscal:
        s = s[fiscal.end() :]
        if s == "year":  # 'the fiscal year': TimeBank reads it as a year's length
            return Norm("DURATION", "P1Y", None)
    # 'the current fiscal year', 'next fiscal year': the fiscal year named as the calendar one.
    s = re.sub(
        r"^(this|next|last|the current|the coming|the previous) (?:fiscal|calendar) year$", r"\1 year", s
    )
    for rule in _RULES:
        norm = rule(s, ctx)
        if norm is not None:
            return norm
    return None


_RULES = (
    ref_rule,
    set_rule,
    deictic_rule,
    weekday_rule,
    holiday_rule,
    clock_rule,
    absolute_rule,
    relative_unit_rule,
    quarter_rule,
    ago_rule,
    year_rule,
    lone_unit_rule,
    duration_rule,
)
