"""The new-story form's input, pasted text and dropped files, read the way the CLI reads files.

Each pasted article and each uploaded file is written to a private temporary folder under a
name we make (the client's file name only lends its extension, so a name can never point
outside the folder) and the folder goes through ``storyline.ingest.read_inputs``: the same
format sniffing, HTML extraction, JSONL/CSV records, size limit and coded skip reasons as
``storyline analyze``. Sources are then given back the names the user knows.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.model import RawArticle, Skipped
from storyline.options import Options

# Articles pasted into one box are separated by a line holding only three or more dashes
# (or equals signs), e.g. "---".
SEPARATOR = re.compile(r"^[ \t]*(?:-{3,}|={3,})[ \t]*$", re.MULTILINE)
_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".csv")
_SAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def split_pasted(text: str) -> list[str]:
    """The articles in a pasted box: the pieces between separator lines that hold any text.
    (Browsers send a textarea's line breaks as CRLF.)"""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [piece.strip() for piece in SEPARATOR.split(text) if piece.strip()]


def display_name(name: str) -> str:
    """A client's file name, cut to its last path part and to harmless characters, for messages."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _SAFE.sub("_", base).strip()[:120] or "upload"


def _extension(name: str) -> str:
    lowered = name.lower()
    return next((ext for ext in _EXTENSIONS if lowered.endswith(ext)), "")


def read_form_articles(
    pasted: str, uploads: Sequence[Upload], options: Options
) -> tuple[list[RawArticle], list[Skipped]]:
    """RawArticles from the pasted box and the uploaded files; what cannot be used is skipped."""
    named: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        root = Path(folder)
        for n, piece in enumerate(split_pasted(pasted), start=1):
            path = root / f"p{n:04d}.txt"
            path.write_text(piece, encoding="utf-8")
            named[str(path)] = f"pasted article {n}"
        for n, upload in enumerate(uploads, start=1):
            path = root / f"u{n:04d}{_extension(upload.name)}"
            path.write_bytes(upload.data)
            named[str(path)] = display_name(upload.name)
        raws, skipped = read_inputs(sorted(named), options)

    def rename(source: str, text: str) -> tuple[str, str]:
        for path, name in named.items():
            if source.startswith(path):
                return name + source[len(path) :], text.replace(path, name)
        return source, text

    renamed_raws = []
    for raw in raws:
        source, _ = rename(raw.source, "")
        renamed_raws.append(raw.model_copy(update={"source": source}))
    renamed_skips = []
    for skip in skipped:
        source, reason = rename(skip.source, skip.reason)
        renamed_skips.append(skip.model_copy(update={"source": source, "reason": reason}))
    return renamed_raws, renamed_skips
