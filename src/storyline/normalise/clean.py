"""Normalise: raw article text in, clean text out, with a map back to the raw offsets.

What it does, in order:

1. repairs mojibake and bad Unicode (ftfy), line by line;
2. takes a headline / "Published:" / "By …" line off the top of plain text into metadata;
3. detects text that was lowercased and tokenized (``labour ' s``, ``1 , 200``) and restores
   it: detokenizes, pairs quote marks (re-opening the paragraphs a flattened multi-paragraph
   quote had), and truecases it — with the story's own casing first (a name written with
   capitals in another article of the story), then the ``truecase`` model, then rules;
4. drops boilerplate sentences (comment rules, share and newsletter prompts, "got a story?");
5. checks that what is left is English and long enough.

The normalised text is built from pieces that each remember where they came from in the raw
text, so ``Article.offset_map`` can lead any normalised offset back to the raw text.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

import ftfy

from storyline.errors import Errors, InputError
from storyline.model import Article, RawArticle
from storyline.normalise.truecasing import (
    ABBREVIATIONS,
    ENGLISH_FUNCTION_WORDS,
    LEGAL_FORM_ABBREVIATIONS,
    REGION_ABBREVIATIONS,
    CasingLexicon,
    article_legislature,
    article_names,
    article_parties,
    build_casing_lexicon,
    truecase_tokens,
)

__all__ = ["build_casing_lexicon", "is_tokenized_lowercase", "normalise", "raw_offset"]

# -- pieces: text with its origin ------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    raw: int  # raw offset of the first character
    glue: str = " "  # what goes before it: "", " " or "\n"


def _join(pieces: list[_Piece]) -> tuple[str, list[tuple[int, int]]]:
    """Concatenate pieces; anchors only where the raw position jumps (keeps the map small)."""
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    pos = 0
    for n, piece in enumerate(pieces):
        glue = piece.glue if n else ""
        out.append(glue)
        pos += len(glue)
        if not anchors or anchors[-1][1] + (pos - anchors[-1][0]) != piece.raw:
            anchors.append((pos, piece.raw))
        out.append(piece.text)
        pos += len(piece.text)
    return "".join(out), anchors


def raw_offset(offset_map: list[tuple[int, int]], offset: int) -> int:
    """The raw-text offset for a normalised offset (see Article.offset_map)."""
    best = (0, 0)
    for anchor in offset_map:
        if anchor[0] > offset:
            break
        best = anchor
    return best[1] + (offset - best[0])


# -- boilerplate ------------------------------------------------------------------------------

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
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)")
_META_LINE = re.compile(r"^\s*(published|date|updated|posted)\s*[:\-]\s*(?P<value>.{4,60}?)\s*$", re.I)
_BYLINE = re.compile(r"^\s*(?i:by)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")


# Where the article ends and the comment section or "related stories" block begins.
_FOOTER_START = re.compile(
    r"^(?:comments?\s*:?\s*our\s+rules|we\s+want\s+our\s+comments|comments\s+are\s+closed"
    r"|join\s+the\s+(?:debate|conversation)|most\s+read|related\s+(?:stories|articles)"
    r"|more\s+on\s+this\s+story|you\s+may\s+also\s+like)",
    re.IGNORECASE,
)


def is_boilerplate(sentence: str) -> bool:
    return bool(_BOILERPLATE.match(sentence.strip()))


# -- language -------------------------------------------------------------------------------

_FUNCTION_WORDS = {
    "en": ENGLISH_FUNCTION_WORDS,
    "fr": "le la les de des du et un une est que qui dans pour pas sur au aux il elle ce avec par",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es",
    "es": "el la los las de del y que en un una por con no para es se lo su al como más",
    "it": "il lo la gli le di del della che e un una per non con sono si nel alla è come",
    "pt": "o os a as de do da dos das que e um uma em para com não por se no na é",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er maar ook als bij",
}
_FUNCTION_SETS = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str:
    """The language whose function words are most frequent ('en', 'fr', …; 'unknown')."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 8:
        return "unknown"
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in ws) / len(words) for lang, ws in _FUNCTION_SETS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    if lang != "en" and scores["en"] >= 0.15:  # English borrows "a", "de", "la" freely
        return "en"
    return lang if score >= 0.08 else "unknown"


# -- tokenized lowercase ----------------------------------------------------------------------

_SPACED_PUNCT = re.compile(r"\w \W(?: |$)")


