"""The new-story form's input, pasted text and dropped files, read the way the CLI reads files.

Each pasted article and each uploaded file goes through ``storyline.ingest.read_bytes`` under
the name the user knows ("pasted article 2", the upload's file name cut to harmless
characters): the same format sniffing, HTML extraction, JSONL/CSV records, size limit and
coded skip reasons as ``storyline analyze``. Nothing is written to disk, so a client's file
name never becomes a path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.ingest import read_bytes
from storyline.model import RawArticle, Skipped
from storyline.options import Options

# Articles pasted into one box are separated by a line holding only three or more dashes
# (or equals signs), e.g. "---".
SEPARATOR = re.compile(r"^[ \t]*(?:-{3,}|={3,})[ \t]*$", re.MULTILINE)
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


def read_form_articles(
    pasted: str, uploads: Sequence[Upload], options: Options
) -> tuple[list[RawArticle], list[Skipped]]:
    """RawArticles from the pasted box and the uploaded files; what cannot be used is skipped."""
    named = [
        *((f"pasted article {n}", piece.encode("utf-8")) for n, piece in enumerate(split_pasted(pasted), 1)),
        *((display_name(upload.name), upload.data) for upload in uploads),
    ]
    raws: list[RawArticle] = []
    skipped: list[Skipped] = []
    for name, data in named:
        found, skips = read_bytes(name, data, options)
        raws.extend(found)
        skipped.extend(skips)
    return raws, skipped
