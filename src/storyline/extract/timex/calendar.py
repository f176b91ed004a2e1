"""Value rules for calendar expressions: explicit dates, years, weekdays, clock times, holidays,
document references ('now', 'today') and sets ('daily').
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.extract.timex.lexicon import (
    DAY_PARTS,
    EVENT_START,
    MON,
    MON_WORD,
    MONTHS,
    PART,
    REFS,
    SEASONS,
    SET_WORDS,
    WD,
    WEEKDAYS,
    YEAR,
)
from storyline.extract.timex.relative import deictic_rule
from storyline.extract.timex.values import Norm, TimexContext, duration_value
from storyline.vocabulary import NUMBER_WORDS


def ref_rule(s: str, ctx: TimexContext) -> Norm | None:
    if s in REFS:
        return Norm("DATE", REFS[s], None)
    if EVENT_START.fullmatch(s):
        return Norm("DATE", "PAST_REF", None)
    return None


def set_rule(s: str, ctx: TimexContext) -> Norm | None:
    if s in SET_WORDS:
        return Norm("SET", SET_WORDS[s], None)
    m = re.fullmatch(r"(?:every|each|per|a) (?:single )?(day|week|month|year|morning|night|quarter)", s)
    if m and not s.startswith("a "):
        unit = {"morning": "day", "night": "day"}.get(m.group(1), m.group(1))
        return Norm("SET", duration_value(1, unit), None)
    m = re.fullmatch(r"(?:every|each) " + WD, s)
    if m:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}", None)
    return None


def weekday_rule(s: str, ctx: TimexContext) -> Norm | None:
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this|early|late|earlier|later|the day|the previous|the following) )?"
        + WD
        + r"(?:,? (?:"
        + PART
        + r"|"
        + MON
        + r" (?P<day>\d{1,2})(?:, "
        + YEAR
        + r")?))?",
        s,
    )
    if not m:
        return None
    if m.group("mon"):
        return absolute_rule(
            f"{m.group('mon')} {m.group('day')}" + (f", {m.group('year')}" if m.group("year") else ""), ctx
        )
    target = WEEKDAYS[m.group("wd")]
    if s.endswith("s") and not m.group("part"):
        return Norm("SET", f"XXXX-WXX-{target + 1}", None)
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-WXX-{target + 1}", "day")
    rel = m.group("rel")
    rel = {"the previous": "last", "the following": "next"}.get(rel or "", rel)
    direction = {"last": "past", "next": "future"}.get(rel or "", ctx.tense)
    value = _resolve_weekday(ctx.dct, target, direction, rel).isoformat()
    # TimeBank annotates 'Friday evening' and 'Friday afternoon' with the part of the day, but
    # mostly 'Friday morning' and 'Friday night' as the day itself.
    if m.group("part") in ("evening", "afternoon"):
        return Norm("TIME", value + DAY_PARTS[m.group("part")], "time")
    return Norm("DATE", value, "day")


def _resolve_weekday(dct: dt.date, target: int, direction: str | None, rel: str | None) -> dt.date:
    """News convention: the DCT's own weekday is the DCT; else past tense looks back."""
    delta = target - dct.weekday()
    if delta == 0 and rel not in ("last", "next"):
        return dct
    if direction == "future":
        return dct + dt.timedelta(days=delta % 7 or 7)
    return dct - dt.timedelta(days=(-delta) % 7 or 7)


