"""Normalise stage: raw article text in, clean cased text with an offset map back out.

Cleaning and detokenising, case restoration for lowercased scrapes, metadata lines and the
publication date (inferred from the text when the input does not give one).
"""

from storyline.normalise.clean import (
    article_id,
    build_casing_lexicon,
    guess_language,
    is_boilerplate,
    is_tokenized_lowercase,
    normalise,
    raw_offset,
)
from storyline.normalise.published import infer_published

__all__ = [
    "article_id",
    "build_casing_lexicon",
    "guess_language",
    "infer_published",
    "is_boilerplate",
    "is_tokenized_lowercase",
    "normalise",
    "raw_offset",
]
