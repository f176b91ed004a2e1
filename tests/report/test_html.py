from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Dossier
from storyline.report.html import Span, highlight_spans, render_html
from storyline.report.view import outlet_initials

from .sample import HOSTILE, build_hostile_dossier, build_sample_dossier

SECTION_IDS = ["summary", "claims", "cast", "quotes", "numbers", "timeline", "articles"]
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "col", "area", "base"}
MARK_ID = re.compile(r"a\d+-\d+-\d+")


class PageParser(HTMLParser):
    """Collects ids and in-page links with the section each sits in, and checks tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.section: str | None = None
        self.ids: dict[str, str | None] = {}
        self.links: list[tuple[str, str | None]] = []
        self.headings: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            self.section = attributes.get("id")
        if attributes.get("id"):
            self.ids[attributes["id"] or ""] = self.section
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.links.append(((attributes["href"] or "")[1:], self.section))
        self._in_h2 = self._in_h2 or tag == "h2"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # SVG elements close themselves (<line/>); they open nothing.
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "h2":
            self._in_h2 = False
        if tag == "section":
            self.section = None

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.headings.append(data.strip())


def parse_page(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def section_text(page: str, section_id: str) -> str:
    """The visible text of one section, tags stripped and whitespace folded."""
    start = page.index(f'<section id="{section_id}"')
    body = page[start : page.index("</section>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return build_sample_dossier()


@pytest.fixture(scope="module")
def page(sample: Dossier) -> str:
    return render_html(sample)


def test_sample_cites_slice_back(sample: Dossier) -> None:
    assert sample.check_spans() == []
    assert build_hostile_dossier().check_spans() == []


def test_html_page_is_well_formed(page: str) -> None:
    parser = parse_page(page)
    assert parser.errors == []
    assert parser.stack == []


def test_html_sections_follow_design_order(page: str) -> None:
    positions = [page.index(f'<section id="{sid}"') for sid in SECTION_IDS]
    assert positions == sorted(positions)
    assert page.index("<h1>") < positions[0]
    assert parse_page(page).headings == [
        "Summary",
        "Agree, single source, conflict",
        "The cast",
        "Who said what",
        "Numbers",
        "Timeline",
        "Articles",
    ]


def test_html_header_shows_story_outlets_and_counts(page: str) -> None:
    header = page[: page.index("<main")]
    assert "<h1>Marrowby flood barrier failure</h1>" in header
    assert "12 Feb 2024 – 3 Jun 2024" in header
    assert "3 articles · 4 people · 11 quotes · 1 conflict" in header
    for outlet, initials in [
        ("The Marrowby Courier", "MC"),
        ("Northfen Herald", "NH"),
        ("Coastline Daily", "CD"),
    ]:
        assert f"<b>{outlet}</b>" in header
        assert f">{initials}<" in header


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("The Marrowby Courier", "MC"),
        ("Northfen", "NO"),
        # A file name standing in for an unknown outlet: the tag names the file.
        ("000_0101c03278602f42.txt", "000"),
        ("herald-flood.html", "HER"),
        ("bbc_story.json", "BBC"),
    ],
)
def test_outlet_initials(name: str, initials: str) -> None:
    assert outlet_initials(name) == initials


def test_html_headline_falls_back_to_first_article_title(sample: Dossier) -> None:
    page = render_html(sample.model_copy(update={"title": None}))
    assert "<h1>Marrowby barrier gives way as storm surge floods harbour district</h1>" in page


def test_html_summary_has_source_markers_and_contested_flag(sample: Dossier, page: str) -> None:
    summary = page[page.index('<section id="summary"') : page.index('<section id="claims"')]
    assert summary.count('class="src"') == sum(len(s.sources) for s in sample.summary)
    assert summary.count("badge-contested") == 1
    assert 'class="contested"' in summary


def test_html_conflict_card_shows_both_values_with_sentence_and_note(page: str) -> None:
    claims = section_text(page, "claims")
    conflict = claims[claims.index("Conflict") :]
    assert "around 1,200 people" in conflict and "1,400 people" in conflict
    assert "12 Feb 2024" in conflict and "3 Jun 2024" in conflict
    assert "The review says 1,400 people were evacuated from Marrowby in February" in conflict
    assert "almost four months apart" in conflict


def test_html_claims_list_agreement_and_single_source(page: str) -> None:
    claims = section_text(page, "claims")
    agree = claims[claims.index("Outlets agree") : claims.index("Single source")]
    single = claims[claims.index("Single source") : claims.index("Conflict")]
    assert "homes flooded" in agree and agree.count("about 300 homes") == 2
    assert "cost of repairs" in single and "£3.5 million" in single
    assert "people evacuated" not in single  # it is in the conflict instead


def test_html_cast_is_ranked_by_salience_with_roles_and_counts(sample: Dossier, page: str) -> None:
    cast_html = page[page.index('<section id="cast"') : page.index('<section id="quotes"')]
    names = [e.name for e in sorted(sample.entities, key=lambda e: -e.salience)]
    assert re.findall(r'<h3>(.*?)<span class="type">', cast_html) == names
    cast = section_text(page, "cast")
    assert "mayor, Marrowby MC NH CD" in cast
    assert "former chief engineer, Fenwater Authority" in cast
    assert "In 3 outlets · quoted 4 times" in cast


def test_html_quotes_are_grouped_by_speaker_with_every_quote(sample: Dossier, page: str) -> None:
    quotes = section_text(page, "quotes")
    for quote in sample.quotes:
        assert " ".join(quote.text.split()) in quotes
    speakers = ["Elspeth Varga", "Tomas Rendell", "Fenwater Authority", "Ines Okafor", "Priya Halloran"]
    order = [quotes.index(f"{name} ") for name in speakers]
    assert order == sorted(order)
    assert quotes.index("Unattributed") > order[-1]
    assert "attributed via <q>She</q>" in page  # the pronoun-resolved quote says so
    assert "Not carried by: Coastline Daily" in quotes


def test_html_quote_versions_mark_wording_differences(page: str) -> None:
    assert '<span class="diff" title="worded differently elsewhere">that was</span>' in page


def test_html_numbers_table_marks_the_conflict(page: str) -> None:
    table = page[page.index('<table class="numbers">') : page.index("</table>")]
    rows = re.findall(r"<tr.*?</tr>", table, flags=re.S)
    disputed = [row for row in rows if 'class="disputed"' in row]
    assert len(disputed) == 1 and "people evacuated" in disputed[0]
    assert "around 1,200 people" in disputed[0] and "1,400 people" in disputed[0]


def test_html_every_in_page_link_has_a_target(page: str) -> None:
    parser = parse_page(page)
    span_links = [(target, where) for target, where in parser.links if MARK_ID.fullmatch(target)]
    assert len(span_links) > 40
    assert {where for _, where in span_links} >= {
        "summary",
        "claims",
        "cast",
        "quotes",
        "numbers",
        "timeline",
    }
    for target, _ in parser.links:
        assert target in parser.ids, target
    for target, _ in span_links:
        assert parser.ids[target] == "articles", target


def test_html_every_extracted_item_is_highlighted_with_a_label(sample: Dossier, page: str) -> None:
    articles = page[page.index('<section id="articles"') :]
    marks = dict(re.findall(r'<mark id="([^"]+)" class="[^"]*" title="([^"]*)"', articles))
    index = {a.id: i for i, a in enumerate(sample.articles)}
    for cite in sample.iter_cites():
        assert f"a{index[cite.article]}-{cite.start}-{cite.end}" in marks
    labels = " ".join(html.unescape(label) for label in marks.values())
    for expected in (
        "quote of Elspeth Varga",
        "role of Tomas Rendell: chief engineer",
        "number: around 1,200",
    ):
        assert expected in labels
    assert "date: 2024-05-20" in labels


def test_html_is_self_contained(page: str) -> None:
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://example.invalid', "")
    )
    assert "<link" not in page and "@import" not in page and "url(" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page  # only our own script may run


def test_html_article_text_uses_readable_serif(page: str) -> None:
    assert re.search(r"\.article-text \{ font: 18px/1\.7\d? var\(--serif\)", page)
    assert "@media print" in page


def test_html_escapes_hostile_input() -> None:
    page = render_html(build_hostile_dossier())
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert page.count("<script>") == 1  # ours
    parser = parse_page(page)
    assert parser.errors == []
    # The hostile text survives, as visible text, in the article and the headline.
    assert HOSTILE in section_text(page, "articles")
    assert "<h1>Headline &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_renders_an_empty_dossier() -> None:
    page = render_html(Dossier())
    assert "<h1>Untitled story</h1>" in page
    assert "No dated events were found" in page
    assert parse_page(page).errors == []


# ---------------------------------------------------------------- the highlighter


class MarkChecker(HTMLParser):
    """Rebuilds the text and, for every span id, the set of characters its marks cover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[str] = []
        self.cover: dict[str, set[int]] = {}
        self.id_count: dict[str, int] = {}
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        span_id = attributes.get("id") or attributes.get("data-part-of") or ""
        if "id" in attributes:
            self.id_count[span_id] = self.id_count.get(span_id, 0) + 1
        self.open.append(span_id)

    def handle_endtag(self, tag: str) -> None:
        if tag != "mark" or not self.open:
            self.balanced = False
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for span_id in self.open:
            self.cover.setdefault(span_id, set()).update(range(len(self.text), len(self.text) + len(data)))
        self.text += data


