"""Database URLs and engines: SQLite by default, PostgreSQL for teams, one code path for both.

SQLite gets WAL (readers never wait for the one writer), foreign keys, a busy timeout, and
explicit transactions: Python's sqlite3 module otherwise opens transactions only before DML,
so DDL would commit on its own and a write transaction would take its lock late. Here every
transaction starts with ``BEGIN`` and a write transaction with ``BEGIN IMMEDIATE``, which
takes the write lock up front (waiting up to the busy timeout) instead of failing halfway.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storyline.errors import Errors, StoreError

ENV_VAR = "STORYLINE_DB"
DEFAULT_URL = "sqlite:///storyline.db"
_BUSY_TIMEOUT_MS = 30_000
_WRITE = "storyline_write"


def resolve_url(url: str | None) -> str:
    """The URL given, else $STORYLINE_DB, else storyline.db in the current folder.

    A bare ``postgresql://`` URL is read as psycopg 3, the driver storyline installs.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def create_store_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings the store relies on; StoreError if it cannot be."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(Errors.S401.format(url=url, detail=exc)) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return sa.create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        if parsed.get_backend_name() == "postgresql":
            raise StoreError(Errors.S406.format(url=_safe(parsed))) from exc
        raise StoreError(Errors.S401.format(url=_safe(parsed), detail=exc)) from exc
    except sa.exc.NoSuchModuleError as exc:
        raise StoreError(Errors.S401.format(url=_safe(parsed), detail=exc)) from exc


def _safe(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _sqlite_engine(url: sa.URL) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see the module doc)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a process crash
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def mark_write(connection: Connection) -> None:
    """Transactions on this connection will write: on SQLite they take the write lock up front."""
    connection.execution_options(**{_WRITE: True})


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises.

    A process killed inside the block leaves nothing of it behind: SQLite rolls the WAL back
    and PostgreSQL aborts the transaction when the connection drops.
    """
    with engine.connect() as connection:
        mark_write(connection)
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """One consistent read (a snapshot on SQLite's WAL; READ COMMITTED per statement on PostgreSQL)."""
    with engine.connect() as connection, connection.begin():
        yield connection
