"""Alembic environment: migrations run on the connection the store hands over.

The store runs them programmatically when it opens (``storyline.store.migrate``), so there
is no alembic.ini and no URL here. On PostgreSQL a transaction-scoped advisory lock makes two
processes that open a fresh store at once migrate it one after the other.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from storyline.store.schema import metadata

_MIGRATION_LOCK = 7_104_221  # any constant: the advisory lock id for schema migrations


def _run(connection: Connection) -> None:
    # SQLite runs DDL inside transactions too once the driver leaves BEGIN to us (connect.py),
    # so a migration either happens whole or not at all on both databases.
    context.configure(
        connection=connection, target_metadata=metadata, render_as_batch=True, transactional_ddl=True
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("storyline migrations run through storyline.store.migrate, not the alembic CLI")
_run(connection)
