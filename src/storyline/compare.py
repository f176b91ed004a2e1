"""Compare: where outlets agree on a figure and where they contradict each other.

Numbers are aligned across articles by their claim ``key`` (what is counted, with the verb
folded: "killed", "massacred" and "dead" are one) and their date. Two figures conflict when
the ranges their qualifiers allow do not overlap ("about 1,200" ≈ 1,140–1,260 against
"about 1,400" ≈ 1,330–1,470). Vague quantities ("hundreds of", "tens of thousands") never
raise a conflict: fewer, right flags beat many noisy ones. A conflict notes when its articles
were published far apart, since a figure may have been revised.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from storyline.model import Agreement, Article, Conflict, ConflictItem, Number

_APPROX_WIDTH = {
    "about": 0.05,
    "around": 0.05,
    "approximately": 0.05,
    "roughly": 0.05,
    "some": 0.05,
    "an estimated": 0.05,
    "estimated": 0.05,
    "close to": 0.05,
}


def value_range(number: Number) -> tuple[float, float] | None:
    """The interval of values a number with its qualifier admits; None for vague ones."""
    value, approx = number.value, (number.approx or "").lower()
    if approx.endswith(" of"):  # "tens of", "hundreds of": vague on purpose
        return None
    if number.value_max is not None:
        return value, number.value_max
    if approx in _APPROX_WIDTH:
        width = _APPROX_WIDTH[approx] * value
        return value - width, value + width
    if approx in ("more than", "over", "just over", "upwards of", "well over"):
        return value + 1e-9, math.inf
    if approx == "at least":
        return value, math.inf
    if approx in ("up to", "at most", "as many as"):
        return 0.0, value
    if approx in ("less than", "fewer than", "under", "just under"):
        return 0.0, value - 1e-9
    if approx in ("nearly", "almost"):
        return value * 0.9, value
    return value, value


def compare_numbers(numbers: list[Number], articles: list[Article]) -> tuple[list[Conflict], list[Agreement]]:
    by_article = {a.id: a for a in articles}
    groups: dict[tuple[str, str], list[Number]] = defaultdict(list)
    for number in numbers:
        if number.key and number.unit != "%" and value_range(number) is not None:
            # A date separates figures only for events ("killed on 7 October"); a stock such as
            # "homes at risk" is one quantity whatever date its sentence happens to name.
            when = number.date or "" if _is_event_key(number.key) else ""
            groups[(number.key, when)].append(number)
    conflicts: list[Conflict] = []
    agreements: list[Agreement] = []
    for (key, when), group in sorted(groups.items()):
        if len({n.article for n in group}) < 2:
            continue
        firsts = _one_per_article(group)
        if _all_compatible(firsts):
            agreements.append(
                Agreement(
                    id=f"a{len(agreements) + 1}",
                    about=_about(key, when),
                    items=[_item(n, by_article) for n in firsts],
                )
            )
        else:
            conflicts.append(
                Conflict(
                    id=f"c{len(conflicts) + 1}",
                    about=_about(key, when),
                    kind="number",
                    items=[_item(n, by_article) for n in firsts],
                    note=_date_note([by_article[n.article] for n in firsts]),
                )
            )
    return conflicts, agreements


def _is_event_key(key: str) -> bool:
    return key.endswith(("killed", "injured", "taken", "held", "displaced", "arrested"))


def _one_per_article(group: list[Number]) -> list[Number]:
    """An article's first figure for a quantity stands for it (later ones repeat or subdivide)."""
    seen: dict[str, Number] = {}
    for number in sorted(group, key=lambda n: (n.article, n.start)):
        seen.setdefault(number.article, number)
    return list(seen.values())


def _all_compatible(numbers: list[Number]) -> bool:
    ranges = [value_range(n) for n in numbers]
    lows = [r[0] for r in ranges if r]
    highs = [r[1] for r in ranges if r]
    return max(lows) <= min(highs)


def _about(key: str, when: str) -> str:
    return f"{key} ({when})" if when else key


def _item(number: Number, by_article: dict[str, Article]) -> ConflictItem:
    article = by_article[number.article]
    sentence = number.sentence
    assert sentence is not None
    return ConflictItem(
        article=number.article,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        value=number.value,
        outlet=article.outlet,
        published=article.published,
    )


def _date_note(articles: list[Article]) -> str | None:
    dates = sorted(date.fromisoformat(a.published) for a in articles if a.published)
    if len(dates) < len(articles):
        return "Not every article has a known date, so a revision cannot be ruled out."
    gap = (dates[-1] - dates[0]).days
    if gap >= 60:
        return f"The articles are {round(gap / 30.4)} months apart: the figure may have been revised."
    if gap >= 2:
        return f"The articles are {gap} days apart: the figure may have been revised."
    return None
