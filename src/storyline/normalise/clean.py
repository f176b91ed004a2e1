"""Cleaning: lines of raw text, mojibake repair (ftfy), site furniture (boilerplate sentences,
the footer), and the check that what is left is usable."""

from __future__ import annotations

import re

import ftfy

from storyline.errors import Errors, InputError
from storyline.normalise.detokenise import detokenize_line
from storyline.normalise.language import guess_language
from storyline.normalise.offsets import Piece

_BOILERPLATE = re.compile(
    r"""^(?:
        comments?\s*:?\s*our\s+rules
      | we\s+want\s+our\s+comments
      | please\s+report\s+any\s+comments
      | read\s+the\s+rules
      | comments\s+are\s+(?:closed|open)
      | follow\s+.{0,60}\s+on\s+(?:facebook|twitter|instagram|x|tiktok|linkedin)\b
      | got\s+a\s+(?:story|news\s+tip)\s*\?
      | (?:sign\s+up|subscribe)\s+(?:to|for)\s+.{0,40}newsletter
      | share\s+(?:this|on)\s+(?:article|story|page|facebook|twitter|x|whatsapp|email)
      | (?:share|tweet|email|print|advertisement|advert|related\s+(?:stories|articles)|read\s+more
          |most\s+read|more\s+on\s+this\s+story|top\s+stories|skip\s+to\s+(?:main\s+)?content)\s*$
      | (?:click|tap)\s+here\s+to
      | (?:we\s+use\s+cookies|this\s+site\s+uses\s+cookies|accept\s+(?:all\s+)?cookies)
      | (?:copyright|©)\s
      | email\s+\S+\s*@\s*\S+
      | (?:whatsapp|call|text)\s+us\s+on
      | download\s+(?:our|the)\s+app
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# Where the article ends and the comment section or "related stories" block begins.
FOOTER_START = re.compile(
    r"^(?:comments?\s*:?\s*our\s+rules|we\s+want\s+our\s+comments|comments\s+are\s+closed"
    r"|join\s+the\s+(?:debate|conversation)|most\s+read|related\s+(?:stories|articles)"
    r"|more\s+on\s+this\s+story|you\s+may\s+also\s+like)",
    re.IGNORECASE,
)


def is_boilerplate(sentence: str) -> bool:
    return bool(_BOILERPLATE.match(sentence.strip()))


def split_lines(text: str) -> list[tuple[str, int]]:
    lines = []
    for m in re.finditer(r"[^\r\n]+", text):
        if m.group().strip():
            lines.append((m.group(), m.start()))
    return lines


def clean_line_pieces(line: str, start: int, tokenized: bool) -> list[Piece]:
    fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_latin_ligatures=False, normalization="NFC")
    if fixed != line and len(fixed) != len(line):
        # ftfy changed the length: words inside this line map to the line start only.
        return [Piece(m.group(), start, " ") for m in re.finditer(r"\S+", fixed)]
    if tokenized:
        return detokenize_line(fixed, start)
    return [Piece(m.group(), start + m.start(), " ") for m in re.finditer(r"\S+", fixed)]


def drop_boilerplate(pieces: list[Piece]) -> list[Piece]:
    """Drop sentences of a line that are site furniture (checked sentence by sentence)."""
    kept: list[Piece] = []
    sentence: list[Piece] = []
    for n, piece in enumerate(pieces):
        sentence.append(piece)
        nxt = pieces[n + 1] if n + 1 < len(pieces) else None
        ends = piece.text.endswith((".", "!", "?")) and (nxt is None or nxt.glue != "")
        if ends or nxt is None or nxt.glue == "\n":
            text = " ".join(p.text for p in sentence)
            if not is_boilerplate(text):
                kept.extend(sentence)
            sentence = []
    return kept


def check_usable(source: str, text: str, min_words: int) -> None:
    words = len(text.split())
    if words == 0:
        raise InputError(Errors.S102.format(source=source), source)
    language = guess_language(text)
    if language not in ("en", "unknown"):
        raise InputError(Errors.S106.format(source=source, language=language), source)
    if words < min_words:
        raise InputError(Errors.S110.format(source=source, words=words), source)
