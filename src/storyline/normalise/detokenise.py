"""Detokenising lowercased, tokenized scrapes (``labour ' s``, ``1 , 200``): the spacing
between tokens, and quote marks paired again (re-opening a flattened multi-paragraph quote)."""

from __future__ import annotations

import re

from storyline.normalise.offsets import Piece

# How much of the text the tokenized-lowercase test reads (the start is enough, and keeps
# it fast on long input), and the fewest letters it decides on.
# Set by hand on the dev data / invented examples; not tuned.
SAMPLE_CHARS = 20_000
MIN_LETTERS = 50
# Tokenized lowercase: under this share of capitals, at least this many spaced punctuation
# marks or clitics ("labour ' s"), and this many times more of them than tight ones.
# Set by hand on the dev data / invented examples; not tuned.
MAX_UPPER_RATIO = 0.01
MIN_SPACED_PUNCTUATION = 3
SPACED_TO_TIGHT = 2


def is_tokenized_lowercase(text: str) -> bool:
    """Text with no capitals and spaces around punctuation, as some scrapers produce."""
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    upper_ratio = sum(c.isupper() for c in letters) / len(letters)
    spaced = len(re.findall(r"\w [,.;:!?] ", text)) + len(re.findall(r" ' (?:s|t|ve|re|ll|m|d)\b", text))
    tight = len(re.findall(r"\w[,.;:!?] ", text))
    return (
        upper_ratio < MAX_UPPER_RATIO
        and spaced >= MIN_SPACED_PUNCTUATION
        and spaced > SPACED_TO_TIGHT * tight
    )


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "…"}
_NO_SPACE_AFTER = {"(", "[", "{", "£", "$", "€", "#"}
_CLITICS = {"s", "t", "ve", "re", "ll", "m", "d"}
_TLDS = {"co", "uk", "com", "org", "net", "gov", "ac", "io", "eu", "ie", "au", "nz", "ca"}
QUOTES = {'"', "“", "”"}
SENTENCE_END = {".", "!", "?"}


def _glue_tokens(tokens: list[tuple[str, int]]) -> list[Piece]:
    """Decide the spacing between tokens of a tokenized line (the detokenizer)."""
    pieces: list[Piece] = []
    quote_open = False
    quote_positions = [i for i, (t, _) in enumerate(tokens) if t in QUOTES]
    for i, (tok, raw) in enumerate(tokens):
        prev = tokens[i - 1][0] if i else ""
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        glue = " "
        if tok in QUOTES:
            glue, quote_open = _quote_glue(i, tokens, quote_positions, quote_open)
        elif tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or (tok == "'" and nxt in _CLITICS):
            glue = ""
            if tok in (",", ":", ".") and prev.isdigit() and nxt.isdigit() and (tok != "," or len(nxt) == 3):
                pieces.append(Piece(tok, raw, ""))
                continue
            if tok == "." and nxt in _TLDS:
                glue = ""
        elif (
            (prev == "'" and tok in _CLITICS and i >= 2 and tokens[i - 2][0].isalpha())
            or _in_irish_name(tokens, i)
            or tok in ("-", "@", "/")
            or prev in ("-", "@", "/")
            or (prev == "." and tok in _TLDS and i >= 2 and tokens[i - 2][0].isalnum())
            or (
                prev in (",", ":", ".")
                and tok.isdigit()
                and i >= 2
                and tokens[i - 2][0].isdigit()
                and (prev != "," or len(tok) == 3)
            )
            or _continues_dotted_acronym(tokens, i)
        ):
            glue = ""
        pieces.append(Piece(tok, raw, glue))
    return pieces


def _in_irish_name(tokens: list[tuple[str, int]], i: int) -> bool:
    """The apostrophe of "o ' regan", or the name after it: glued into "o'regan"."""
    tok = tokens[i][0]
    if tok == "'":
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        return i >= 1 and tokens[i - 1][0] == "o" and nxt.isalpha() and nxt not in _CLITICS
    return (
        i >= 2
        and tokens[i - 1][0] == "'"
        and tokens[i - 2][0] == "o"
        and tok.isalpha()
        and tok not in _CLITICS
    )


def _continues_dotted_acronym(tokens: list[tuple[str, int]], i: int) -> bool:
    """A single letter after "x ." that is itself followed by a full stop: "u . s ." is "u.s."."""
    tok = tokens[i][0]
    if not (len(tok) == 1 and tok.isalpha() and i >= 2 and i + 1 < len(tokens)):
        return False
    before = tokens[i - 2][0]
    return tokens[i - 1][0] == "." and len(before) == 1 and before.isalpha() and tokens[i + 1][0] == "."


def _quote_glue(
    i: int, tokens: list[tuple[str, int]], quote_positions: list[int], quote_open: bool
) -> tuple[str, bool]:
    """Glue before a quote mark, and whether a quote is open after it.

    A flattened multi-paragraph quote reads ``… possibility . " that ' s …``: the quote mark
    after a full stop, with the next quote mark again after punctuation, re-opens a new
    paragraph of the same quote rather than closing it.
    """
    prev = tokens[i - 1][0] if i else ""
    if not quote_open:
        return " ", True
    later = [q for q in quote_positions if q > i]
    next_is_closer = bool(later) and tokens[later[0] - 1][0] in SENTENCE_END | {",", "?", "!"}
    if prev in SENTENCE_END and i + 1 < len(tokens) and tokens[i + 1][0][0].isalnum() and next_is_closer:
        between = {t.lower() for t, _ in tokens[i + 1 : later[0]]}
        if between & _FIRST_PERSON or not between & _REPORTING:
            return "\n", True  # continuation paragraph: the mark opens again
    return "", False


# Telling a flattened quote's next paragraph from narration that follows a closed quote.
_FIRST_PERSON = {"i", "we", "me", "my", "our", "us", "you", "your"}
_REPORTING = {"said", "says", "told", "according", "added", "claimed", "stated"}


def detokenize_line(line: str, start: int) -> list[Piece]:
    # Quote marks are tokens of their own even when the scraper glued them to a full stop.
    tokens = [(m.group(), start + m.start()) for m in re.finditer(r'["“”]|[^\s"“”]+', line)]
    pieces = _glue_tokens(tokens)
    # A quote mark glued to nothing before it opens a quote: attach the following word to it.
    for n in range(len(pieces) - 1):
        if pieces[n].text in QUOTES and pieces[n].glue != "":
            pieces[n + 1].glue = ""
    return pieces
