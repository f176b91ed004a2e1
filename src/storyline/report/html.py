"""The dossier as one self-contained HTML page.

Article text is untrusted. It reaches the page by exactly two roads: the Jinja2 template,
which autoescapes, and ``highlight_spans`` / the timeline SVG, which escape every piece of
text themselves and return ``Markup``. Nothing else is marked safe. As a second line of
defence the page carries a Content-Security-Policy that only lets our own script run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import jinja2
from markupsafe import Markup, escape

from storyline.model import Article, Cite, Dossier
from storyline.report import view
from storyline.report.timeline import render_timeline_svg


class Span(NamedTuple):
    """One highlight: [start, end) of the text, the HTML id, and the hover label."""

    start: int
    end: int
    id: str
    label: str
    kinds: str = ""  # CSS classes, e.g. 'hl-quote hl-number'


def _open_tag(span: Span, first: bool) -> str:
    classes = " ".join(["hl", *span.kinds.split()] + ([] if first else ["hl-cont"]))
    where = f'id="{escape(span.id)}"' if first else f'data-part-of="{escape(span.id)}"'
    return f'<mark {where} class="{escape(classes)}" title="{escape(span.label)}">'


def highlight_spans(text: str, spans: Iterable[Span]) -> Markup:
    """Escape text and wrap each span in a <mark>, nesting them properly.

    Spans may nest or overlap partially. Where one span starts inside another and ends after
    it, the later one is split: it closes with the enclosing mark and reopens straight after,
    the first piece carrying the id and the others ``data-part-of`` it, so the marks always
    nest and no character is lost or repeated. Spans that are empty or fall outside the
    text are ignored.
    """
    valid = sorted(
        {s for s in spans if 0 <= s.start < s.end <= len(text)}, key=lambda s: (s.start, -s.end, s.id)
    )
    starts: dict[int, list[Span]] = {}
    ends: dict[int, set[Span]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
        ends.setdefault(span.end, set()).add(span)
    out: list[str] = []
    stack: list[Span] = []
    opened: set[Span] = set()
    position = 0
    for boundary in sorted({0, len(text), *starts, *ends}):
        out.append(str(escape(text[position:boundary])))
        position = boundary
        closing = ends.get(boundary, set())
        reopen: list[Span] = []
        if closing & set(stack):
            lowest = min(stack.index(s) for s in closing if s in stack)
            popped = stack[lowest:]
            del stack[lowest:]
            out.append("</mark>" * len(popped))
            reopen = [s for s in popped if s not in closing]
        # Longest first, so the marks opened here nest with the fewest later splits.
        for span in sorted(reopen + starts.get(boundary, []), key=lambda s: -s.end):
            out.append(_open_tag(span, span not in opened))
            opened.add(span)
            stack.append(span)
    return Markup("".join(out))


# ---------------------------------------------------------------- spans of an article


@dataclass
class _SpanInfo:
    labels: list[str]
    kinds: list[str]


def _add(spans: dict[tuple[str, int, int], _SpanInfo], cite: Cite, label: str, kind: str) -> None:
    info = spans.setdefault((cite.article, cite.start, cite.end), _SpanInfo([], []))
    if label not in info.labels:
        info.labels.append(label)
    if kind not in info.kinds:
        info.kinds.append(kind)


def _entity_name(index: view.ReportIndex, entity_id: str | None, fallback: str | None) -> str:
    entity = index.entity(entity_id)
    return entity.name if entity else fallback or "an unidentified speaker"


def collect_spans(index: view.ReportIndex) -> dict[tuple[str, int, int], _SpanInfo]:
    """Every span the dossier cites, keyed by (article, start, end), with what it is.

    Cites of the same span share one highlight with all their labels, so that every link in
    the page has exactly one target.
    """
    dossier = index.dossier
    spans: dict[tuple[str, int, int], _SpanInfo] = {}
    for entity in dossier.entities:
        for mention in entity.mentions:
            _add(spans, mention, f"mention of {entity.name}", "hl-mention")
        for role in entity.roles:
            org = f", {role.org}" if role.org else ""
            _add(spans, role, f"role of {entity.name}: {role.role}{org}", "hl-role")
    for quote in dossier.quotes:
        speaker = _entity_name(index, quote.speaker, quote.speaker_name or quote.speaker_text)
        _add(spans, quote, f"{quote.kind} quote of {speaker}", "hl-quote")
        if quote.speaker_start is not None and quote.speaker_end is not None:
            text = quote.speaker_text or ""
            cite = Cite(article=quote.article, start=quote.speaker_start, end=quote.speaker_end, text=text)
            _add(spans, cite, f"speaker: {speaker}", "hl-speaker")
    for number in dossier.numbers:
        about = f" ({number.about})" if number.about else ""
        _add(spans, number, f"number: {view.format_number(number)}{about}", "hl-number")
        if number.sentence:
            _add(spans, number.sentence, "sentence giving a number", "hl-sentence")
    for timex in dossier.timexes:
        _add(spans, timex, f"date: {timex.value}", "hl-date")
    for event in dossier.events:
        _add(spans, event, f"event, {view.format_date(event.date)}", "hl-event")
        for source in event.sources:
            _add(spans, source, f"same event reported, {view.format_date(event.date)}", "hl-event")
        if event.timex:
            _add(spans, event.timex, f"date of event: {event.date}", "hl-date")
    for conflict in dossier.conflicts:
        for item in conflict.items:
            _add(spans, item, f"conflicting figure: {conflict.about}", "hl-conflict")
    for agreement in dossier.agreements:
        for item in agreement.items:
            _add(spans, item, f"agreed figure: {agreement.about}", "hl-sentence")
    for n, sentence in enumerate(dossier.summary, start=1):
        for source in sentence.sources:
            _add(spans, source, f"source of summary sentence {n}", "hl-sentence")
    return spans


def article_spans(
    index: view.ReportIndex, article: Article, spans: dict[tuple[str, int, int], _SpanInfo] | None = None
) -> list[Span]:
    spans = collect_spans(index) if spans is None else spans
    return [
        Span(start, end, index.span_id(article_id, start, end), "; ".join(info.labels), " ".join(info.kinds))
        for (article_id, start, end), info in spans.items()
        if article_id == article.id
    ]


def highlight_articles(index: view.ReportIndex) -> list[tuple[Article, Markup]]:
    """Each article with its text escaped and every cited span highlighted."""
    spans = collect_spans(index)
    return [(a, highlight_spans(a.text, article_spans(index, a, spans))) for a in index.dossier.articles]


# ---------------------------------------------------------------- the page

# Only marks the later pieces of a split highlight when the first piece is the URL target;
# the page reads the same without it (':target' does the rest).
_SCRIPT = (
    "(function(){function f(){document.querySelectorAll('.hl-on').forEach(function(e){"
    "e.classList.remove('hl-on')});var id=decodeURIComponent(location.hash.slice(1));"
    "if(!id)return;document.querySelectorAll('[data-part-of=\"'+CSS.escape(id)+'\"]')"
    ".forEach(function(e){e.classList.add('hl-on')})}addEventListener('hashchange',f);f()})();"
)


def _script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def _http_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable: a 'javascript:' URL from input must not be."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def configure_environment(env: jinja2.Environment) -> jinja2.Environment:
    """Add the filters the report templates use (the web app's environment needs them too)."""
    env.filters["date"] = view.format_date
    env.filters["amount"] = view.format_amount
    env.filters["number"] = view.format_number
    return env


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return configure_environment(env)


def dossier_context(dossier: Dossier, index: view.ReportIndex) -> dict[str, object]:
    """What the section partials (``_summary.html.j2`` …) read. The web app passes its own
    ``index`` (a ReportIndex whose ``anchor`` points at its article pages) to the same partials."""
    return {
        "dossier": dossier,
        "ix": index,
        "headline": view.headline(dossier),
        "date_range": view.date_range(dossier),
        "count_line": view.count_line(dossier),
        "single_source": view.single_source_numbers(dossier),
        "sentence_for": lambda cite: view.sentence_for(dossier, cite),
        "claim_value": lambda item: view.claim_value(dossier, item),
        "cast": view.cast_cards(index),
        "speakers": view.speaker_groups(index),
        "attribution_note": view.attribution_note,
        "number_rows": view.number_rows(index),
        "timeline": Markup(render_timeline_svg(dossier, index)),
        "http_url": _http_url,
    }


def render_html(dossier: Dossier) -> str:
    """The whole report as one HTML document: no external assets, readable offline and printed."""
    index = view.ReportIndex(dossier)
    template = _environment().get_template("report.html.j2")
    return template.render(
        **dossier_context(dossier, index),
        articles=highlight_articles(index),
        script=Markup(_SCRIPT),
        script_hash=_script_hash(_SCRIPT),
    )
