"""The story store: articles, their analyses, stories and dossiers on SQLite or PostgreSQL.

>>> from storyline.store import Store
>>> with Store.open("sqlite:///storyline.db") as store:     # doctest: +SKIP
...     report = store.ingest(raws)
...     latest = store.stories(limit=10)
...     dossier = store.dossier(latest[0].id)

Modules: ``schema`` (tables), ``migrate`` + ``migrations/`` (alembic, run on open),
``connect`` (URLs, engines, transactions), ``repository`` (the SQL), ``search`` (full text),
``dedup`` (near-duplicates), ``clustering`` (the clusterer's persistence), ``api`` (Store).
Only this package imports SQLAlchemy.
"""

from storyline.store.api import Store
from storyline.store.records import IngestReport, ReclusterReport, SearchHit, StoryInfo

__all__ = ["IngestReport", "ReclusterReport", "SearchHit", "Store", "StoryInfo"]
