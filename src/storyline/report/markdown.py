"""The dossier as a compact Markdown report: the HTML page's sections, in the same order.

Every item cites its span as ``[MC §12–40]``: outlet initials (with a number when an
outlet has several articles) and character offsets into the article's normalised text;
the Articles section at the end says which article each key stands for. Text from the
articles is escaped so that it can neither break a table or list nor inject HTML.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.model import Cite, Dossier, Event
from storyline.report import view

# Characters that Markdown (CommonMark and GitHub tables) would read as syntax. '<' and '>'
# are included so that article text can never become raw HTML in a rendered report.
_SPECIAL = re.compile(r"([\\`*_\[\]|<>#~])")


def escape_md(text: str | None) -> str:
    """Inline-safe text: backslash-escape Markdown syntax and fold newlines into spaces, so
    a value can sit in a table cell or list item without ending it."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _date(iso: str | None) -> str:
    # Dates come from the input too, and one that does not parse is shown as given.
    return escape_md(view.format_date(iso))


def _cites(index: view.ReportIndex, cites: list[Cite]) -> str:
    return " ".join(f"[{escape_md(index.cite_label(c))}]" for c in cites)


def _header(index: view.ReportIndex) -> list[str]:
    dossier = index.dossier
    outlets = "; ".join(
        f"**{escape_md(o.initials)}** = {escape_md(o.name)} "
        f"({view.plural(len(o.article_ids), 'article')}"
        + (f", {', '.join(_date(d) for d in o.dates)})" if o.dates else ")")
        for o in index.outlets
    )
    return [
        f"# {escape_md(view.headline(dossier))}",
        "",
        f"{escape_md(view.date_range(dossier))} · {view.count_line(dossier)}",
        "",
        f"Outlets: {outlets}" if outlets else "No articles.",
    ]


def _summary(index: view.ReportIndex) -> list[str]:
    lines = ["## Summary", ""]
    for n, sentence in enumerate(index.dossier.summary, start=1):
        contested = " **(contested)**" if sentence.contested else ""
        lines.append(f"{n}. {escape_md(sentence.text)}{contested} {_cites(index, sentence.sources)}".rstrip())
    return lines if index.dossier.summary else [*lines, "_No summary was produced._"]


def _claim_who(index: view.ReportIndex, cite: Cite, outlet: str | None, published: str | None) -> str:
    name = outlet or index.outlet_for(cite.article).name
    return f"{escape_md(name)}, {_date(published or index.published(cite.article))}"


def _claims(index: view.ReportIndex) -> list[str]:
    dossier = index.dossier
    lines = ["## Agree, single source, conflict", "", "### Outlets agree", ""]
    for agreement in dossier.agreements:
        items = "; ".join(
            f"{escape_md(view.claim_value(dossier, it))} ({_claim_who(index, it, it.outlet, it.published)}) "
            f"{_cites(index, [it])}"
            for it in agreement.items
        )
        lines.append(f"- **{escape_md(agreement.about)}**: {items}")
    if not dossier.agreements:
        lines.append("_None recorded._")
    lines += ["", "### Single source", ""]
    single = view.single_source_numbers(dossier)
    for number in single:
        sentence = view.sentence_for(dossier, number)
        lines.append(
            f"- **{escape_md(number.about or number.key)}**: {escape_md(view.format_number(number))}, only "
            f"{_claim_who(index, number, None, None)}: “{escape_md(sentence.text)}” {_cites(index, [number])}"
        )
    if not single:
        lines.append("_None._")
    lines += ["", "### Conflict", ""]
    for conflict in dossier.conflicts:
        lines.append(f"- **{escape_md(conflict.about)}** ({conflict.kind} conflict)")
        for it in conflict.items:
            sentence = view.sentence_for(dossier, it)
            lines.append(
                f"  - {escape_md(view.claim_value(dossier, it))} — "
                f"{_claim_who(index, it, it.outlet, it.published)}: “{escape_md(sentence.text)}” "
                f"{_cites(index, [it])}"
            )
        if conflict.note:
            lines.append(f"  - _Note:_ {escape_md(conflict.note)}")
    if not dossier.conflicts:
        lines.append("_None found._")
    return lines


