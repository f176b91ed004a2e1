"""Value rules for expressions anchored on the publication date: deictic units ('last week'),
seasons, quarters, 'N days ago', durations and lone units.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.extract.timex.lexicon import DAY_PARTS, NUM, ORDINALS, SEASON_START, SEASONS, UNIT
from storyline.extract.timex.values import Norm, TimexContext, duration_value, number_value


def deictic_rule(s: str, ctx: TimexContext) -> Norm | None:
    """today, yesterday, tomorrow, tonight, with day parts and early/late."""
    m = re.fullmatch(
        r"(?:(?:early|late|earlier|later) )?(?P<d>today|yesterday|tomorrow|tonight|last night|this "
        r"(?P<p>morning|afternoon|evening))(?: (?P<p2>morning|afternoon|evening|night))?",
        s,
    )
    if not m:
        return None
    word = m.group("d")
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    part = m.group("p") or m.group("p2") or ("night" if "night" in word else None)
    if ctx.dct is None:
        return Norm("DATE" if part is None else "TIME", "PRESENT_REF" if shift == 0 else "XXXX-XX-XX", None)
    day = (ctx.dct + dt.timedelta(days=shift)).isoformat()
    if part is None:
        return Norm("DATE", day, "day")
    return Norm("TIME", day + DAY_PARTS[part], "time")


def relative_unit_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'this week', 'last month', 'next year', 'earlier this year', 'the weekend', seasons."""
    m = re.fullmatch(
        r"(?:(?:early|earlier|late|later|mid|the end of|the rest of|the beginning of|the start of)"
        r"[- ])?(?:(?P<rel>this past|this coming|this|last|next|the past|the previous|the coming|the current"
        r"|the same|that|the) )?(?P<unit>week|weekend|month|year|spring|summer|fall|autumn|winter)",
        s,
    )
    if not m or (m.group("rel") in (None, "the") and m.group("unit") not in ("weekend", *SEASONS)):
        return None
    if m.group("rel") is None and m.group("unit") == "weekend":
        return None
    rel, unit = m.group("rel"), m.group("unit")
    if rel in ("this past", "this coming") and unit in SEASONS:
        return _nearest_season(ctx.dct, unit, ahead=rel == "this coming")
    back = ("last", "the past", "the previous", "this past")
    shift = -1 if rel in back else 1 if rel in ("next", "the coming", "this coming") else 0
    return _shifted(ctx.dct, m.group("unit"), shift, ctx.tense if m.group("rel") in (None, "the") else None)


def _nearest_season(dct: dt.date | None, season: str, ahead: bool) -> Norm:
    """'this past spring' is the latest spring begun by the DCT; 'this coming winter' the next one."""
    if dct is None:
        return Norm("DATE", f"XXXX-{SEASONS[season]}", "season")
    begun = SEASON_START[season] <= dct.month
    year = dct.year + (0 if begun != ahead else 1 if ahead else -1)
    return Norm("DATE", f"{year}-{SEASONS[season]}", "season")


def _shifted(dct: dt.date | None, unit: str, shift: int, tense: str | None) -> Norm | None:
    if unit in SEASONS:
        if dct is None:
            return Norm("DATE", f"XXXX-{SEASONS[unit]}", "season")
        year = dct.year + shift
        return Norm("DATE", f"{year}-{SEASONS[unit]}", "season")
    if dct is None:
        return Norm(
            "DATE",
            {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}[unit],
            None,
        )
    if unit in ("week", "weekend"):
        iso = (dct + dt.timedelta(weeks=shift)).isocalendar()
        # Early in the week, 'the weekend' of a report is the one just gone.
        if unit == "weekend" and shift == 0 and tense != "future" and dct.weekday() < 4:
            iso = (dct - dt.timedelta(weeks=1)).isocalendar()
        return Norm("DATE", f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else ""), "week")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 + shift
        return Norm("DATE", f"{index // 12}-{index % 12 + 1:02d}", "month")
    return Norm("DATE", str(dct.year + shift), "year")


