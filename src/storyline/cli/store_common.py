"""What the store commands share: the --db option and opening the store for one command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from storyline.corpus import ClusterConfig
from storyline.options import StoreOptions

if TYPE_CHECKING:
    from storyline.store import Store

STORE_DEFAULTS = StoreOptions()
_DB_HELP = (
    f"Store URL (sqlite:///FILE or postgresql://…); default ${STORE_DEFAULTS.env_var}, "
    f"else {STORE_DEFAULTS.default_url}."
)

F = TypeVar("F", bound=Callable[..., object])


def db_option(command: F) -> F:
    return click.option("--db", "db_url", metavar="URL", help=_DB_HELP)(command)


def open_store(db_url: str | None, cluster_config: ClusterConfig | None = None) -> Store:
    """The store for one command (use it as a context manager); errors reach the CLI's handler."""
    from storyline.store import Store

    return Store.open(db_url, cluster_config)
