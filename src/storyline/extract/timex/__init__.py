"""Time expressions: find them in a parsed article and normalise them to TIMEX3 values.

Contract: ``extract_timexes(doc, article_id, published)`` returns ``TimeExpression`` items in
text order, ids ``f"{article_id}:t{n}"``, each a view into ``doc.text`` (``text ==
doc.text[start:end]``). Extents follow TimeML/TempEval-3 conventions: leading prepositions
("on", "in", "by") and hedges ("about", "only") are left out, bounds ("at least", "nearly",
"more than") are kept; determiners and temporal modifiers ("the last two years", "early next
year") are kept, but not an article that belongs to the noun ("a fourth-quarter loss", "the
Aug. 7 report"); a possessive "'s" is dropped.

Values are TIMEX3 values relative to ``published`` (the document creation time, DCT):
``2023-10-07``, ``2024-02``, ``2024-W10``, ``2023-Q3``, ``2023-FA``, ``199`` (a decade),
``P2M``, ``PXY``, ``PAST_REF``. Granularity is kept: a month is ``2024-02``, never its 1st.
Relative expressions are resolved against the DCT using the tense of the governing verb
(past tense "on Monday" is the Monday before). Without a DCT, absolute values are still
given and relative ones keep unknown parts as ``X`` ("XXXX-10-07") rather than inventing.

Candidates come from spaCy's DATE/TIME entities (trimmed and split to TIMEX3 extents) and
from a small lexicon of expressions spaCy does not tag ("now", "recently", "daily"). A
candidate that cannot be normalised is dropped: that filters ages ("52 years old") and
bare numbers that spaCy mislabels. Nothing here calls a date parser per token.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from storyline.extract.timex.extents import candidate_spans
from storyline.extract.timex.normalise import normalise_timex
from storyline.extract.timex.tense import SHIFTED, governing_tense
from storyline.extract.timex.values import Norm, TimexContext
from storyline.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc


__all__ = ["extract_timexes", "normalise_timex"]

_YEAR_IN = re.compile(r"\b(1[5-9]|20)\d\d\b")


def extract_timexes(doc: Doc, article_id: str, published: dt.date | None) -> list[TimeExpression]:
    """Find and normalise the TIMEX3 time expressions of one parsed article (see module doc)."""
    if isinstance(published, dt.datetime):
        published = published.date()
    text = doc.text
    spans = candidate_spans(doc)
    items: list[TimeExpression] = []
    quarter: str | None = None
    for start, end in spans:
        ctx = TimexContext(published, governing_tense(doc, start, end), quarter)
        norm = normalise_timex(text[start:end], ctx)
        if norm is None:
            continue
        if (
            "election" in text[start:end].lower()
            and norm.precision == "day"
            and not _YEAR_IN.search(text[start:end])
        ):
            # 'election day' is whichever election the story is about, not necessarily the US
            # Election Day (the Tuesday after the first Monday of November): its date is unknown.
            # (Case is no evidence: restored lowercase text may capitalise it.)
            norm = Norm("DATE", "XXXX-XX-XX", "day")
        if re.fullmatch(r"\d{4}-Q\d", norm.value) and not SHIFTED.search(text[start:end]):
            quarter = norm.value
        items.append(
            TimeExpression(
                id=f"{article_id}:t{len(items)}",
                article=article_id,
                start=start,
                end=end,
                text=text[start:end],
                type=norm.type,
                value=norm.value,
                precision=norm.precision,
            )
        )
    return items
