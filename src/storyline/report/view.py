"""What the HTML and Markdown reports both derive from a dossier.

The two renderers show the same sections in the same order; everything they compute
(outlets and their colours, citation labels, the single-source numbers, quote groups, the
numbers table) lives here so that the two cannot drift apart. Nothing here escapes text:
that is the renderer's job, because HTML and Markdown escape differently.
"""

from __future__ import annotations

import calendar
import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.model import (
    Agreement,
    Article,
    Cite,
    Conflict,
    ConflictItem,
    Dossier,
    Entity,
    LedgerEntry,
    Number,
    Quote,
    Role,
)
from storyline.vocabulary import is_vague

# Okabe–Ito: distinguishable under the common forms of colour blindness. Ordered so the
# first few have enough contrast against a light page to serve as text accents; the pale
# yellow comes last.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
UNKNOWN_COLOUR = "#777777"

_STOP_WORDS = frozenset({"the", "a", "an", "of", "and", "for", "on", "in"})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥"}
_ENTITY_TYPE_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "OTHER": "other",
}
# Old dossiers have no ledger: two quotes by one speaker whose wording is at least this similar
# are then treated as the same quote carried by different outlets.
_SAME_QUOTE_RATIO = 0.6
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Outlet:
    name: str
    initials: str
    colour: str
    article_ids: tuple[str, ...]
    dates: tuple[str, ...]


UNKNOWN_OUTLET = Outlet("unknown source", "?", UNKNOWN_COLOUR, (), ())


def outlet_name(article: Article) -> str:
    """The outlet an article is shown under; falls back to its source so nothing is nameless."""
    if article.outlet:
        return article.outlet
    if article.source and article.source != "-":
        # The file name, not the whole path: "000_seed.txt" reads better than "../../x/000_seed.txt".
        return article.source.replace("\\", "/").rsplit("/", 1)[-1]
    return f"article {article.id[:8]}"


_FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|text|html?|xhtml|json|jsonl|md|csv|tsv|xml)", re.IGNORECASE)


def outlet_initials(name: str) -> str:
    """'The Marrowby Courier' -> 'MC'; a one-word name gives its first two letters; a file name
    standing in for an unknown outlet gives its stem's first part ('000_0101c.txt' -> '000',
    'bbc-gaza.html' -> 'BBC'), so the reader can match the tag to the file."""
    if _FILE_NAME.fullmatch(name):
        stem = name.rsplit(".", 1)[0]
        first = re.split(r"[_\-. ]", stem)[0]
        return (first if 0 < len(first) <= 4 else stem[:3]).upper()
    words: list[str] = re.findall(r"\w+", name)
    significant = [w for w in words if w.lower() not in _STOP_WORDS] or words
    if not significant:
        return "?"
    if len(significant) == 1:
        return significant[0][:2].upper()
    return "".join(w[0] for w in significant[:3]).upper()


def _unique_initials(names: list[str]) -> dict[str, str]:
    seen: dict[str, int] = defaultdict(int)
    result: dict[str, str] = {}
    for name in names:
        initials = outlet_initials(name)
        seen[initials] += 1
        result[name] = initials if seen[initials] == 1 else f"{initials}{seen[initials]}"
    return result


def build_outlets(articles: list[Article]) -> list[Outlet]:
    """Outlets in order of first appearance, each with its own palette colour."""
    grouped: dict[str, list[Article]] = {}
    for article in articles:
        grouped.setdefault(outlet_name(article), []).append(article)
    initials = _unique_initials(list(grouped))
    return [
        Outlet(
            name=name,
            initials=initials[name],
            colour=PALETTE[index % len(PALETTE)],
            article_ids=tuple(a.id for a in group),
            dates=tuple(sorted(a.published for a in group if a.published)),
        )
        for index, (name, group) in enumerate(grouped.items())
    ]


