"""The article id: a hash of the normalised text."""

from __future__ import annotations

import hashlib


def article_id(text: str) -> str:
    """A stable id: the same text is the same article, whatever file it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
