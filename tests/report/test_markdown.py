from __future__ import annotations

import re

import pytest

from storyline.model import Dossier, Event
from storyline.report.markdown import escape_md, render_markdown

from .sample import build_hostile_dossier, build_sample_dossier

HEADINGS = [
    "## Summary",
    "## Agree, single source, conflict",
    "## The cast",
    "## Who said what",
    "## Numbers",
    "## Timeline",
    "## Articles",
]


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return build_sample_dossier()


@pytest.fixture(scope="module")
def report(sample: Dossier) -> str:
    return render_markdown(sample)


def section(report: str, heading: str) -> str:
    start = report.index(f"\n{heading}\n")
    following = report.find("\n## ", start + 1)
    return report[start : following if following != -1 else len(report)]


def test_markdown_sections_in_design_order(report: str) -> None:
    assert report.startswith("# Marrowby flood barrier failure\n")
    positions = [report.index(f"\n{h}\n") for h in HEADINGS]
    assert positions == sorted(positions)
    assert "3 articles · 4 people · 11 quotes · 1 conflict" in report
    assert "12 Feb 2024 – 3 Jun 2024" in report


def test_markdown_every_quote_appears_with_its_citation(sample: Dossier, report: str) -> None:
    quotes = section(report, "## Who said what")
    key = {sample.articles[0].id: "MC", sample.articles[1].id: "NH", sample.articles[2].id: "CD"}
    for quote in sample.quotes:
        assert f"“{escape_md(quote.text)}”" in quotes
        assert f"[{key[quote.article]} §{quote.start}–{quote.end}]" in quotes
    assert quotes.index("### Unattributed") > quotes.index("### Priya Halloran")
    assert "attributed via “She”" in quotes


def test_markdown_summary_cites_and_marks_contested(sample: Dossier, report: str) -> None:
    summary = section(report, "## Summary")
    assert summary.count("**(contested)**") == 1
    assert len(re.findall(r"\[(MC|NH|CD) §\d+–\d+\]", summary)) == sum(len(s.sources) for s in sample.summary)


def test_markdown_conflict_shows_both_values_dates_and_note(report: str) -> None:
    claims = section(report, "## Agree, single source, conflict")
    conflict = claims[claims.index("### Conflict") :]
    assert "around 1,200 people — The Marrowby Courier, 12 Feb 2024" in conflict
    assert "1,400 people — Coastline Daily, 3 Jun 2024" in conflict
    assert "almost four months apart" in conflict
    assert "cost of repairs" in claims[claims.index("### Single source") : claims.index("### Conflict")]


def test_markdown_numbers_table_is_rectangular_and_marks_conflict(report: str) -> None:
    rows = [line for line in section(report, "## Numbers").splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 3
    assert {len(re.findall(r"(?<!\\)\|", row)) for row in rows} == {5}
    assert any("people evacuated **(conflict)**" in row for row in rows)


def test_markdown_timeline_is_in_date_order(report: str) -> None:
    timeline = section(report, "## Timeline")
    dates = re.findall(r"^- \*\*(.+?)\*\*", timeline, flags=re.M)
    assert dates == ["2023", "Feb 2024", "10 Feb 2024", "20 May 2024", "1 Jun 2024"]


def test_markdown_escapes_hostile_input_and_keeps_tables_whole() -> None:
    report = render_markdown(build_hostile_dossier())
    # Every '<' that comes from the input is backslash-escaped, so no tag can be live.
    assert re.search(r"(?<!\\)<(script|img|/script)", report) is None
    assert report.count(r"\<script\>") > 5
    assert "javascript:" not in report
    rows = [line for line in section(report, "## Numbers").splitlines() if line.startswith("|")]
    assert {len(re.findall(r"(?<!\\)\|", row)) for row in rows} == {3}


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", r"a \| b"),
        ("line one\nline two", "line one line two"),
        ("*bold* _it_ [x](y) `c`", r"\*bold\* \_it\_ \[x\](y) \`c\`"),
        ("<b>", r"\<b\>"),
        (None, ""),
    ],
)
def test_markdown_escape_md(raw: str | None, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_markdown_renders_an_empty_dossier() -> None:
    report = render_markdown(Dossier())
    assert report.startswith("# Untitled story")
    for heading in HEADINGS:
        assert f"\n{heading}\n" in report


@pytest.mark.issue(4)
def test_markdown_ledger_statement_lists_differences_and_missing_outlets(report: str) -> None:
    quotes = section(report, "## Who said what")
    assert "worded differently: _that was_" in quotes
    assert "  - not carried by: Coastline Daily" in quotes


def test_markdown_timeline_orders_weeks_and_quarters_by_when_they_start() -> None:
    def event(n: int, when: str, precision: str) -> Event:
        return Event(id=f"a:e{n}", article="a", start=0, end=1, text="x", date=when, precision=precision)

    # By ISO string '2023-W43' and '2023-Q4' would sort after '2023-11-14'.
    events = [event(0, "2023-11-14", "day"), event(1, "2023-W43", "week"), event(2, "2023-Q4", "quarter")]
    timeline = section(render_markdown(Dossier(events=events)), "## Timeline")
    dates = re.findall(r"^- \*\*(.+?)\*\*", timeline, flags=re.M)
    assert dates == ["Q4 2023", "week of 23 Oct 2023", "14 Nov 2023"]