class ReportIndex:
    """Look-ups every section needs: article by id, its outlet, and the anchor of a cite."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.outlets = build_outlets(dossier.articles)
        self._articles = {a.id: a for a in dossier.articles}
        self._article_index = {a.id: i for i, a in enumerate(dossier.articles)}
        by_name = {o.name: o for o in self.outlets}
        self._outlet_of = {a.id: by_name[outlet_name(a)] for a in dossier.articles}
        self._entities = {e.id: e for e in dossier.entities}

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def outlet_for(self, article_id: str) -> Outlet:
        return self._outlet_of.get(article_id, UNKNOWN_OUTLET)

    def entity(self, entity_id: str | None) -> Entity | None:
        return self._entities.get(entity_id) if entity_id else None

    def published(self, article_id: str) -> str | None:
        article = self._articles.get(article_id)
        return article.published if article else None

    def is_valid(self, cite: Cite) -> bool:
        """Whether a cite's offsets fall inside its article, so a highlight can exist for it."""
        article = self._articles.get(cite.article)
        return article is not None and 0 <= cite.start < cite.end <= len(article.text)

    def span_id(self, article_id: str, start: int, end: int) -> str:
        """The HTML id of the highlight for a span. Built from the article's position rather
        than any id from the input, so it is always a safe, unique HTML id; every cite of the
        same span shares one highlight."""
        return f"a{self._article_index.get(article_id, 'x')}-{start}-{end}"

    def anchor(self, cite: Cite) -> str | None:
        """'#a0-12-40' for a cite that can be highlighted, else None (then nothing links)."""
        return f"#{self.span_id(cite.article, cite.start, cite.end)}" if self.is_valid(cite) else None

    def cite_label(self, cite: Cite) -> str:
        """Compact citation for Markdown: 'MC §12–40'; two articles of one outlet get a number."""
        outlet = self.outlet_for(cite.article)
        key = outlet.initials
        if len(outlet.article_ids) > 1 and cite.article in outlet.article_ids:
            key += str(outlet.article_ids.index(cite.article) + 1)
        return f"{key} §{cite.start}–{cite.end}"

    def article_key(self, article: Article) -> str:
        return self.cite_label(Cite(article=article.id, start=0, end=0, text="")).split(" §")[0]


# ---------------------------------------------------------------- dates and numbers