def is_tokenized_lowercase(text: str) -> bool:
    """Text with no capitals and spaces around punctuation, as some scrapers produce."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if len(letters) < 50:
        return False
    upper_ratio = sum(c.isupper() for c in letters) / len(letters)
    spaced = len(re.findall(r"\w [,.;:!?] ", text)) + len(re.findall(r" ' (?:s|t|ve|re|ll|m|d)\b", text))
    tight = len(re.findall(r"\w[,.;:!?] ", text))
    return upper_ratio < 0.01 and spaced >= 3 and spaced > 2 * tight


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "…"}
_NO_SPACE_AFTER = {"(", "[", "{", "£", "$", "€", "#"}
_CLITICS = {"s", "t", "ve", "re", "ll", "m", "d"}
_TLDS = {"co", "uk", "com", "org", "net", "gov", "ac", "io", "eu", "ie", "au", "nz", "ca"}
_QUOTES = {'"', "“", "”"}
_SENTENCE_END = {".", "!", "?"}


def _glue_tokens(tokens: list[tuple[str, int]]) -> list[_Piece]:
    """Decide the spacing between tokens of a tokenized line (the detokenizer)."""
    pieces: list[_Piece] = []
    quote_open = False
    quote_positions = [i for i, (t, _) in enumerate(tokens) if t in _QUOTES]
    for i, (tok, raw) in enumerate(tokens):
        prev = tokens[i - 1][0] if i else ""
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        glue = " "
        if tok in _QUOTES:
            glue, quote_open = _quote_glue(i, tokens, quote_positions, quote_open)
        elif tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or (tok == "'" and nxt in _CLITICS):
            glue = ""
            if tok in (",", ":", ".") and prev.isdigit() and nxt.isdigit() and (tok != "," or len(nxt) == 3):
                pieces.append(_Piece(tok, raw, ""))
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
        pieces.append(_Piece(tok, raw, glue))
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
    next_is_closer = bool(later) and tokens[later[0] - 1][0] in _SENTENCE_END | {",", "?", "!"}
    if prev in _SENTENCE_END and i + 1 < len(tokens) and tokens[i + 1][0][0].isalnum() and next_is_closer:
        between = {t.lower() for t, _ in tokens[i + 1 : later[0]]}
        if between & _FIRST_PERSON or not between & _REPORTING:
            return "\n", True  # continuation paragraph: the mark opens again
    return "", False


# Telling a flattened quote's next paragraph from narration that follows a closed quote.
_FIRST_PERSON = {"i", "we", "me", "my", "our", "us", "you", "your"}
_REPORTING = {"said", "says", "told", "according", "added", "claimed", "stated"}


def _detokenize_line(line: str, start: int) -> list[_Piece]:
    # Quote marks are tokens of their own even when the scraper glued them to a full stop.
    tokens = [(m.group(), start + m.start()) for m in re.finditer(r'["“”]|[^\s"“”]+', line)]
    pieces = _glue_tokens(tokens)
    # A quote mark glued to nothing before it opens a quote: attach the following word to it.
    for n in range(len(pieces) - 1):
        if pieces[n].text in _QUOTES and pieces[n].glue != "":
            pieces[n + 1].glue = ""
    return pieces


# -- truecasing (the word decisions live in truecasing.py) -----------------------------------


def _truecase(
    pieces: list[_Piece],
    lexicon: CasingLexicon,
    names: set[str],
    parties: frozenset[str] = frozenset(),
    legislature: bool = False,
) -> None:
    """Restore case in place, sentence by sentence."""
    sentence: list[_Piece] = []
    for n, piece in enumerate(pieces):
        if piece.glue == "\n" and sentence:
            _truecase_sentence(sentence, lexicon, names, parties, legislature)
            sentence = []
        sentence.append(piece)
        if (piece.text in _SENTENCE_END and _ends_sentence(pieces, n)) or _ends_quoted_sentence(pieces, n):
            _truecase_sentence(sentence, lexicon, names, parties, legislature)
            sentence = []
    if sentence:
        _truecase_sentence(sentence, lexicon, names, parties, legislature)


# Words that start a sentence after an ambiguous full stop ("… in the u.s. the …").
_SENTENCE_OPENERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "this", "there", "his"}


def _ends_sentence(pieces: list[_Piece], n: int) -> bool:
    """Whether the mark at n ends a sentence: not inside "x.co.uk", "mr. trump" or "u.s. troops"."""
    nxt = pieces[n + 1] if n + 1 < len(pieces) else None
    if nxt is not None and nxt.glue == "":
        return False  # "x.co.uk", "1.5"
    before = pieces[n - 1].text.lower() if n else ""
    if pieces[n].text != "." or not before:
        return True
    if before in ABBREVIATIONS:
        return False
    if before in REGION_ABBREVIATIONS and n >= 2 and pieces[n - 2].text == ",":
        return nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS  # "Oakville, Ont. on Monday"
    if before in LEGAL_FORM_ABBREVIATIONS and n >= 2 and pieces[n - 2].text[:1].isalpha():
        return nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS  # "Harwick Inc. was"
    dotted = len(before) == 1 and n >= 2 and pieces[n - 2].text == "." and pieces[n - 1].glue == ""
    return not dotted or (nxt is not None and nxt.text.lower() in _SENTENCE_OPENERS)


# After '?"' or '!"' these words carry on the sentence: '"Why?" he asked.'
_REPORTING_START = {"he", "she", "they", "we", "i", "it", "said", "asked", "says", "asks"}


def _ends_quoted_sentence(pieces: list[_Piece], n: int) -> bool:
    """Whether the closing quote mark at n ends a sentence: '… caught it." The …'."""
    piece = pieces[n]
    if piece.text not in _QUOTES or piece.glue != "" or n == 0 or pieces[n - 1].text not in _SENTENCE_END:
        return False
    nxt = pieces[n + 1] if n + 1 < len(pieces) else None
    if nxt is None or nxt.glue == "":
        return True
    return pieces[n - 1].text == "." or nxt.text.lower() not in _REPORTING_START


def _truecase_sentence(
    sentence: list[_Piece],
    lexicon: CasingLexicon,
    names: set[str],
    parties: frozenset[str],
    legislature: bool,
) -> None:
    words = [p.text for p in sentence]
    glued = [p.glue == "" for p in sentence]
    for piece, new in zip(
        sentence, truecase_tokens(words, glued, lexicon, names, parties, legislature), strict=True
    ):
        piece.text = new


# -- the stage --------------------------------------------------------------------------------


def normalise(raw: RawArticle, lexicon: CasingLexicon | None = None, min_words: int = 25) -> Article:
    """Clean one article; raise InputError if nothing usable (empty, too short, not English)."""
    meta: dict[str, str] = {}
    lines = _split_lines(raw.text)
    lines = _take_metadata_lines(lines, raw, meta)
    tokenized = is_tokenized_lowercase(raw.text)
    pieces: list[_Piece] = []
    # Surnames that are common words ("Nora Foster", "woods said"): names everywhere in the
    # article; and the parties it names ("liberal mp"), whose bare adjectives are the party.
    names = article_names(raw.text.split()) if tokenized else set()
    parties = article_parties(raw.text.split()) if tokenized else frozenset()
    legislature = tokenized and article_legislature(raw.text.split())
    # The article's own acronyms join a copy of the story's lexicon as they are defined
    # ("federation of prairie growers ( fpg )": FPG from then on).
    article_lexicon = dict(lexicon or {})
    for line, start in lines:
        if _FOOTER_START.match(line.strip()):
            break  # everything below is the comment section or a related-stories block
        line_pieces = _line_pieces(line, start, tokenized)
        if tokenized:
            _truecase(line_pieces, article_lexicon, names, parties, legislature)
        line_pieces = _drop_boilerplate(line_pieces)
        if line_pieces:
            line_pieces[0].glue = "\n"
            pieces.extend(line_pieces)
    text, anchors = _join(pieces)
    text = text.strip("\n")
    _check_usable(raw.source, text, min_words)
    return Article(
        id=article_id(text),
        source=raw.source,
        outlet=raw.outlet,
        title=raw.title or meta.get("title"),
        author=raw.author or meta.get("author"),
        url=raw.url,
        published=raw.published or meta.get("published"),
        published_inferred=False,
        published_reason=raw.published_reason or meta.get("published_reason"),
        format="tokenized-lowercase" if tokenized else raw.format,
        language="en",
        text=text,
        offset_map=anchors,
    )


def article_id(text: str) -> str:
    """A stable id: the same text is the same article, whatever file it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _split_lines(text: str) -> list[tuple[str, int]]:
    lines = []
    for m in re.finditer(r"[^\r\n]+", text):
        if m.group().strip():
            lines.append((m.group(), m.start()))
    return lines


