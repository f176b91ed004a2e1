"""Errors and warnings, each with a code and a message that says what to do.

Exception tree::

    StorylineError
    ├── InputError      an input file or article cannot be used (reported, skipped)
    ├── ConfigError     a bad option or flag
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


class ModelError(StorylineError):
    pass


class StorylineWarning(UserWarning):
    pass