def quarter_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'the third quarter', 'third-quarter', 'the latest quarter', 'the year-ago quarter'."""
    m = re.fullmatch(
        r"(?:the |its |this year's |last year's |next year's )?(?:(?P<year0>\d{4}) )?"
        r"(?:(?:fiscal|year-ago|year-earlier|latest|current|comparable|same|first|second|third|fourth|"
        r"1st|2nd|3rd|4th|last|next|previous)[- ]?)*(?:quarter|period)(?: of (?P<year>\d{4}))?",
        s,
    )
    if not m or ("period" in s and not re.search(r"year-ago|year-earlier|latest|same|comparable", s)):
        return None
    ordinal = next((ORDINALS[w] for w in re.split(r"[- ]", s) if w in ORDINALS), None)
    if m.group("year") or m.group("year0"):
        year: int | None = int(m.group("year") or m.group("year0"))
    elif ordinal is not None:
        # An explicit quarter is this year's unless it has not begun yet (news reports results).
        year = None if ctx.dct is None else ctx.dct.year - (1 if (ordinal - 1) * 3 + 1 > ctx.dct.month else 0)
    else:
        base = _current_quarter(ctx.dct) if "current" in s else (ctx.quarter or _previous_quarter(ctx.dct))
        year, ordinal = (int(base[:4]), int(base[-1])) if base else (None, None)
    if year is not None and re.search(r"year-ago|year-earlier|last year's|previous year", s):
        year -= 1
    if year is not None and "next year's" in s:
        year += 1
    ystr = "XXXX" if year is None else str(year)
    return Norm("DATE", f"{ystr}-Q{ordinal if ordinal else 'X'}", "quarter")


def _current_quarter(dct: dt.date | None) -> str | None:
    return None if dct is None else f"{dct.year}-Q{(dct.month - 1) // 3 + 1}"


def _previous_quarter(dct: dt.date | None) -> str | None:
    if dct is None:
        return None
    q = (dct.month - 1) // 3
    return f"{dct.year - 1}-Q4" if q == 0 else f"{dct.year}-Q{q}"


def ago_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'three weeks ago', 'a year earlier', 'year-earlier': the DCT shifted back."""
    m = re.fullmatch(
        r"(?:(?:just|only|about|some|nearly|almost|at least|more than|less than) )?"
        + NUM
        + r"[- ]"
        + UNIT
        + r" (?P<dir>ago|earlier|"
        r"later|before|from now|hence)",
        s,
    ) or re.fullmatch(
        r"(?P<num>a)?(?P<unit>year)[- ](?P<dir>"
        r"earlier|ago)",
        s,
    )
    if not m:
        m = re.fullmatch(r"(?P<vague>several|a few|many|some|few) " + UNIT + r" (?P<dir>ago|earlier)", s)
        if m:
            return Norm("DATE", "PAST_REF", None)
        return None
    n = number_value(m.group("num") or "a")
    if n is None or n != int(n):
        return None
    unit = m.group("unit").rstrip("s")
    back = m.group("dir") in ("ago", "earlier", "before")
    if ctx.quarter and unit == "year" and back and int(n) == 1:
        return Norm("DATE", f"{int(ctx.quarter[:4]) - 1}{ctx.quarter[4:]}", "quarter")
    if ctx.dct is None:
        return Norm("DATE", "PAST_REF" if back else "FUTURE_REF", None)
    return _offset(ctx.dct, int(n) * (-1 if back else 1), unit)


def _offset(dct: dt.date, n: int, unit: str) -> Norm | None:
    if unit in ("day", "night"):
        return Norm("DATE", (dct + dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        iso = (dct + dt.timedelta(weeks=n)).isocalendar()
        return Norm("DATE", f"{iso[0]}-W{iso[1]:02d}", "week")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 + n
        return Norm("DATE", f"{index // 12}-{index % 12 + 1:02d}", "month")
    if unit == "year":
        return Norm("DATE", str(dct.year + n), "year")
    if unit == "decade":
        return Norm("DATE", str(dct.year + 10 * n)[:3], "decade")
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + n
        return Norm("DATE", f"{index // 4}-Q{index % 4 + 1}", "quarter")
    return None


def duration_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'two years', 'the past two months', 'the first nine months', 'two-year', 'a minute and a half'."""
    s = re.sub(
        r"^(?:(?:about|around|only|just|barely|nearly|almost|some|no more than|more than|less than|at least|"
        r"up to|over|"
        r"under|roughly|approximately|another|the|past|last|next|first|coming|latest|previous|final|"
        r"entire|whole|full|same|additional|further|recent)[- ])+",
        "",
        s,
    )
    s = re.sub(r" (?:more|long|old|or so)$", "", s)
    s = re.sub(r"^couple of ", "two ", s)
    # 'eight trading days': a working day is still a day in TIMEX3.
    s = re.sub(r" (?:trading|business|working) (?=days?$)", " ", s)
    s = re.sub(r"(?<=\d) 1/2(?= )", " and a half", s)
    m = re.fullmatch(NUM + r"(?:[- ](?:and a half|more))?[- ]" + UNIT + r"(?: and a half)?", s)
    if m:
        n = number_value(m.group("num"))
        if n is None:
            return None
        if "and a half" in s:
            n += 0.5
        return Norm("DURATION", duration_value(n, m.group("unit")), None)
    m = re.fullmatch(r"(?P<vague>several|a few|few|many|some|the|recent|coming)? ?" + UNIT, s)
    if m and (m.group("vague") or s.endswith("s")):
        unit = m.group("unit")
        if s.endswith("s") or m.group("vague") not in (None, "the"):
            return Norm("DURATION", duration_value(None, unit), None)
        return Norm("DURATION", duration_value(1, unit), None)
    m = re.fullmatch(UNIT + r" or " + UNIT.replace("unit", "unit2"), s)
    if m:
        return Norm("DURATION", duration_value(None, m.group("unit")), None)
    return None


def lone_unit_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'the weekend', 'the day', 'year-end', holidays."""
    if s in ("year-end", "the year-end", "the end of the year"):
        return Norm("DATE", "XXXX-12-31" if ctx.dct is None else f"{ctx.dct.year}-12-31", "day")
    if s in ("the day", "that day", "the same day"):
        return None
    if s in ("the year",):
        return Norm("DURATION", "P1Y", None)
    if s in ("the week",):
        return _shifted(ctx.dct, "week", 0, ctx.tense)
    if s in ("the month",):
        return _shifted(ctx.dct, "month", 0, ctx.tense)
    return None