def _take_metadata_lines(
    lines: list[tuple[str, int]], raw: RawArticle, meta: dict[str, str]
) -> list[tuple[str, int]]:
    """Take a 'Published: …' or 'By …' line, and a headline, off the top of plain text."""
    kept = []
    for n, (line, start) in enumerate(lines):
        if n < 6 and (m := _META_LINE.match(line)) and "published" not in meta:
            iso = _parse_date(m.group("value"))
            if iso:
                meta["published"] = iso
                meta["published_reason"] = f"'{m.group(1)}' line in the text"
                continue
        if n < 6 and (m := _BYLINE.match(line)) and "author" not in meta:
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
    return n_lines > 1 and 2 <= len(words) <= 20 and not line.rstrip().endswith((".", ",", ";", ":"))


def _parse_date(value: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def _line_pieces(line: str, start: int, tokenized: bool) -> list[_Piece]:
    fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_latin_ligatures=False, normalization="NFC")
    if fixed != line and len(fixed) != len(line):
        # ftfy changed the length: words inside this line map to the line start only.
        return [_Piece(m.group(), start, " ") for m in re.finditer(r"\S+", fixed)]
    if tokenized:
        return _detokenize_line(fixed, start)
    return [_Piece(m.group(), start + m.start(), " ") for m in re.finditer(r"\S+", fixed)]


def _drop_boilerplate(pieces: list[_Piece]) -> list[_Piece]:
    """Drop sentences of a line that are site furniture (checked sentence by sentence)."""
    kept: list[_Piece] = []
    sentence: list[_Piece] = []
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


def _check_usable(source: str, text: str, min_words: int) -> None:
    words = len(text.split())
    if words == 0:
        raise InputError(Errors.S102.format(source=source), source)
    language = guess_language(text)
    if language not in ("en", "unknown"):
        raise InputError(Errors.S106.format(source=source, language=language), source)
    if words < min_words:
        raise InputError(Errors.S110.format(source=source, words=words), source)
