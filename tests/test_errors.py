"""The error and warning codes: each one used, prefixed, carried, and filterable."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from storyline.errors import (
    CodedMessage,
    ConfigError,
    Errors,
    InputError,
    ModelError,
    StoreError,
    StorylineError,
    StorylineWarning,
    Warnings,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"


def _source_outside_errors() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py")) if p.name != "errors.py"
    )


@pytest.mark.parametrize("code", [*Errors.codes(), *Warnings.codes()])
def test_every_code_is_used_in_src(code: str) -> None:
    holder = "Errors" if code.startswith("S") else "Warnings"
    assert re.search(rf"\b{holder}\.{code}\b", _source_outside_errors()), (
        f"{code} is defined but never raised"
    )


@pytest.mark.parametrize("code", [*Errors.codes(), *Warnings.codes()])
def test_the_code_prefix_is_applied_and_carried(code: str) -> None:
    holder = Errors if code.startswith("S") else Warnings
    message = getattr(holder, code)
    assert isinstance(message, CodedMessage)
    assert message.startswith(f"[{code}] ") and message.code == code
    formatted = _formatted(holder, code)
    assert isinstance(formatted, CodedMessage) and formatted.code == code
    assert formatted.startswith(f"[{code}] ")


def test_the_code_is_an_attribute_of_the_exception() -> None:
    error = InputError(Errors.S105.format(source="a.txt", size_mb=30.0, limit_mb=20), "a.txt")
    assert (error.code, error.source) == ("S105", "a.txt")
    assert StoreError(Errors.S402.format(story="s1")).code == "S402"
    assert ConfigError("no code here").code == ""
    assert InputError("plain", code="S101").code == "S101"


def test_the_tree() -> None:
    for cls in (InputError, ConfigError, StoreError, ModelError):
        assert issubclass(cls, StorylineError)
    assert issubclass(StorylineWarning, UserWarning)


def test_code_ranges_follow_the_classes_in_the_docstring() -> None:
    from storyline import errors

    doc = errors.__doc__ or ""
    for cls, prefix in (
        ("InputError", "S1xx"),
        ("ConfigError", "S2xx"),
        ("ModelError", "S3xx"),
        ("StoreError", "S4xx"),
    ):
        assert re.search(rf"{cls}\s+{prefix}", doc), cls


@pytest.mark.parametrize("code", Warnings.codes())
def test_each_warning_code_can_be_filtered(code: str) -> None:
    other = next(c for c in Warnings.codes() if c != code) if len(Warnings.codes()) > 1 else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", message=rf"\[{code}\]", category=StorylineWarning)
        warnings.warn(_formatted(Warnings, code), StorylineWarning, stacklevel=1)
        if other:
            warnings.warn(_formatted(Warnings, other), StorylineWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ([_formatted(Warnings, other)] if other else [])


def _formatted(holder: type, code: str) -> str:
    message = getattr(holder, code)
    fields: dict[str, object] = dict.fromkeys(re.findall(r"\{(\w+)", message), "x")
    fields.update({k: 1.0 for k in ("size_mb", "start", "end") if k in fields})
    formatted: str = message.format(**fields)
    return formatted