# TIMEX3 seasons: name, first and last month (winter runs into the next year's February).
_SEASONS = {
    "SP": ("spring", 3, 5),
    "SU": ("summer", 6, 8),
    "FA": ("autumn", 9, 11),
    "AU": ("autumn", 9, 11),
    "WI": ("winter", 12, 14),
}
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def _month_end(year: int, month: int) -> date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def date_period(value: str) -> tuple[date, date] | None:
    """The first and last day a date of any precision can mean; None if it names no period.

    Accepts ISO days, months and years, ISO weeks (2024-W05), quarters (2024-Q1), TIMEX3
    seasons (2024-SU), decades (202) and centuries (20), and a date-time (date part used).
    """
    value = value.strip().split("T")[0]
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = date(*map(int, match.groups()))
            return day, day
        if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = map(int, match.groups())
            return date(year, month, 1), _month_end(year, month)
        if match := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday, monday + timedelta(days=6)
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, quarter = int(match[1]), int(match[2])
            return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if (match := re.fullmatch(r"(\d{4})-([A-Z]{2})", value)) and match[2] in _SEASONS:
            _, first, last = _SEASONS[match[2]]
            return date(int(match[1]), first, 1), _month_end(int(match[1]), last)
        if match := re.fullmatch(r"(\d{4})", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if match := re.fullmatch(r"(\d{3})X?", value):
            return date(int(match[1]) * 10, 1, 1), date(int(match[1]) * 10 + 9, 12, 31)
        if match := re.fullmatch(r"(\d{2})XX?", value) or re.fullmatch(r"(\d{2})", value):
            return date(int(match[1]) * 100, 1, 1), date(int(match[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None  # a month 13 or day 31 of February: not a period we can draw
    return None


def format_date(iso: str | None) -> str:
    """'2024-02-10' -> '10 Feb 2024', '2024-02' -> 'Feb 2024', and the other TIMEX3 shapes a
    timeline holds: '2023-W43' -> 'week of 23 Oct 2023', '2024-Q1' -> 'Q1 2024', '2023-SU' ->
    'summer 2023', '2023-10-26TNI' -> '26 Oct 2023, night'; anything else is shown as given."""
    if not iso:
        return "undated"
    iso = iso.strip()
    if re.fullmatch(r"\d{4}-W\d{2}", iso):
        period = date_period(iso)
        return f"week of {format_date(period[0].isoformat())}" if period else iso
    if quarter := re.fullmatch(r"(\d{4})-Q([1-4])", iso):
        return f"Q{quarter[2]} {quarter[1]}"
    if (season := re.fullmatch(r"(\d{4})-([A-Z]{2})", iso)) and season[2] in _SEASONS:
        return f"{_SEASONS[season[2]][0]} {season[1]}"
    if (timed := re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)", iso)) is not None:
        return f"{format_date(timed[1])}, {_PARTS_OF_DAY[timed[2]]}"
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso)
    if not match:
        return iso
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def date_range(dossier: Dossier) -> str:
    dates = sorted(a.published for a in dossier.articles if a.published)
    if not dates:
        return "undated"
    if dates[0] == dates[-1]:
        return format_date(dates[0])
    return f"{format_date(dates[0])} – {format_date(dates[-1])}"


def format_value(value: float) -> str:
    """Readable figure: 1200 -> '1,200', 3500000 -> '3.5 million', 2.25 -> '2.25'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and math.isclose(round(value / size, 2) * size, value):
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: float | None, unit: str | None, value_max: float | None = None) -> str:
    if value is None:
        return "—"
    text = format_value(value)
    if value_max is not None:
        text += f"–{format_value(value_max)}"
    if unit in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[unit] + text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if unit else text


def format_number(number: Number) -> str:
    """The value with its qualifier and unit: 'about 1,200 people'. A vague quantity reads as
    written ('hundreds', 'tens of thousands'), not as its floor ('hundreds of 100')."""
    if number.approx is not None and is_vague(number.approx):  # approx typed for the split below
        words = " ".join(number.text.lower().split())
        return words.removesuffix(" of") if words.startswith(number.approx.split()[0]) else number.approx
    amount = format_amount(number.value, number.unit, number.value_max)
    return f"{number.approx} {amount}" if number.approx else amount


def about_key(about: str | None) -> str:
    return " ".join(about.lower().split()) if about else ""


def claim_key(number: Number) -> str:
    """What a number counts, for lining figures up across articles: the pipeline's normalised
    key when it set one, else the folded 'about' text."""
    return number.key or about_key(number.about)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def count_line(dossier: Dossier) -> str:
    """'3 articles · 5 people · 11 quotes · 1 conflict'."""
    people = sum(1 for e in dossier.entities if e.type == "PERSON")
    return " · ".join(
        [
            plural(len(dossier.articles), "article"),
            plural(people, "person", "people"),
            plural(len(dossier.quotes), "quote"),
            plural(len(dossier.conflicts), "conflict"),
        ]
    )


def headline(dossier: Dossier) -> str:
    if dossier.title:
        return dossier.title
    return next((a.title for a in dossier.articles if a.title), "Untitled story")


def entity_type_label(entity: Entity) -> str:
    return _ENTITY_TYPE_LABELS.get(entity.type, entity.type.lower())


# ---------------------------------------------------------------- claims


def _overlaps(a: Cite, b: Cite) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def _is_item_number(number: Number, item: ConflictItem) -> bool:
    """Whether a claim item (which cites a whole sentence) is about this number: a sentence
    may hold several figures ("killed about 1,400 … and took more than 200 hostages"), and
    only the one with the item's value is in the claim."""
    return _overlaps(number, item) and (item.value is None or number.value == item.value)


def single_source_numbers(dossier: Dossier) -> list[Number]:
    """Numbers about something only one article counts, and not already in a conflict or an
    agreement. Numbers without an 'about' are left out: there is nothing to compare them on."""
    claims: list[Conflict | Agreement] = [*dossier.conflicts, *dossier.agreements]
    compared = {about_key(c.about) for c in claims}
    compared_items = [item for c in claims for item in c.items]
    groups: dict[str, list[Number]] = defaultdict(list)
    for number in dossier.numbers:
        if number.about or number.key:
            groups[claim_key(number)].append(number)
    single: list[Number] = []
    for key, numbers in groups.items():
        if key in compared or len({n.article for n in numbers}) != 1:
            continue
        single.extend(n for n in numbers if not any(_is_item_number(n, item) for item in compared_items))
    return single


def sentence_for(dossier: Dossier, cite: Cite) -> Cite:
    """The sentence around a cited figure when a number records one; else the cite itself."""
    for number in dossier.numbers:
        if number.sentence and _overlaps(number, cite) and _overlaps(number.sentence, cite):
            return number.sentence
    return cite


def number_at(dossier: Dossier, cite: Cite) -> Number | None:
    """The extracted number a claim item points at, for its unit and qualifier: the one with
    the item's value where the cited sentence holds several."""
    overlapping = [n for n in dossier.numbers if _overlaps(n, cite)]
    value = cite.value if isinstance(cite, ConflictItem) else None
    matching = [n for n in overlapping if value is None or n.value == value]
    candidates = matching or overlapping
    return candidates[0] if candidates else None


def claim_value(dossier: Dossier, item: ConflictItem) -> str:
    number = number_at(dossier, item)
    if number is not None and (item.value is None or number.value == item.value):
        return format_number(number)
    return format_amount(item.value, None)


def conflict_for_numbers(dossier: Dossier, about: str, numbers: list[Number]) -> Conflict | None:
    for conflict in dossier.conflicts:
        if about_key(conflict.about) == about_key(about):
            return conflict
        if any(_is_item_number(n, item) for n in numbers for item in conflict.items):
            return conflict
    return None


# ---------------------------------------------------------------- the cast


@dataclass
class CastCard:
    entity: Entity
    type_label: str
    roles: list[tuple[str, list[Role]]]  # 'mayor, Marrowby' and every role cite that says so
    names: list[tuple[str, list[Outlet]]]  # each name used for it, with the outlets that use it
    outlet_count: int
    quote_count: int


def role_label(role: Role) -> str:
    return f"{role.role}, {role.org}" if role.org and role.org.lower() not in role.role.lower() else role.role


def _grouped_roles(roles: list[Role]) -> list[tuple[str, list[Role]]]:
    """Roles that say the same thing are listed once, with every outlet that says it."""
    grouped: dict[str, tuple[str, list[Role]]] = {}
    for role in roles:
        label = role_label(role)
        grouped.setdefault(label.lower(), (label, []))[1].append(role)
    return list(grouped.values())


def cast_cards(index: ReportIndex) -> list[CastCard]:
    """Entities by salience, most central first, with what each outlet calls them."""
    dossier = index.dossier
    quoted: dict[str, int] = defaultdict(int)
    for quote in dossier.quotes:
        if quote.speaker:
            quoted[quote.speaker] += 1
    cards = []
    for entity in sorted(dossier.entities, key=lambda e: (-e.salience, e.name.lower())):
        names: dict[str, list[Outlet]] = {}
        for mention in entity.mentions:
            if mention.kind == "pronoun":
                continue  # 'she' is not a name anyone uses for her
            outlets = names.setdefault(" ".join(mention.text.split()), [])
            if index.outlet_for(mention.article) not in outlets:
                outlets.append(index.outlet_for(mention.article))
        cited_outlets = {index.outlet_for(c.article).name for c in [*entity.mentions, *entity.roles]}
        cards.append(
            CastCard(
                entity=entity,
                type_label=entity_type_label(entity),
                roles=_grouped_roles(entity.roles),
                names=list(names.items()),
                outlet_count=len(cited_outlets) or len(entity.outlets),
                quote_count=quoted.get(entity.id, 0) or entity.quote_count,
            )
        )
    return cards


# ---------------------------------------------------------------- who said what


@dataclass
class QuoteView:
    quote: Quote
    outlet: Outlet
    # The quote's text in consecutive pieces, each flagged True where this version's wording
    # differs from the statement's other version(s); empty when the statement has one version.
    diff: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def changed(self) -> list[str]:
        """The wording this version does not share, piece by piece."""
        return [" ".join(text.split()) for text, changed in self.diff if changed and text.strip()]


@dataclass
class QuoteCluster:
    """One statement: every outlet's version, and the outlets that quote the speaker but not it."""

    versions: list[QuoteView]
    missing: list[Outlet]
    verbatim: bool = True

    @property
    def outlet_count(self) -> int:
        return len({v.outlet.name for v in self.versions})


@dataclass
class SpeakerGroup:
    name: str
    entity: Entity | None
    clusters: list[QuoteCluster]

    @property
    def quote_count(self) -> int:
        return sum(len(c.versions) for c in self.clusters)


def _words(text: str) -> list[str]:
    return text.split()


def _normal_words(text: str) -> list[str]:
    return [re.sub(r"\W", "", w.lower()) for w in text.split()]


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, _normal_words(a), _normal_words(b)).ratio() >= _SAME_QUOTE_RATIO


def word_diff(text: str, other: str) -> list[tuple[str, bool]]:
    """The words of text, each flagged True where other words it differently."""
    words = _words(text)
    matcher = difflib.SequenceMatcher(None, _normal_words(text), _normal_words(other))
    changed = [True] * len(words)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            changed[i] = False
    return list(zip(words, changed, strict=True))


def _spaced(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Word flags as text pieces: the words with unflagged spaces between them."""
    pieces: list[tuple[str, bool]] = []
    for n, (word, changed) in enumerate(words):
        if n:
            pieces.append((" ", False))
        pieces.append((word, changed))
    return pieces


def segment_text(text: str, offset: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut text (which starts at offset in its article) into pieces, flagging those inside spans.
    Spans outside the text are clipped; overlapping ones are merged by the cut."""
    cuts = sorted(
        (max(0, s - offset), min(len(text), e - offset))
        for s, e in spans
        if s - offset < len(text) and e > offset
    )
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in cuts:
        start = max(start, position)
        if start >= end:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def _unshared_words(text: str, offset: int, others: list[str]) -> list[tuple[int, int]]:
    """Spans of text's words that no other version has at that place in a word-level diff (the
    ledger marks only the later versions, against the first; this marks the first one)."""
    matches = list(_WORD.finditer(text))
    words = [m.group().lower().replace("’", "'") for m in matches]
    shared = [False] * len(words)
    for other in others:
        other_words = [m.group().lower().replace("’", "'") for m in _WORD.finditer(other)]
        matcher = difflib.SequenceMatcher(None, words, other_words, autojunk=False)
        for block in matcher.get_matching_blocks():
            shared[block.a : block.a + block.size] = [True] * block.size
    runs: list[tuple[int, int]] = []
    for n, (match, ok) in enumerate(zip(matches, shared, strict=True)):
        if ok:
            continue
        if runs and not shared[n - 1]:
            runs[-1] = (runs[-1][0], offset + match.end())  # one mark for a run of words
        else:
            runs.append((offset + match.start(), offset + match.end()))
    return runs


def _cluster_quotes(quotes: list[Quote]) -> list[list[Quote]]:
    clusters: list[list[Quote]] = []
    for quote in quotes:
        home = next((c for c in clusters if _similar(c[0].text, quote.text)), None)
        if home is None:
            clusters.append([quote])
        else:
            home.append(quote)
    return clusters


def _cluster_view(index: ReportIndex, quotes: list[Quote]) -> QuoteCluster:
    versions = [QuoteView(q, index.outlet_for(q.article)) for q in quotes]
    if len(versions) > 1:
        for position, view in enumerate(versions):
            other = versions[1 if position == 0 else 0].quote.text
            view.diff = _spaced(word_diff(view.quote.text, other))
    carried = {v.outlet.name for v in versions}
    # 'Not carried by' only says something once a quote is carried by more than one outlet;
    # for a quote only one article has, the outlet shown with it already says as much.
    missing = [o for o in index.outlets if o.name not in carried] if len(carried) > 1 else []
    return QuoteCluster(versions=versions, missing=missing)


def attribution_note(quote: Quote, speaker: str) -> str | None:
    """The words the article used for the speaker, when they do not name them ('she',
    'the spokeswoman'): the reader should know the attribution was resolved, not read."""
    if not quote.speaker_text:
        return None
    used = {w.lower() for w in re.findall(r"\w+", quote.speaker_text)}
    named = {w.lower() for w in re.findall(r"\w+", speaker)}
    return None if used & named else quote.speaker_text


def _speaker_key(index: ReportIndex, speaker: str | None, name: str | None) -> tuple[str, Entity | None]:
    entity = index.entity(speaker)
    if entity:
        return entity.id, entity
    return (f"name:{name.lower()}", None) if name else ("", None)


def _ledger_cluster(index: ReportIndex, entry: LedgerEntry, quotes: dict[str, Quote]) -> QuoteCluster:
    versions = [v for v in entry.versions if v.quote in quotes]
    views = [QuoteView(quotes[v.quote], index.outlet_for(v.article)) for v in versions]
    if len(views) > 1:
        for n, (view, version) in enumerate(zip(views, versions, strict=True)):
            quote = view.quote
            spans = (
                version.differences
                if n
                else _unshared_words(quote.text, quote.start, [v.quote.text for v in views[1:]])
            )
            view.diff = segment_text(quote.text, quote.start, spans)
    carried = {v.outlet.name for v in views}
    missing: list[Outlet] = []
    for article_id in entry.missing_from:
        outlet = index.outlet_for(article_id)
        if outlet.name not in carried and outlet not in missing:
            missing.append(outlet)
    return QuoteCluster(versions=views, missing=missing, verbatim=entry.verbatim)


def _ledger_clusters(index: ReportIndex) -> list[tuple[str, Entity | None, str, QuoteCluster]]:
    """The ledger's statements, each with its speaker key, entity and display name. Quotes the
    ledger does not hold (a hand-edited dossier) still show, as statements of one version."""
    dossier = index.dossier
    quotes = {q.id: q for q in dossier.quotes}
    out = []
    held: set[str] = set()
    for entry in dossier.ledger:
        cluster = _ledger_cluster(index, entry, quotes)
        if not cluster.versions:
            continue
        held.update(v.quote.id for v in cluster.versions)
        first = cluster.versions[0].quote
        name = entry.speaker_name or first.speaker_name or first.speaker_text
        key, entity = _speaker_key(index, entry.speaker, name)
        out.append((key, entity, entity.name if entity else name or "Unattributed", cluster))
    for quote in dossier.quotes:
        if quote.id not in held:
            name = quote.speaker_name or quote.speaker_text
            key, entity = _speaker_key(index, quote.speaker, name)
            view = QuoteView(quote, index.outlet_for(quote.article))
            out.append(
                (key, entity, entity.name if entity else name or "Unattributed", QuoteCluster([view], []))
            )
    return out


def _similarity_clusters(index: ReportIndex) -> list[tuple[str, Entity | None, str, QuoteCluster]]:
    """Old dossiers without a ledger: one speaker's quotes grouped by word similarity."""
    grouped: dict[str, list[Quote]] = defaultdict(list)
    entities: dict[str, Entity | None] = {}
    names: dict[str, str] = {}
    for quote in index.dossier.quotes:
        name = quote.speaker_name or quote.speaker_text
        key, entity = _speaker_key(index, quote.speaker, name)
        grouped[key].append(quote)
        entities[key] = entity
        names[key] = entity.name if entity else (name or "Unattributed")
    return [
        (key, entities[key], names[key], _cluster_view(index, cluster))
        for key, quotes in grouped.items()
        for cluster in _cluster_quotes(quotes)
    ]


def speaker_groups(index: ReportIndex) -> list[SpeakerGroup]:
    """Statements grouped by speaker (most salient first); unattributed ones come last. The
    dossier's ledger says which quotes are one statement; without one, word similarity does."""
    rows = _ledger_clusters(index) if index.dossier.ledger else _similarity_clusters(index)
    clusters: dict[str, list[QuoteCluster]] = defaultdict(list)
    entities: dict[str, Entity | None] = {}
    names: dict[str, str] = {}
    for key, entity, name, cluster in rows:
        clusters[key].append(cluster)
        entities[key] = entity
        names.setdefault(key, name)

    def order(key: str) -> tuple[int, float, str]:
        entity = entities[key]
        return (2 if key == "" else 0 if entity else 1, -(entity.salience if entity else 0), names[key])

    return [
        SpeakerGroup(
            name="Unattributed" if key == "" else names[key], entity=entities[key], clusters=clusters[key]
        )
        for key in sorted(clusters, key=order)
    ]


# ---------------------------------------------------------------- numbers table


@dataclass
class NumberRow:
    about: str
    cells: dict[str, list[Number]]  # outlet name -> numbers
    conflict: Conflict | None
    differs: bool  # outlets give different values even where no conflict was recorded


def number_rows(index: ReportIndex) -> list[NumberRow]:
    groups: dict[str, list[Number]] = defaultdict(list)
    labels: dict[str, str] = {}
    for number in index.dossier.numbers:
        key = claim_key(number)
        groups[key].append(number)
        labels.setdefault(key, number.about or "(not stated)")
    rows = []
    for key, numbers in groups.items():
        cells: dict[str, list[Number]] = defaultdict(list)
        for number in numbers:
            cells[index.outlet_for(number.article).name].append(number)
        values = {(n.value, n.value_max) for n in numbers}
        rows.append(
            NumberRow(
                about=labels[key],
                cells=dict(cells),
                conflict=conflict_for_numbers(index.dossier, labels[key], numbers) if key else None,
                differs=bool(key) and len(cells) > 1 and len(values) > 1,
            )
        )
    # Unlabelled figures go last: they cannot be compared across outlets.
    return sorted(rows, key=lambda r: (r.about == "(not stated)", -len(r.cells), r.about.lower()))


def parse_iso_day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None
