"""The timeline as one inline SVG: events on a date axis, one row each.

Each event is a row: its date and clause on the left (a link to the clause), and on the axis
a pale band covering the period its date allows ('2024-02' spans the month, '2023' the year)
with one dot per article that reports it, coloured by outlet. Article publication dates are
dashed vertical ticks, so a reader sees at a glance how long after an event it was reported.

Every piece of text comes from the input and is escaped here, because html.py inserts the
SVG as markup.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import escape

from storyline.model import Cite, Dossier, Event
from storyline.report.view import Outlet, ReportIndex, date_period, format_date

WIDTH = 960
LABEL_WIDTH = 400
PLOT_LEFT = 430
PLOT_RIGHT = 940
AXIS_Y = 34
ROW_TOP = 46
ROW_HEIGHT = 30
DOT_RADIUS = 6
DOT_GAP = 14
LABEL_CHARS = 52


@dataclass
class _Scale:
    low: date
    high: date

    def x(self, day: date) -> float:
        span = max((self.high - self.low).days, 1)
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (day - self.low).days / span


def _scale(periods: list[tuple[date, date]], published: list[date]) -> _Scale:
    low = min([p[0] for p in periods] + published)
    high = max([p[1] for p in periods] + published)
    pad = max((high - low).days // 30, 10)  # keep dots off the plot's edges
    return _Scale(low - timedelta(days=pad), high + timedelta(days=pad))


def _month_starts(low: date, high: date, step: int) -> list[date]:
    year, month = low.year, low.month + (0 if low.day == 1 else 1)
    starts: list[date] = []
    while True:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        first = date(year, month, 1)
        if first > high:
            return starts
        starts.append(first)
        month += step


def _ticks(low: date, high: date) -> list[tuple[date, str]]:
    """Axis ticks at round dates: years, months or days, whichever gives about four to eight."""
    days = (high - low).days
    if days > 3 * 365:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (high.year - low.year) / s <= 8)
        years = [y for y in range(low.year + 1, high.year + 1) if y % step == 0]
        return [(date(y, 1, 1), str(y)) for y in years]
    if days > 60:
        step = next(s for s in (1, 2, 3, 6, 12) if days / 30.4 / s <= 8)
        starts = _month_starts(low, high, step)
        return [(d, format_date(d.isoformat()[:7])) for d in starts]
    step = next(s for s in (1, 2, 7, 14, 30) if days / s <= 8)
    return [
        (low + timedelta(days=n), format_date((low + timedelta(days=n)).isoformat()))
        for n in range(1, days, step)
    ]


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _dot(index: ReportIndex, cite: Cite, x: float, y: float) -> str:
    outlet: Outlet = index.outlet_for(cite.article)
    tip = f"{outlet.name}, {format_date(index.published(cite.article))}: {cite.text}"
    circle = (
        f'<circle class="src" cx="{x:.1f}" cy="{y:.1f}" r="{DOT_RADIUS}" fill="{outlet.colour}" '
        f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle>'
    )
    anchor = index.anchor(cite)
    return f'<a href="{escape(anchor)}">{circle}</a>' if anchor else circle


def _event_row(index: ReportIndex, scale: _Scale, event: Event, period: tuple[date, date], row: int) -> str:
    y = ROW_TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2
    x0, x1 = scale.x(period[0]), scale.x(period[1])
    centre = (x0 + x1) / 2
    parts = [f'<g class="event"><title>{escape(format_date(event.date))}: {escape(event.text)}</title>']
    label = (
        f'<text x="0" y="{y + 4:.1f}" class="ev-label"><tspan class="ev-date">'
        f"{escape(format_date(event.date))}</tspan> {escape(_truncate(event.text, LABEL_CHARS))}</text>"
    )
    anchor = index.anchor(event)
    parts.append(f'<a href="{escape(anchor)}">{label}</a>' if anchor else label)
    parts.append(
        f'<line x1="{LABEL_WIDTH + 10}" y1="{y:.1f}" x2="{centre:.1f}" y2="{y:.1f}" class="leader"/>'
    )
    if x1 - x0 >= 2:  # a month or a year: show the whole period the date allows
        parts.append(
            f'<rect x="{x0:.1f}" y="{y - 8:.1f}" width="{x1 - x0:.1f}" height="16" rx="3" class="band"/>'
        )
    cites: list[Cite] = [event, *event.sources]
    for k, cite in enumerate(cites):
        parts.append(_dot(index, cite, centre + (k - (len(cites) - 1) / 2) * DOT_GAP, y))
    parts.append("</g>")
    return "".join(parts)


def _publication_ticks(index: ReportIndex, scale: _Scale, bottom: float) -> str:
    parts = []
    last_x = -1000.0
    level = 0
    dated = [(d, a) for a in index.dossier.articles if (d := _published_day(a.published))]
    for day, article in sorted(dated, key=lambda pair: pair[0]):
        outlet = index.outlet_for(article.id)
        x = scale.x(day)
        level = level + 1 if x - last_x < 36 else 0  # stagger labels of articles close in time
        last_x = x
        tip = f"{outlet.name} published {format_date(article.published)}: {article.title or ''}"
        parts.append(
            f'<g class="pub"><title>{escape(tip)}</title>'
            f'<line x1="{x:.1f}" y1="{AXIS_Y}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{outlet.colour}" '
            f'class="pub-line"/>'
            f'<text x="{x:.1f}" y="{bottom + 14 + 12 * (level % 3):.1f}" text-anchor="middle" '
            f'fill="{outlet.colour}" class="pub-label">{escape(outlet.initials)}</text></g>'
        )
    return "".join(parts)


def _published_day(value: str | None) -> date | None:
    period = date_period(value) if value else None
    return period[0] if period else None


def _axis(scale: _Scale, bottom: float) -> str:
    parts = [f'<line x1="{PLOT_LEFT}" y1="{AXIS_Y}" x2="{PLOT_RIGHT}" y2="{AXIS_Y}" class="axis"/>']
    for day, label in _ticks(scale.low, scale.high):
        x = scale.x(day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{AXIS_Y - 4}" x2="{x:.1f}" y2="{bottom:.1f}" class="grid"/>'
            f'<text x="{x:.1f}" y="{AXIS_Y - 10}" text-anchor="middle" class="tick">{escape(label)}</text>'
        )
    return "".join(parts)


_STYLE = (
    "<style>"
    ".ev-label{font:13px system-ui,sans-serif;fill:#222}.ev-date{font-weight:600}"
    ".change{fill:none;stroke:#b5473a;stroke-width:1.6;stroke-dasharray:4 3}"
    "a:focus .ev-label,a:hover .ev-label{fill:#0072B2;text-decoration:underline}"
    ".leader{stroke:#ccc;stroke-dasharray:2 3}.band{fill:#e6e2d6}"
    ".axis{stroke:#888}.grid{stroke:#eee}.tick{font:11px system-ui,sans-serif;fill:#666}"
    ".pub-line{stroke-dasharray:4 3;stroke-width:1.2;opacity:.7}"
    ".pub-label{font:bold 11px system-ui,sans-serif}.note{font:italic 12px system-ui,sans-serif;fill:#666}"
    "a:focus circle{stroke:#000;stroke-width:2.5}"
    "</style>"
)


def style_csp_source() -> str:
    """The CSP source ('sha256-…') that lets the SVG's own <style> apply on a page whose policy
    refuses inline style elements otherwise (the web app's pages)."""
    css = _STYLE.removeprefix("<style>").removesuffix("</style>")
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


def _change_links(scale: _Scale, placed: list[tuple[Event, tuple[date, date]]]) -> str:
    """A curved arrow from an earlier position to the event that changes it ("pauses" -> "ceasefire")."""
    where: dict[str, tuple[float, float]] = {}
    for row, (event, period) in enumerate(placed):
        centre = (scale.x(period[0]) + scale.x(period[1])) / 2
        where[event.id] = (centre, ROW_TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2)
    parts = []
    for event, _ in placed:
        if not event.changes or event.changes not in where or event.id not in where:
            continue
        (x0, y0), (x1, y1) = where[event.changes], where[event.id]
        bend = max(x0, x1) + 40
        curve = f"M{x0:.1f},{y0:.1f} C{bend:.1f},{y0:.1f} {bend:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        parts.append(
            f'<path class="change" d="{curve}" marker-end="url(#arrow)">'
            "<title>position changed</title></path>"
        )
    if not parts:
        return ""
    marker = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b5473a"/></marker></defs>'
    )
    return marker + "".join(parts)


