"""storyline: a cited story dossier from news articles about one story.

>>> import storyline
>>> dossier = storyline.analyze(["articles/"])          # doctest: +SKIP
>>> [e.name for e in dossier.entities[:3]]              # doctest: +SKIP

Every public name is loaded on first use (module ``__getattr__``), so ``import storyline``
and ``storyline --version`` do not pull in spaCy, torch or NLTK.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    "analyze": "storyline.pipeline",
    "analyze_raw": "storyline.pipeline",
    "read_inputs": "storyline.ingest",
    "read_bytes": "storyline.ingest",
    "Options": "storyline.options",
    "StoreOptions": "storyline.options",
    "EngineOptions": "storyline.options",
    "ServeOptions": "storyline.options",
    "Dossier": "storyline.model",
    "RawArticle": "storyline.model",
    "Skipped": "storyline.model",
    "Store": "storyline.store",
    "render_markdown": "storyline.report.markdown",
    "render_html": "storyline.report.html",
    "StorylineError": "storyline.errors",
    "InputError": "storyline.errors",
    "ConfigError": "storyline.errors",
    "ModelError": "storyline.errors",
    "StoreError": "storyline.errors",
    "StorylineWarning": "storyline.errors",
}

__all__ = [
    "ConfigError",
    "Dossier",
    "EngineOptions",
    "InputError",
    "ModelError",
    "Options",
    "RawArticle",
    "ServeOptions",
    "Skipped",
    "Store",
    "StoreError",
    "StoreOptions",
    "StorylineError",
    "StorylineWarning",
    "__version__",
    "analyze",
    "analyze_raw",
    "read_bytes",
    "read_inputs",
    "render_html",
    "render_markdown",
]

if TYPE_CHECKING:
    from storyline.errors import (
        ConfigError,
        InputError,
        ModelError,
        StoreError,
        StorylineError,
        StorylineWarning,
    )
    from storyline.ingest import read_bytes, read_inputs
    from storyline.model import Dossier, RawArticle, Skipped
    from storyline.options import EngineOptions, Options, ServeOptions, StoreOptions
    from storyline.pipeline import analyze, analyze_raw
    from storyline.report.html import render_html
    from storyline.report.markdown import render_markdown
    from storyline.store import Store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next access does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


# A library never configures logging for the application (the CLI does).
logging.getLogger(__name__).addHandler(logging.NullHandler())
