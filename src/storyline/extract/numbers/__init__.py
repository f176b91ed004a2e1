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

from spacy.tokens import Doc, Span

from storyline.extract.claims import attribution
from storyline.extract.numbers.counted import what_is_counted
from storyline.extract.numbers.spans import (
    bare_word,
    number_spans,
    restated_figure,
    with_currency,
    with_qualifier,
)
from storyline.extract.numbers.values import SCALE_WORDS, parse_value
from storyline.model import Cite, Number

__all__ = ["extract_numbers", "parse_value"]


def extract_numbers(doc: Doc, article_id: str) -> list[Number]:
    spans = number_spans(doc)
    numbers: list[Number] = []
    for span in spans:
        number = _read_number(doc, span, article_id, len(numbers), restated_figure(doc, span))
        if number is not None:
            numbers.append(number)
    return numbers


def _read_number(doc: Doc, span: Span, article_id: str, n: int, figure: Span | None = None) -> Number | None:
    """The number ``span`` stands for; with ``figure`` (``_restated_figure``), its value is the
    bracketed figure's, and the citation runs from the words to the closing bracket."""
    span = with_currency(doc, span)
    span, approx = with_qualifier(doc, span)
    parsed = parse_value((figure or span).text)
    if parsed is None:
        return None
    value, value_max, unit, vague = parsed
    approx = vague if figure is not None else approx or vague  # the bracketed figure is exact
    about, key = what_is_counted(doc, span, unit)
    sentence = span.sent
    end = span.end_char
    if figure is not None:
        closing = doc[figure.end]
        end = closing.idx + len(closing.text)
    elif span.text.endswith(".") and bare_word(span[-1]) in SCALE_WORDS:
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
        sentence=Cite.from_span(article_id, doc.text, sentence.start_char, sentence.end_char),
    )
