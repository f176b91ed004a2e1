"""Ingest: paths (files, folders, '-') or bytes in, RawArticles out, bad inputs reported and skipped.

``read_inputs`` reads paths, ``read_bytes`` one named blob (an upload, a pasted text); both
sniff the format, extract HTML, split JSONL/CSV into records and apply the size limit the same
way. Neither raises for a user's bad input unless ``options.on_error == "raise"``: each problem
becomes a ``Skipped`` record (source, code, reason) and the rest of the batch goes on.
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

__all__ = ["read_bytes", "read_inputs"]

_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_MB = 1024 * 1024


def read_inputs(paths: Sequence[str], options: Options) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every path; return the articles found and the inputs skipped (with reasons)."""
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    for source, data in _iter_sources(paths, options, skipped):
        found, skips = read_bytes(source, data, options)
        articles.extend(found)
        skipped.extend(skips)
    return articles, skipped


def read_bytes(name: str, data: bytes, options: Options) -> tuple[list[RawArticle], list[Skipped]]:
    """The articles in one named blob (a file's bytes, an upload), or why it was skipped.

    ``name`` is the source the articles and skip reasons carry; its extension helps tell the
    format apart, as a file name does.
    """
    try:
        found = _parse(name, data, options)
    except InputError as exc:
        return [], [_skip(name, exc, options)]
    return [_apply_flags(article, options) for article in found], []


def _skip(source: str, exc: InputError, options: Options) -> Skipped:
    """The Skipped record for exc, or exc itself raised when the run says so."""
    if options.on_error == "raise":
        raise exc
    return Skipped(source=source, code=exc.code, reason=str(exc))


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
            missing = InputError(Errors.S107.format(source=raw_path), raw_path)
            skipped.append(_skip(raw_path, missing, options))
            continue
        for file in files:
            try:
                yield str(file), _read_file(file, options.max_mb)
            except InputError as exc:
                skipped.append(_skip(str(file), exc, options))


def _is_hidden(path: Path, root: Path) -> bool:
    """Hidden files and a folder's README or LICENCE are not articles."""
    rel = path.relative_to(root)
    if path.name in _SKIP_NAMES or path.name.upper().startswith(("README", "LICENSE", "LICENCE")):
        return True
    return any(part.startswith(".") for part in rel.parts)


def _read_file(path: Path, max_mb: float) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_mb * _MB:
            raise InputError(Errors.S105.format(source=path, size_mb=size / _MB, limit_mb=max_mb), str(path))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.S101.format(source=path, detail=exc.strerror or exc), str(path)) from exc


def _parse(source: str, data: bytes, options: Options) -> list[RawArticle]:
    if len(data) > options.max_mb * _MB:  # stdin and uploads have no size to check up front
        raise InputError(
            Errors.S105.format(source=source, size_mb=len(data) / _MB, limit_mb=options.max_mb), source
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
