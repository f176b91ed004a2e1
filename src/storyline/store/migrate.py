"""Schema migrations, run programmatically whenever a store is opened.

The migrations ship inside the package (``store/migrations``), so an installed storyline can
create or upgrade any store it opens without an alembic.ini or a separate command. Opening a
store that is already at the head revision only reads its version.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine

from storyline.errors import Errors, StoreError
from storyline.store.connect import mark_write

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The revision this version of storyline writes."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _is_known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, url: str) -> None:
    """Bring the database to the head revision; StoreError if it is newer than this code."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and not _is_known(current):
        raise StoreError(Errors.S404.format(url=url, revision=current))
    config = _config()
    with engine.connect() as connection:
        mark_write(connection)  # SQLite: BEGIN IMMEDIATE, so concurrent openers migrate in turn
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
