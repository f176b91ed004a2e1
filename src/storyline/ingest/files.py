"""Bytes to text: refuse binaries, find the encoding, and tell the formats apart."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from storyline.errors import Errors, InputError

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<\?xml)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(p|div|br|span|a|h[1-6])[\s>/]", re.IGNORECASE)


def read_text_bytes(source: str, data: bytes) -> str:
    """Decode bytes to str: UTF-8 first (with or without BOM), else the best detected encoding."""
    if _looks_binary(data):
        raise InputError(Errors.S103.format(source=source), source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _mostly_ascii(data):
        # English news that is not UTF-8 is nearly always Windows-1252 / Latin-1; detectors
        # guess Latin-2 or others on short texts, turning "£" into "Ł".
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(Errors.S104.format(source=source), source)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(Errors.S104.format(source=source), source) from exc


def _mostly_ascii(data: bytes) -> bool:
    sample = data[:100_000]
    return bool(sample) and sum(b < 128 for b in sample) / len(sample) >= 0.8


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not text.

    UTF-16 text also has NULs; that is rare for news input and is reported as binary.
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


def sniff_format(source: str, text: str) -> str:
    """'html', 'jsonl', 'csv' or 'plain', from the name first and the content second."""
    name = source.lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    head = text[:2000]
    if _HTML_START.search(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if head.lstrip().startswith("{") and '"text"' in head:
        return "jsonl"
    return "plain"
