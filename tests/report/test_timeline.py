from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from storyline.model import Dossier, Event
from storyline.report.timeline import render_timeline_svg
from storyline.report.view import date_period

from .sample import HOSTILE, build_hostile_dossier, build_sample_dossier

SVG = "{http://www.w3.org/2000/svg}"


def circles(svg: str) -> list[ET.Element]:
    return [c for c in ET.fromstring(svg).iter(f"{SVG}circle") if c.get("class") == "src"]


def test_timeline_svg_parses_with_one_dot_per_source() -> None:
    dossier = build_sample_dossier()
    svg = render_timeline_svg(dossier)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert len(circles(svg)) == sum(1 + len(e.sources) for e in dossier.events)
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "event"]) == len(dossier.events)


def test_timeline_dots_are_coloured_by_outlet_and_link_to_spans() -> None:
    dossier = build_sample_dossier()
    root = ET.fromstring(render_timeline_svg(dossier))
    colours = {c.get("fill") for c in circles(render_timeline_svg(dossier))}
    assert colours == {"#0072B2", "#D55E00", "#009E73"}
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert len(hrefs) == len(dossier.events) + sum(1 + len(e.sources) for e in dossier.events)
    assert all(h and h.startswith("#a") for h in hrefs)


def test_timeline_shows_publication_ticks_and_orders_events() -> None:
    dossier = build_sample_dossier()
    root = ET.fromstring(render_timeline_svg(dossier))
    ticks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "pub"]
    assert len(ticks) == len(dossier.articles)
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "ev-label"]
    assert [label.split(" ")[0] for label in labels] == ["2023", "Feb", "10", "20", "1"]


def test_timeline_handles_no_events() -> None:
    svg = render_timeline_svg(Dossier())
    assert "No dated events" in "".join(ET.fromstring(svg).itertext())
    assert circles(svg) == []


def test_timeline_notes_events_it_cannot_place() -> None:
    dossier = build_sample_dossier()
    event = dossier.events[0].model_copy(update={"id": "undated", "date": "PAST_REF"})
    svg = render_timeline_svg(dossier.model_copy(update={"events": [*dossier.events, event]}))
    assert "1 event without a usable date not shown." in "".join(ET.fromstring(svg).itertext())
    assert len(circles(svg)) == sum(1 + len(e.sources) for e in dossier.events)


def test_timeline_escapes_hostile_text() -> None:
    svg = render_timeline_svg(build_hostile_dossier())
    root = ET.fromstring(svg)
    assert not any(el.tag in (f"{SVG}script", "script", f"{SVG}img", "img") for el in root.iter())
    assert HOSTILE[:20] in "".join(root.itertext())


def test_timeline_single_event_of_one_day() -> None:
    dossier = build_sample_dossier()
    only: Event = dossier.events[-1]
    svg = render_timeline_svg(dossier.model_copy(update={"events": [only], "articles": dossier.articles[2:]}))
    assert len(circles(svg)) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-10", (date(2024, 2, 10), date(2024, 2, 10))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("2024-W05", (date(2024, 1, 29), date(2024, 2, 4))),
        ("2024-Q2", (date(2024, 4, 1), date(2024, 6, 30))),
        ("2024-SU", (date(2024, 6, 1), date(2024, 8, 31))),
        ("2023-WI", (date(2023, 12, 1), date(2024, 2, 29))),
        ("202", (date(2020, 1, 1), date(2029, 12, 31))),
        ("19", (date(1900, 1, 1), date(1999, 12, 31))),
        ("2024-02-10T14:30", (date(2024, 2, 10), date(2024, 2, 10))),
        ("PAST_REF", None),
        ("2024-02-30", None),
        ("2024-13", None),
    ],
)
def test_timeline_date_period_handles_every_precision(value: str, expected: tuple[date, date] | None) -> None:
    assert date_period(value) == expected


def test_timeline_draws_a_position_change_as_a_linked_arrow() -> None:
    import xml.etree.ElementTree as ET

    from storyline.model import Article, Dossier, Event

    text = "The council paused the wall in March. The council scrapped the wall in June."
    article = Article(id="a1", source="x.txt", format="plain", text=text, published="2025-06-02")
    first_end = text.index(" The council scrapped")
    paused = Event(
        id="v1",
        article="a1",
        start=0,
        end=first_end,
        text=text[:first_end],
        date="2025-03",
        precision="month",
    )
    scrapped = Event(
        id="v2",
        article="a1",
        start=first_end + 1,
        end=len(text),
        text=text[first_end + 1 :],
        date="2025-06",
        precision="month",
        changes="v1",
    )
    svg = render_timeline_svg(Dossier(articles=[article], events=[paused, scrapped]))
    root = ET.fromstring(svg)
    paths = [p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("class") == "change"]
    assert len(paths) == 1
    assert paths[0].get("marker-end") == "url(#arrow)"


def test_timeline_without_changes_draws_no_arrow() -> None:
    from storyline.model import Article, Dossier, Event

    text = "The council paused the wall in March 2025 after a long and difficult meeting."
    article = Article(id="a1", source="x.txt", format="plain", text=text)
    event = Event(id="v1", article="a1", start=0, end=len(text), text=text, date="2025-03", precision="month")
    assert 'class="change"' not in render_timeline_svg(Dossier(articles=[article], events=[event]))