def check_highlight(text: str, spans: list[Span]) -> MarkChecker:
    out = str(highlight_spans(text, spans))
    checker = MarkChecker()
    checker.feed(out)
    checker.close()
    assert checker.balanced and checker.open == [], out
    assert checker.text == text  # strip tags + unescape == original
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    for span in valid:
        assert checker.id_count[span.id] == 1, (span, out)
        assert checker.cover[span.id] == set(range(span.start, span.end)), (span, out)
    return checker


@pytest.mark.parametrize(
    "spans",
    [
        [Span(0, 5, "a", "x")],
        [Span(0, 11, "outer", "o"), Span(2, 5, "inner", "i")],  # nested
        [Span(0, 6, "a", "x"), Span(3, 9, "b", "y")],  # partial overlap: b is split
        [Span(0, 6, "a", "x"), Span(3, 9, "b", "y"), Span(5, 11, "c", "z")],  # chain of overlaps
        [Span(2, 5, "a", "x"), Span(2, 5, "b", "y")],  # identical extents
        [Span(0, 3, "a", "x"), Span(3, 6, "b", "y")],  # adjacent
        [Span(4, 8, "a", "x"), Span(0, 11, "b", "y"), Span(6, 10, "c", "z")],  # given out of order
    ],
)
def test_highlight_spans_nests_and_splits(spans: list[Span]) -> None:
    check_highlight("ab<c&d\"e'fg", spans)


