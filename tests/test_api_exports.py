"""The public API: exactly the names in ``storyline.__all__``, loaded lazily, and a CLI that
starts without the NLP stack."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import storyline

EXPECTED = {
    "__version__",
    "analyze",
    "analyze_raw",
    "read_inputs",
    "read_bytes",
    "Options",
    "StoreOptions",
    "EngineOptions",
    "ServeOptions",
    "Dossier",
    "RawArticle",
    "Skipped",
    "Store",
    "render_markdown",
    "render_html",
    "StorylineError",
    "InputError",
    "ConfigError",
    "ModelError",
    "StoreError",
    "StorylineWarning",
}
HEAVY = ("spacy", "torch", "nltk")
SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_all_is_the_expected_set_and_each_name_resolves() -> None:
    assert set(storyline.__all__) == EXPECTED
    assert len(storyline.__all__) == len(EXPECTED)
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None, name
    assert storyline.render_html.__module__ == "storyline.report.html"
    assert issubclass(storyline.InputError, storyline.StorylineError)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        storyline.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def _loaded_after(code: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    probe = f"{code}\nimport sys\nprint('LOADED', *(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    last = done.stdout.splitlines()[-1].split()
    assert last[0] == "LOADED", done.stdout
    return last[1:]


def test_import_storyline_and_the_cli_load_no_nlp_stack() -> None:
    assert _loaded_after("import storyline, storyline.cli") == []


def test_version_and_help_load_no_nlp_stack() -> None:
    for flag in ("--version", "--help", "analyze --help", "ingest --help", "serve --help"):
        code = (
            f"from storyline.cli import main\ntry:\n    main({flag.split()!r})\nexcept SystemExit:\n    pass"
        )
        assert _loaded_after(code) == [], flag


def test_options_defaults_agree_with_the_modules_that_repeat_them() -> None:
    from storyline.corpus import ClusterConfig
    from storyline.corpus.engines import DaskEngine
    from storyline.store.connect import DEFAULT_URL, ENV_VAR

    store = storyline.StoreOptions()
    assert (store.default_url, store.env_var) == (DEFAULT_URL, ENV_VAR)
    assert store.open_window == ClusterConfig().open_articles
    default = inspect.signature(DaskEngine).parameters["partition_size"].default
    assert storyline.EngineOptions().partition_size == default
