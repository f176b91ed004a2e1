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
import re
from collections import Counter, defaultdict
from datetime import date

from storyline.model import Agreement, Article, Cite, Claim, Conflict, ConflictItem, Number
from storyline.vocabulary import is_vague

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
    if is_vague(approx):  # "tens of", "hundreds of": vague on purpose ("upwards of" is not)
        return None
    if number.value_max is not None:
        return value, number.value_max
    if approx in _APPROX_WIDTH:
        # "about 10,000" admits 10,503: the roundness of the figure widens its qualifier.
        width = max(_APPROX_WIDTH[approx] * value, _rounding(value))
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
    slack = _rounding(value)
    return value - slack, value + slack


def _rounding(value: float) -> float:
    """How far a bare round figure may be from the truth: "6 million" covers 5.99 million.

    Half the place of its last non-zero digit, at most 10% of it (so "1,200" is 1,150–1,250 and
    still conflicts with "1,400", while "$2 trillion" is 1.8–2.2 trillion).
    """
    if value < 100 or value != int(value):
        return 0.0
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    return min(10**zeros / 2, 0.1 * value) if zeros >= 2 else 0.0


def compare_numbers(numbers: list[Number], articles: list[Article]) -> tuple[list[Conflict], list[Agreement]]:
    """Agreements and conflicts between articles' figures for one quantity.

    Figures align when their keys (what is counted, with the event verb) match and, for events,
    their dates do. A key without an event verb ("votes", "USD plan") is weak evidence on its
    own, so such figures must also be said in similar words; and two figures more than
    ``_MAX_RATIO`` apart are taken to count different things, not to contradict each other.
    """
    by_article = {a.id: a for a in articles}
    groups: dict[tuple[str, str], list[Number]] = defaultdict(list)
    for number in numbers:
        if number.key and number.unit != "%" and value_range(number) is not None:
            # A date separates figures only for events ("killed on 7 October"); a stock such as
            # "homes at risk" is one quantity whatever date its sentence happens to name.
            when = number.date or "" if _is_event_key(number.key) else ""
            groups[(number.key, when)].append(number)
    for key_when in list(groups):
        # Outside events, figures dated differently ("6,121 in 2016", "7,314 in 2019") are two
        # readings of a quantity over time, not one reading disputed.
        if len({n.date for n in groups[key_when] if n.date}) > 1:
            del groups[key_when]
    conflicts: list[Conflict] = []
    agreements: list[Agreement] = []
    for (key, when), group in sorted(groups.items()):
        if len({n.article for n in group}) < 2:
            continue
        firsts = _aligned(_one_per_article(group), _is_event_key(key))
        if len(firsts) < 2:
            continue
        if _all_compatible(firsts):
            agreements.append(
                Agreement(
                    id=f"a{len(agreements) + 1}",
                    about=_about(key, when),
                    items=[_item(n, by_article) for n in firsts],
                )
            )
        elif _is_contradiction(firsts, _is_event_key(key)):
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


_MAX_RATIO = 2.0
_MIN_CONTEXT = 0.3
_MIN_CONFLICT_CONTEXT = 0.5
_MIN_CONFLICT_VALUE = 10
_STOPWORDS = frozenset({
    "the", "and", "for", "with", "that", "this", "from", "have", "has", "had", "was", "were",
    "are", "been", "will", "would", "said", "says", "about", "more", "than", "over", "under",
    "some", "into", "after", "before", "their", "they", "his", "her", "its", "who", "which",
    "what", "when",
})  # fmt: skip


def _aligned(numbers: list[Number], is_event: bool) -> list[Number]:
    """The figures said in similar enough words to be about one quantity (all of them for events)."""
    if is_event:
        return numbers
    words = [_context_words(n) for n in numbers]
    return [
        n
        for i, n in enumerate(numbers)
        if any(_cosine(words[i], words[j]) >= _MIN_CONTEXT for j in range(len(numbers)) if j != i)
    ]