def _cast(index: view.ReportIndex) -> list[str]:
    lines = ["## The cast", ""]
    for card in view.cast_cards(index):
        parts = [f"**{escape_md(card.entity.name)}** ({card.type_label})"]
        roles = "; ".join(f"{escape_md(label)} {_cites(index, list(roles))}" for label, roles in card.roles)
        if roles:
            parts.append(roles)
        if card.names:
            called = ", ".join(
                f"“{escape_md(name)}” ({', '.join(escape_md(o.initials) for o in outlets)})"
                for name, outlets in card.names
            )
            parts.append(f"called {called}")
        parts.append(
            f"in {view.plural(card.outlet_count, 'outlet')}, quoted {view.plural(card.quote_count, 'time')}"
        )
        lines.append("- " + " — ".join(parts))
    return lines if len(lines) > 2 else [*lines, "_No people or organisations were found._"]


def _quote_line(index: view.ReportIndex, version: view.QuoteView, speaker: str) -> str:
    quote = version.quote
    said = " ".join(x for x in (quote.cue, quote.medium) if x)
    how = f"{quote.kind}, {said}" if said else quote.kind
    via = view.attribution_note(quote, speaker)
    via_text = f", attributed via “{escape_md(via)}”" if via else ""
    where = f"{escape_md(version.outlet.name)}, {_date(index.published(quote.article))}"
    # The quote stays whole (it is what a reader searches for); the wording only this version
    # has is listed after it.
    changed = version.changed
    differs = f" — worded differently: {', '.join(f'_{escape_md(c)}_' for c in changed)}" if changed else ""
    return (
        f"“{escape_md(quote.text)}” — {escape_md(how)}{via_text}; {where} {_cites(index, [quote])}{differs}"
    )


def _quotes(index: view.ReportIndex) -> list[str]:
    lines = ["## Who said what"]
    groups = view.speaker_groups(index)
    for group in groups:
        lines += ["", f"### {escape_md(group.name)}", ""]
        for cluster in group.clusters:
            first, *others = cluster.versions
            lines.append(f"- {_quote_line(index, first, group.name)}")
            lines.extend(f"  - also: {_quote_line(index, v, group.name)}" for v in others)
            if cluster.missing:
                lines.append(f"  - not carried by: {', '.join(escape_md(o.name) for o in cluster.missing)}")
    return lines if groups else [*lines, "", "_No quotes were found._"]


def _numbers(index: view.ReportIndex) -> list[str]:
    lines = ["## Numbers", ""]
    rows = view.number_rows(index)
    if not rows:
        return [*lines, "_No numbers were found._"]
    lines.append("| What is counted | " + " | ".join(escape_md(o.initials) for o in index.outlets) + " |")
    lines.append("|---" * (len(index.outlets) + 1) + "|")
    for row in rows:
        flag = " **(conflict)**" if row.conflict else " **(differs)**" if row.differs else ""
        cells = [
            "; ".join(
                f"{escape_md(view.format_number(n))} {_cites(index, [n])}" for n in row.cells.get(o.name, [])
            )
            or "—"
            for o in index.outlets
        ]
        lines.append(f"| {escape_md(row.about)}{flag} | " + " | ".join(cells) + " |")
    return lines


def _chronological(event: Event) -> tuple[date, date, str]:
    """The order the timeline picture uses: by the first, then the last day the date can mean
    (a week or a quarter goes by when it starts, not by its ISO string, which puts
    '2023-W43' after '2023-11-14'); dates that name no period last."""
    period = view.date_period(event.date)
    return (*(period or (date.max, date.max)), event.date)


def _timeline(index: view.ReportIndex) -> list[str]:
    lines = ["## Timeline", ""]
    events = sorted(index.dossier.events, key=_chronological)
    for event in events:
        lines.append(
            f"- **{_date(event.date)}** — {escape_md(event.text)} {_cites(index, [event, *event.sources])}"
        )
    return lines if events else [*lines, "_No dated events were found._"]


def _articles(index: view.ReportIndex) -> list[str]:
    lines = ["## Articles", ""]
    for article in index.dossier.articles:
        outlet = index.outlet_for(article.id)
        byline = f", by {escape_md(article.author)}" if article.author else ""
        url = f" <{article.url}>" if article.url and re.fullmatch(r"https?://[^\s<>]+", article.url) else ""
        lines.append(
            f"- **{escape_md(index.article_key(article))}** — {escape_md(outlet.name)}, "
            f"{_date(article.published)}: _{escape_md(article.title or 'Untitled article')}_"
            f"{byline} (article `{article.id.replace('`', '')}`){url}"
        )
    return lines if index.dossier.articles else [*lines, "_No articles._"]


def render_markdown(dossier: Dossier) -> str:
    """The report as Markdown: header, summary, claims, cast, quotes, numbers, timeline, articles."""
    index = view.ReportIndex(dossier)
    sections = [
        _header(index),
        _summary(index),
        _claims(index),
        _cast(index),
        _quotes(index),
        _numbers(index),
        _timeline(index),
        _articles(index),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
