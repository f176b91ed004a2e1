"""Shared fixtures, all in one place.

The spaCy model is loaded once per session; the example story and the seed story are each
analysed once per session. The seed articles are real news text kept outside the repository
(``../shared/seeds``): tests that need them skip when the folder is absent.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from spacy.language import Language

from storyline.errors import StorylineWarning
from storyline.model import Dossier

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return REPO_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return REPO_ROOT / "examples" / "flood-story"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = REPO_ROOT.parent / "shared" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds not found: the seed-story tests need the shared folder beside the repo")
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    from storyline.annotate import load_nlp

    return load_nlp()


def _analyze_quietly(path: Path) -> Dossier:
    import storyline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        return storyline.analyze([path])


@pytest.fixture(scope="session")
def seed_dossier(seeds_dir: Path) -> Dossier:
    return _analyze_quietly(seeds_dir)


@pytest.fixture(scope="session")
def example_dossier(example_dir: Path) -> Dossier:
    return _analyze_quietly(example_dir)