def _is_contradiction(numbers: list[Number], is_event: bool) -> bool:
    """Incompatible figures that really are one quantity told two ways.

    Figures of different orders (6 vs 306) count two things; small counts (3 shot, 2 killed)
    nearly always do; and outside events a contradiction needs near-identical wording, since
    a forecast, an earlier milestone or a part of the whole is otherwise easily taken for it.
    """
    values = [n.value for n in numbers if n.value > 0]
    if (
        len(values) < len(numbers)
        or max(values) / min(values) > _MAX_RATIO
        or min(values) < _MIN_CONFLICT_VALUE
    ):
        return False
    if is_event:
        return True
    words = [_context_words(n) for n in numbers]
    return all(_cosine(a, b) >= _MIN_CONFLICT_CONTEXT for i, a in enumerate(words) for b in words[i + 1 :])


def _context_words(number: Number) -> Counter[str]:
    """Content words near the figure in its sentence (what it counts, who, where)."""
    sentence = number.sentence
    if sentence is None:
        return Counter()
    at = number.start - sentence.start
    window = sentence.text[max(0, at - 80) : at + len(number.text) + 80].lower()
    return Counter(w for w in re.findall(r"[a-z]{3,}", window) if w not in _STOPWORDS)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[w] for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


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
    """A figure's side of a conflict or agreement: its whole sentence, as the reader needs it."""
    assert number.sentence is not None
    return _cited_item(number.sentence, number.value, by_article)


def _cited_item(cite: Cite, value: float | None, by_article: dict[str, Article]) -> ConflictItem:
    article = by_article[cite.article]
    return ConflictItem(
        article=cite.article,
        start=cite.start,
        end=cite.end,
        text=cite.text,
        value=value,
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


# -- claims -------------------------------------------------------------------------------------


def support_claims(claims: list[Claim]) -> list[Claim]:
    """Each claim with ``support``: every article carrying a claim of the same key.

    A claim whose support is its own article alone is single-source.
    """
    articles_by_key: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        articles_by_key[claim.key].add(claim.article)
    return [c.model_copy(update={"support": sorted(articles_by_key[c.key])}) for c in claims]


def compare_claims(claims: list[Claim], articles: list[Article]) -> tuple[list[Conflict], list[Agreement]]:
    """Textual agreements and conflicts: the same statement (equal keys) in several articles.

    Number-bearing claims are left to ``compare_numbers``, which sees their qualifiers; here a
    claim stated in two articles is an agreement, and stated in one and negated in another
    ("has a right" / "has no right") a conflict. Ids are ``ct1``, ``at1``… so they never clash
    with the numbers' ``c1``, ``a1``.
    """
    by_article = {a.id: a for a in articles}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.number is None and claim.article in by_article:
            groups[claim.key].append(claim)
    conflicts: list[Conflict] = []
    agreements: list[Agreement] = []
    for key, group in sorted(groups.items()):
        firsts = list({c.article: c for c in sorted(group, key=lambda c: (c.article, -c.start))}.values())
        if len(firsts) < 2:
            continue
        items = [_claim_item(c, by_article) for c in firsts]
        about = _claim_about(key, firsts)
        if len({c.predicate.startswith("not ") for c in firsts}) > 1:
            note = _date_note([by_article[c.article] for c in firsts])
            conflicts.append(
                Conflict(id=f"ct{len(conflicts) + 1}", about=about, kind="text", items=items, note=note)
            )
        else:
            agreements.append(Agreement(id=f"at{len(agreements) + 1}", about=about, kind="text", items=items))
    return conflicts, agreements


def _claim_about(key: str, claims: list[Claim]) -> str:
    # A reader wants the outlets' own words, not the lemmatised key: the shortest version.
    words = min((c.text for c in claims), key=len).strip().rstrip(".")
    if words.count('"') % 2:  # a clause that stops inside a quotation: drop the orphaned mark
        words = words.replace('"', "")
    if len(words) > 140:
        subject, predicate, obj = key.split("|", 2)
        words = f"{claims[0].subject or subject} {predicate} {obj}"
    sources = sorted({c.source for c in claims if c.source})
    said = f" (according to {', '.join(sources)})" if sources else ""
    return f"{words}{said}"


def _claim_item(claim: Claim, by_article: dict[str, Article]) -> ConflictItem:
    return _cited_item(claim, claim.value, by_article)
