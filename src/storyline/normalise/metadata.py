"""Metadata lines off the top of plain text: a headline, a 'Published: ...' line, a 'By ...' line."""

from __future__ import annotations

import re

from storyline.model import RawArticle

_META_LINE = re.compile(r"^\s*(published|date|updated|posted)\s*[:\-]\s*(?P<value>.{4,60}?)\s*$", re.I)
_BYLINE = re.compile(r"^\s*(?i:by)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")

# Only the first lines of the text may be a 'Published:' or 'By' line.
# Set by hand on the dev data / invented examples; not tuned.
METADATA_LINES = 6
# The fewest and most words of a first line taken as the headline.
# Set by hand on the dev data / invented examples; not tuned.
HEADLINE_WORDS = (2, 20)


def take_metadata_lines(
    lines: list[tuple[str, int]], raw: RawArticle, meta: dict[str, str]
) -> list[tuple[str, int]]:
    """Take a 'Published: …' or 'By …' line, and a headline, off the top of plain text."""
    kept = []
    for n, (line, start) in enumerate(lines):
        if n < METADATA_LINES and (m := _META_LINE.match(line)) and "published" not in meta:
            iso = _parse_date(m.group("value"))
            if iso:
                meta["published"] = iso
                meta["published_reason"] = f"'{m.group(1)}' line in the text"
                continue
        if n < METADATA_LINES and (m := _BYLINE.match(line)) and "author" not in meta:
            meta["author"] = m.group("name")
            continue
        kept.append((line, start))
    if kept and raw.title and kept[0][0].strip() == raw.title.strip():
        kept = kept[1:]  # HTML extraction repeats the <h1> headline as the first line
    elif kept and raw.format == "plain" and not raw.title and _is_headline(kept[0][0], len(kept)):
        meta["title"] = kept[0][0].strip()
        kept = kept[1:]
    return kept


def _is_headline(line: str, n_lines: int) -> bool:
    words = line.split()
    return (
        n_lines > 1
        and HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1]
        and not line.rstrip().endswith((".", ",", ";", ":"))
    )


def _parse_date(value: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None