def _svg(height: float, body: str, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f"{_STYLE}{body}</svg>"
    )


def render_timeline_svg(dossier: Dossier, index: ReportIndex | None = None) -> str:
    """The timeline as a standalone SVG string (escaped internally; safe to inline).

    One row per event whose date can be placed, oldest first; one dot per cite (the event's
    own article, then each of its sources). With no dated events it says so instead of
    drawing an empty axis.
    """
    index = index or ReportIndex(dossier)
    placed = [(event, p) for event in dossier.events if (p := date_period(event.date))]
    placed.sort(key=lambda pair: (pair[1][0], pair[1][1]))
    unplaced = len(dossier.events) - len(placed)
    if not placed:
        note = "No dated events were found in these articles."
        return _svg(40, f'<text x="0" y="24" class="note">{escape(note)}</text>', "Timeline: no events")
    published = [d for a in dossier.articles if (d := _published_day(a.published))]
    scale = _scale([p for _, p in placed], published)
    bottom = ROW_TOP + len(placed) * ROW_HEIGHT + 6
    rows = "".join(_event_row(index, scale, event, period, i) for i, (event, period) in enumerate(placed))
    body = (
        _axis(scale, bottom) + _publication_ticks(index, scale, bottom) + rows + _change_links(scale, placed)
    )
    height = bottom + 52
    if unplaced:
        note = f"{unplaced} event{'s' if unplaced != 1 else ''} without a usable date not shown."
        body += f'<text x="0" y="{height - 4:.0f}" class="note">{escape(note)}</text>'
        height += 8
    label = f"Timeline of {len(placed)} events"
    return _svg(height, body, label)