def absolute_rule(s: str, ctx: TimexContext) -> Norm | None:
    """Calendar dates with a month name: 'Oct. 7, 2023', '7 October', 'March 2024', 'early March'."""
    lead = re.match(
        r"(?:early|late|mid|earlier|later|the end of|the beginning of|the start of|the middle of"
        r"|this|last|next|this past|this coming)[- ]",
        s,
    )
    if lead:
        s = s[lead.end() :]
        ctx = TimexContext(
            ctx.dct,
            {"last ": "past", "next ": "future", "this past ": "past", "this coming ": "future"}.get(
                lead.group(0), ctx.tense
            ),
            ctx.quarter,
            last=lead.group(0) == "last ",
        )
    spelled = re.fullmatch(
        r"(?P<head>" + MON_WORD + r"|(?:the )?(?:spring|summer|fall|autumn|winter)(?: of)?) (?P<y>[a-z -]+)",
        s,
    )
    year_words = _spelled_year(spelled.group("y")) if spelled else None
    if spelled and year_words is not None:
        head = spelled.group("head")
        season = re.sub(r"^the | of$", "", head)
        if season in SEASONS:
            return Norm("DATE", f"{year_words}-{SEASONS[season]}", "season")
        return Norm("DATE", f"{year_words}-{MONTHS[head]:02d}", "month")
    m = (
        re.fullmatch(MON + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? " + YEAR + r")?", s)
        or re.fullmatch(
            r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: of)? " + MON + r"(?:,? " + YEAR + r")?", s
        )
        or re.fullmatch(MON + r"(?:,? (?:of )?" + YEAR + r"| (?P<rel>this|last|next) year)?", s)
    )
    if not m:
        return None
    month = MONTHS[m.group("mon")]
    day = int(m.group("day")) if "day" in m.groupdict() and m.group("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = _year_for(month, day, m, ctx, expression=s)
    ystr = "XXXX" if year is None else f"{year:04d}"
    if day is None:
        return Norm("DATE", f"{ystr}-{month:02d}", "month")
    return Norm("DATE", f"{ystr}-{month:02d}-{day:02d}", "day")


def _year_for(
    month: int, day: int | None, m: re.Match[str], ctx: TimexContext, expression: str
) -> int | None:
    if m.groupdict().get("year"):
        return int(m.group("year"))
    if ctx.dct is None:
        return None
    rel = m.groupdict().get("rel")
    if rel:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    if ctx.last:
        # 'last May' is at least a month or two back: in March, 'last February' is a year ago
        # (the one just gone would be 'last month' or 'in February').
        return ctx.dct.year - (1 if month >= ctx.dct.month - 1 else 0)
    if expression.startswith("may") and day is None:
        return ctx.dct.year
    # Days from the DCT to this date in the DCT's year (a month counts from its middle).
    here = dt.date(ctx.dct.year, month, min(day or 15, 28))
    gap = (here - ctx.dct).days
    if ctx.tense == "future":
        # A deadline a day or two gone is still this year's ('by Jan. 14' in a Jan. 15 story).
        return ctx.dct.year + (1 if gap < -45 else 0)
    if ctx.tense == "past":
        # A past-tense verb can still name a date just ahead ('was extended to Nov. 16'), so
        # only a date well after the DCT is last year's ('14 November' in a March story).
        return ctx.dct.year - (1 if gap > 45 else 0)
    # No tense to go by: news mostly looks back, so a date up to about nine months before the
    # DCT is this year's, and one more than about three months ahead is last year's.
    return ctx.dct.year + (1 if gap < -280 else -1 if gap > 100 else 0)


def year_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'1990', 'mid-1996', 'the end of 1990', 'the 1988 period', 'the 1990s', 'the 20th century'."""
    m = re.fullmatch(r"the " + YEAR + r" (?:quarter|period)", s)
    if m:
        # Results news compares a quarter with the same quarter of another year.
        if ctx.quarter:
            return Norm("DATE", f"{m.group('year')}{ctx.quarter[4:]}", "quarter")
        return Norm("DATE", m.group("year"), "year")
    m = re.fullmatch(
        r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|the first half of|"
        r"the second half of)[- ])?(?:the )?" + YEAR + r"(?: (?:period|season|year|levels?))?",
        s,
    )
    if m:
        return Norm("DATE", m.group("year"), "year")
    m = re.fullmatch(
        r"(?:the )?(?:(?:early|late|mid)[- ])?(?:(?P<c>1[5-9]|20)(?P<d>\d)0|')(?P<d2>\d)?0?'?s", s
    )
    if m and (m.group("c") or m.group("d2")):
        prefix = m.group("c") or "19"
        return Norm("DATE", prefix + (m.group("d") or m.group("d2")), "decade")
    m = re.fullmatch(r"the (?:(?:early|late|mid)[- ])?(?P<d>twen|thir|for|fif|six|seven|eigh|nine)ties", s)
    if m:
        # 'the nineties' in a 20th-century text; later texts mean the same decade.
        digit = ["twen", "thir", "for", "fif", "six", "seven", "eigh", "nine"].index(m.group("d")) + 2
        return Norm("DATE", f"19{digit}", "decade")
    m = re.fullmatch(r"(?:the )?(?:(?:early|late|mid)[- ])?(?P<n>\d{1,2})(?:st|nd|rd|th) century", s)
    if m:
        return Norm("DATE", f"{int(m.group('n')) - 1:02d}", "century")
    spelled = _spelled_year(re.sub(r"^(?:in )?(?:the year )?", "", s))
    if spelled is not None:
        return Norm("DATE", str(spelled), "year")
    return None


def _spelled_year(s: str) -> int | None:
    """'nineteen ninety-one', 'two thousand and four' (broadcast transcripts spell years out)."""
    m = re.fullmatch(r"(?P<c>nineteen|eighteen|twenty)(?: hundred)? (?P<t>[a-z]+)(?:[- ](?P<u>[a-z]+))?", s)
    if m and m.group("t") in NUMBER_WORDS and 10 <= NUMBER_WORDS[m.group("t")] <= 90:
        units = NUMBER_WORDS.get(m.group("u") or "zero", -1)
        if 0 <= units <= 9 and (units == 0 or NUMBER_WORDS[m.group("t")] >= 20):
            return NUMBER_WORDS[m.group("c")] * 100 + NUMBER_WORDS[m.group("t")] + units
    m = re.fullmatch(r"two thousand(?: and)?(?: (?P<u>[a-z]+))?", s)
    if m:
        units = NUMBER_WORDS.get(m.group("u") or "zero", -1)
        return 2000 + units if 0 <= units <= 19 else None
    return None


def clock_rule(s: str, ctx: TimexContext) -> Norm | None:
    """'10:00 GMT', '3 p.m.', 'noon', optionally followed by a day ('9 a.m. Tuesday')."""
    m = re.fullmatch(
        r"(?:about |around )?(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>[ap]\.?m\.?)?(?: (?:[a-z]{2,4}t|"
        r"gmt|utc|local time))?(?:,? (?P<rest>.+))?|(?P<noon>noon|midday|midnight)(?: (?P<rest2>.+))?",
        s,
    )
    if not m or (not m.group("noon") and not m.group("ap") and not m.group("mi")):
        return None
    if m.group("noon"):
        hour, minute = (24 if m.group("noon") == "midnight" else 12), 0
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if hour > 24 or minute > 59:
            return None
        if m.group("ap") and m.group("ap")[0] == "p" and hour < 12:
            hour += 12
    rest = m.group("rest") or m.group("rest2")
    day = "XXXX-XX-XX" if ctx.dct is None else ctx.dct.isoformat()
    if rest:
        base = weekday_rule(rest, ctx) or absolute_rule(rest, ctx) or deictic_rule(rest, ctx)
        if base is None or base.precision != "day":
            return None
        day = base.value
    return Norm("TIME", f"{day}T{hour:02d}:{minute:02d}", "time")


def holiday_rule(s: str, ctx: TimexContext) -> Norm | None:
    """Fixed and movable feasts news dates by: 'Thanksgiving Day', 'last Christmas'."""
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this) )?(?P<h>thanksgiving|christmas|christmas eve|new year's|election)"
        r"(?: day)?",
        s,
    )
    if not m:
        return None
    if ctx.dct is None:
        return Norm("DATE", "XXXX-XX-XX", "day")
    year = ctx.dct.year
    for _ in range(2):
        day = _feast(m.group("h"), year)
        ahead = day > ctx.dct
        wanted = "future" if m.group("rel") == "next" else "past" if m.group("rel") == "last" else ctx.tense
        if (wanted == "past" and ahead) or (wanted in (None, "present") and (day - ctx.dct).days > 60):
            year -= 1
        elif wanted == "future" and not ahead:
            year += 1
        else:
            break
    return Norm("DATE", _feast(m.group("h"), year).isoformat(), "day")


def _feast(name: str, year: int) -> dt.date:
    if name == "thanksgiving":  # fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election":  # the Tuesday after the first Monday of November
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return {"christmas": dt.date(year, 12, 25), "christmas eve": dt.date(year, 12, 24)}.get(
        name, dt.date(year, 1, 1)
    )
