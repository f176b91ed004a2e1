"""Normalise stage: raw article text in, clean cased text with an offset map back out.

Cleaning and detokenising, case restoration for lowercased scrapes, metadata lines and the
publication date (inferred from the text when the input does not give one).

Modules: ``stage`` (the stage, in order), ``clean`` (boilerplate, lines, ftfy), ``language``,
``detokenise``, ``sentences`` (cutting for truecasing), ``truecasing`` (the word decisions),
``metadata`` (headline, 'Published:' and 'By' lines), ``published`` (date inference),
``offsets`` (the offset map) and ``identity`` (the article id).
"""

from storyline.normalise.clean import is_boilerplate
from storyline.normalise.detokenise import is_tokenized_lowercase
from storyline.normalise.identity import article_id
from storyline.normalise.language import guess_language
from storyline.normalise.offsets import raw_offset
from storyline.normalise.published import infer_published
from storyline.normalise.stage import normalise
from storyline.normalise.truecasing import build_casing_lexicon

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