def test_highlight_spans_splits_the_later_span_and_marks_its_continuation() -> None:
    out = str(highlight_spans("abcdefghi", [Span(0, 6, "a", "x"), Span(3, 9, "b", "y")]))
    assert out == (
        '<mark id="a" class="hl" title="x">abc<mark id="b" class="hl" title="y">def</mark></mark>'
        '<mark data-part-of="b" class="hl hl-cont" title="y">ghi</mark>'
    )


def test_highlight_spans_ignores_empty_and_out_of_range_spans() -> None:
    out = highlight_spans("abc", [Span(1, 1, "empty", ""), Span(2, 9, "far", ""), Span(-1, 2, "neg", "")])
    assert out == "abc"


def test_highlight_spans_escapes_text_ids_labels_and_classes() -> None:
    out = str(highlight_spans(HOSTILE, [Span(0, 8, HOSTILE, HOSTILE, HOSTILE)]))
    assert "<script" not in out and "<img" not in out
    assert out.count("<mark") == 1 and out.count("</mark>") == 1


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab<&\"' \n", min_size=1, max_size=30),
    raw=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8),
)
def test_highlight_spans_property_well_formed_and_lossless(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [Span(min(a, b), max(a, b), f"s{i}", f"label {i}") for i, (a, b) in enumerate(raw)]
    check_highlight(text, spans)


@pytest.mark.issue(4)
def test_html_quotes_follow_the_ledger(sample: Dossier) -> None:
    # The ledger, not word similarity, decides which quotes are one statement: split the
    # mayor's statement in two and the page shows two statements.
    split = next(e for e in sample.ledger if len(e.versions) > 1)
    first = split.model_copy(update={"versions": split.versions[:1], "verbatim": True})
    second = split.model_copy(update={"id": "l99", "versions": split.versions[1:], "missing_from": []})
    rest = [e for e in sample.ledger if e is not split]
    page = render_html(sample.model_copy(update={"ledger": [first, second, *rest]}))
    quotes = section_text(page, "quotes")
    assert "worded differently elsewhere" not in page
    assert "Carried by 2 outlets" not in quotes


@pytest.mark.issue(4)
def test_html_quotes_without_a_ledger_fall_back_to_similarity(sample: Dossier) -> None:
    page = render_html(sample.model_copy(update={"ledger": []}))
    assert "Not carried by: Coastline Daily" in section_text(page, "quotes")
    assert '<span class="diff" title="worded differently elsewhere">that</span>' in page


@pytest.mark.issue(4)
def test_html_ledger_differences_are_escaped() -> None:
    from storyline.model import LedgerEntry, LedgerVersion

    hostile = build_hostile_dossier()
    quote = hostile.quotes[0]
    other = quote.model_copy(update={"id": "q9"})
    version = LedgerVersion(
        article=quote.article, start=quote.start, end=quote.end, text=quote.text, quote="q1"
    )
    twin = version.model_copy(update={"quote": "q9", "differences": [(quote.start, quote.end)]})
    entry = LedgerEntry(
        id="l1", speaker="e1", versions=[version, twin], verbatim=False, missing_from=[quote.article]
    )
    page = render_html(hostile.model_copy(update={"quotes": [*hostile.quotes, other], "ledger": [entry]}))
    assert "<script>alert(1)</script>" not in page
    assert '<span class="diff" title="worded differently elsewhere">&lt;script&gt;' in page
