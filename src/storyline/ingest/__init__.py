"""Ingest: paths (files, folders, '-') in, RawArticles out, bad inputs reported and skipped.

``read_inputs`` never raises for a user's bad file: each problem becomes a ``Skipped``
record (source, code, reason) and the rest of the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from storyline.errors import Errors, InputError
from storyline.ingest.files import read_text_bytes, sniff_format
from storyline.ingest.html import read_html
from storyline.ingest.tabular import read_csv, read_jsonl
from storyline.model import RawArticle, Skipped
from storyline.options import Options

__all__ = ["read_inputs"]

_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def read_inputs(paths: Sequence[str], options: Options) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every path; return the articles found and the inputs skipped (with reasons)."""
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    for source, data in _iter_sources(paths, options, skipped):
        try:
            found = _parse(source, data, options)
        except InputError as exc:
            skipped.append(Skipped(source=source, code=exc.code, reason=str(exc)))
            continue
        for article in found:
            articles.append(_apply_flags(article, options))
    return articles, skipped


def _iter_sources(
    paths: Sequence[str], options: Options, skipped: list[Skipped]
) -> Iterator[tuple[str, bytes]]:
    for raw_path in paths:
        if raw_path == "-":
            yield "-", sys.stdin.buffer.read()
            continue
        path = Path(raw_path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path))
        elif path.exists():
            files = [path]
        else:
            skipped.append(Skipped(source=raw_path, code="S107", reason=Errors.S107.format(source=raw_path)))
            continue
        for file in files:
            try:
                yield str(file), _read_bytes(file, options.max_mb)
            except InputError as exc:
                skipped.append(Skipped(source=str(file), code=exc.code, reason=str(exc)))


def _is_hidden(path: Path, root: Path) -> bool:
    """Hidden files and a folder's README or LICENCE are not articles."""
    rel = path.relative_to(root)
    if path.name in _SKIP_NAMES or path.name.upper().startswith(("README", "LICENSE", "LICENCE")):
        return True
    return any(part.startswith(".") for part in rel.parts)


def _read_bytes(path: Path, max_mb: float) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise InputError(
                Errors.S105.format(source=path, size_mb=size / 1024 / 1024, limit_mb=max_mb), str(path)
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.S101.format(source=path, detail=exc.strerror or exc), str(path)) from exc


def _parse(source: str, data: bytes, options: Options) -> list[RawArticle]:
    if len(data) > options.max_mb * 1024 * 1024:  # stdin has no size to check up front
        raise InputError(
            Errors.S105.format(source=source, size_mb=len(data) / 1024 / 1024, limit_mb=options.max_mb),
            source,
        )
    text = read_text_bytes(source, data)
    fmt = sniff_format(source, text)
    if fmt == "html":
        return [read_html(source, text)]
    if fmt == "jsonl":
        return read_jsonl(source, text)
    if fmt == "csv":
        return read_csv(source, text)
    return [RawArticle(source=source, text=text, format="plain")]


def _apply_flags(article: RawArticle, options: Options) -> RawArticle:
    """Flags fill what the file does not say; they never override the file's own metadata."""
    update: dict[str, str] = {}
    if options.outlet and not article.outlet:
        update["outlet"] = options.outlet
    if options.published and not article.published:
        update["published"] = options.published
        update["published_reason"] = "given with --published"
    return article.model_copy(update=update) if update else article
