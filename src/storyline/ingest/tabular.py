"""JSONL and CSV: one article a record, with a `text` field and optional metadata."""

from __future__ import annotations

import csv
import io
import json

from storyline.errors import Errors, InputError
from storyline.model import RawArticle

_FIELDS = ("title", "url", "outlet", "published", "author")


def read_jsonl(source: str, text: str) -> list[RawArticle]:
    """One JSON object a line; a .json file holding one object or a list of them also works."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(
                Errors.S108.format(source=source, line=exc.lineno, detail=exc.msg), source
            ) from exc
        return [_record(source, n + 1, r, "jsonl") for n, r in enumerate(records)]
    articles = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Errors.S108.format(source=source, line=n, detail=exc.msg), source) from exc
        articles.append(_record(source, n, record, "jsonl"))
    return articles


def read_csv(source: str, text: str) -> list[RawArticle]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "text" not in columns:
        raise InputError(Errors.S109.format(source=source, columns=", ".join(columns) or "none"), source)
    articles = []
    for n, row in enumerate(reader, start=2):
        record = {(k or "").strip().lower(): v for k, v in row.items()}
        articles.append(_record(source, n, record, "csv"))
    return articles


def _record(source: str, line: int, record: object, fmt: str) -> RawArticle:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(Errors.S108.format(source=source, line=line, detail="no 'text' string"), source)
    meta = {k: str(record[k]).strip() for k in _FIELDS if record.get(k) not in (None, "")}
    published = meta.get("published")
    return RawArticle(
        source=f"{source}#{line}",
        text=record["text"],
        format=fmt,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        published=published[:10] if published else None,
        published_reason=f"{fmt} field" if published else None,
    )
