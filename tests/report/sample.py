"""An invented story, built in code, for the report tests.

Everything here is fiction: the town of Marrowby, its flood barrier, the people and the three
outlets. Offsets are found with ``str.index`` so that they always slice back to the text.
"""

from __future__ import annotations

import hashlib

from storyline.model import (
    Agreement,
    Article,
    Cite,
    Conflict,
    ConflictItem,
    Dossier,
    Entity,
    Event,
    LedgerEntry,
    LedgerVersion,
    Mention,
    Number,
    Quote,
    Role,
    SummarySentence,
    TimeExpression,
)

COURIER_TEXT = (
    "Around 1,200 residents were evacuated from the harbour district of Marrowby after the Eastgate "
    "flood barrier gave way on Saturday night, 10 February.\n\n"
    'Mayor Elspeth Varga said the town had been "let down by a barrier that was meant to last fifty '
    'years". She added that emergency shelters at the Corn Exchange would stay open "for as long as '
    'it takes".\n\n'
    "Tomas Rendell, chief engineer at the Fenwater Authority, said the barrier had passed its last "
    'inspection in 2023. "We saw no sign of weakness," he told the Courier.\n\n'
    "About 300 homes were flooded, according to the council."
)

HERALD_TEXT = (
    "The Fenwater Authority has been asked to explain why the Eastgate barrier failed in Marrowby "
    "on 10 February, flooding about 300 homes.\n\n"
    'Dr Ines Okafor, a hydrologist at the University of Northfen, said the barrier was "never '
    'designed for surges of this height". Repairs are expected to cost £3.5 million, the authority '
    "said.\n\n"
    'Elspeth Varga, the mayor of Marrowby, said the town had been "let down by a barrier meant to '
    'last fifty years".\n\n'
    'Shop owner Priya Halloran said: "The water came up through the floor in minutes. We lost '
    'everything downstairs."'
)

DAILY_TEXT = (
    "An independent review published on 20 May found that warnings about the Eastgate barrier had "
    "been missed. The review says 1,400 people were evacuated from Marrowby in February, more than "
    "first reported.\n\n"
    "Tomas Rendell, who has since stepped down as chief engineer at the Fenwater Authority, said he "
    'accepted the findings. "We should have acted on the 2023 report," he said.\n\n'
    'Repairs to the barrier began on 1 June. Mayor Elspeth Varga said residents deserved "a barrier '
    "that works, and the truth about why it didn't\"."
)


def make_article(text: str, outlet: str, title: str, published: str, author: str) -> Article:
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(
        id=article_id,
        source=f"fixtures/{article_id}.txt",
        outlet=outlet,
        title=title,
        author=author,
        url=f"https://example.invalid/{article_id}",
        published=published,
        format="plain",
        text=text,
    )


class Finder:
    """Cites into one article, located by the text they quote."""

    def __init__(self, article: Article) -> None:
        self.article = article

    def span(self, snippet: str, after: str = "") -> tuple[int, int]:
        """Offsets of snippet; with after, of the first snippet following that text."""
        origin = self.article.text.index(after) if after else 0
        start = self.article.text.index(snippet, origin)
        return start, start + len(snippet)

    def cite(self, snippet: str, after: str = "") -> Cite:
        start, end = self.span(snippet, after)
        return Cite(article=self.article.id, start=start, end=end, text=snippet)

    def fields(self, snippet: str, after: str = "") -> dict[str, object]:
        start, end = self.span(snippet, after)
        return {"article": self.article.id, "start": start, "end": end, "text": snippet}


def _quote(
    f: Finder, qid: str, text: str, kind: str, speaker: str | None, speaker_text: str | None, **extra: object
) -> Quote:
    fields = f.fields(text)
    if speaker_text:
        start, end = f.span(speaker_text, after=extra.pop("speaker_after", ""))  # type: ignore[arg-type]
        fields.update(speaker_start=start, speaker_end=end)
    return Quote(id=qid, kind=kind, speaker=speaker, speaker_text=speaker_text, **fields, **extra)  # type: ignore[arg-type]


def build_articles() -> tuple[Article, Article, Article]:
    return (
        make_article(
            COURIER_TEXT,
            "The Marrowby Courier",
            "Marrowby barrier gives way as storm surge floods harbour district",
            "2024-02-12",
            "Jon Pellow",
        ),
        make_article(
            HERALD_TEXT,
            "Northfen Herald",
            "Questions mount over Eastgate barrier after Marrowby flood",
            "2024-02-14",
            "Sana Whitlock",
        ),
        make_article(
            DAILY_TEXT,
            "Coastline Daily",
            "Marrowby flood: review finds barrier warnings were missed",
            "2024-06-03",
            "Ruth Anand",
        ),
    )


def build_entities(mc: Finder, nh: Finder, cd: Finder) -> list[Entity]:
    def mention(f: Finder, mid: str, text: str, kind: str = "name", after: str = "") -> Mention:
        return Mention(id=mid, kind=kind, **f.fields(text, after))  # type: ignore[arg-type]

    def role(f: Finder, rid: str, text: str, role: str, org: str | None, after: str = "") -> Role:
        return Role(id=rid, role=role, org=org, **f.fields(text, after))  # type: ignore[arg-type]

    return [
        Entity(
            id="e-varga",
            name="Elspeth Varga",
            type="PERSON",
            aliases=["Mayor Elspeth Varga", "the mayor of Marrowby"],
            mentions=[
                mention(mc, "m1", "Elspeth Varga"),
                mention(mc, "m2", "She", "pronoun"),
                mention(nh, "m3", "Elspeth Varga"),
                mention(cd, "m4", "Elspeth Varga"),
            ],
            roles=[
                role(mc, "r1", "Mayor", "mayor", "Marrowby"),
                role(nh, "r2", "the mayor of Marrowby", "mayor", "Marrowby"),
                role(cd, "r3", "Mayor", "mayor", "Marrowby"),
            ],
            outlets=["The Marrowby Courier", "Northfen Herald", "Coastline Daily"],
            article_count=3,
            quote_count=4,
            salience=0.93,
        ),
        Entity(
            id="e-rendell",
            name="Tomas Rendell",
            type="PERSON",
            mentions=[mention(mc, "m5", "Tomas Rendell"), mention(cd, "m6", "Tomas Rendell")],
            roles=[
                role(
                    mc,
                    "r4",
                    "chief engineer at the Fenwater Authority",
                    "chief engineer",
                    "Fenwater Authority",
                ),
                role(
                    cd, "r5", "stepped down as chief engineer", "former chief engineer", "Fenwater Authority"
                ),
            ],
            outlets=["The Marrowby Courier", "Coastline Daily"],
            article_count=2,
            quote_count=3,
            salience=0.81,
        ),
        Entity(
            id="e-fenwater",
            name="Fenwater Authority",
            type="ORG",
            aliases=["the authority"],
            mentions=[
                mention(mc, "m7", "Fenwater Authority"),
                mention(nh, "m8", "Fenwater Authority"),
                mention(nh, "m9", "the authority"),
                mention(cd, "m10", "Fenwater Authority"),
            ],
            outlets=["The Marrowby Courier", "Northfen Herald", "Coastline Daily"],
            article_count=3,
            quote_count=1,
            salience=0.74,
        ),
        Entity(
            id="e-marrowby",
            name="Marrowby",
            type="GPE",
            mentions=[
                mention(mc, "m11", "Marrowby"),
                mention(nh, "m12", "Marrowby"),
                mention(cd, "m13", "Marrowby"),
            ],
            outlets=["The Marrowby Courier", "Northfen Herald", "Coastline Daily"],
            article_count=3,
            salience=0.62,
        ),
        Entity(
            id="e-okafor",
            name="Ines Okafor",
            type="PERSON",
            aliases=["Dr Ines Okafor"],
            mentions=[mention(nh, "m14", "Dr Ines Okafor")],
            roles=[
                role(
                    nh,
                    "r6",
                    "a hydrologist at the University of Northfen",
                    "hydrologist",
                    "University of Northfen",
                )
            ],
            outlets=["Northfen Herald"],
            article_count=1,
            quote_count=1,
            salience=0.41,
        ),
        Entity(
            id="e-halloran",
            name="Priya Halloran",
            type="PERSON",
            mentions=[mention(nh, "m15", "Priya Halloran")],
            roles=[role(nh, "r7", "Shop owner", "shop owner", None)],
            outlets=["Northfen Herald"],
            article_count=1,
            quote_count=1,
            salience=0.33,
        ),
    ]


def build_quotes(mc: Finder, nh: Finder, cd: Finder) -> list[Quote]:
    return [
        _quote(
            mc,
            "q1",
            "let down by a barrier that was meant to last fifty years",
            "partial",
            "e-varga",
            "Elspeth Varga",
            cue="said",
        ),
        # Attributed through a pronoun that the resolver tied to the mayor.
        _quote(
            mc,
            "q2",
            "for as long as it takes",
            "partial",
            "e-varga",
            "She",
            cue="added",
            speaker_name="Elspeth Varga",
        ),
        _quote(
            mc,
            "q3",
            "the barrier had passed its last inspection in 2023",
            "indirect",
            "e-rendell",
            "Tomas Rendell",
            cue="said",
        ),
        _quote(
            mc,
            "q4",
            "We saw no sign of weakness,",
            "direct",
            "e-rendell",
            "he",
            cue="told",
            speaker_name="Tomas Rendell",
            medium="the Courier",
            speaker_after="weakness",
        ),
        _quote(
            nh,
            "q5",
            "never designed for surges of this height",
            "partial",
            "e-okafor",
            "Dr Ines Okafor",
            cue="said",
        ),
        _quote(
            nh,
            "q6",
            "Repairs are expected to cost £3.5 million",
            "indirect",
            "e-fenwater",
            "the authority",
            cue="said",
        ),
        _quote(
            nh,
            "q7",
            "let down by a barrier meant to last fifty years",
            "partial",
            "e-varga",
            "Elspeth Varga",
            cue="said",
        ),
        _quote(
            nh,
            "q8",
            "The water came up through the floor in minutes. We lost everything downstairs.",
            "direct",
            "e-halloran",
            "Priya Halloran",
            cue="said",
        ),
        # Reported by 'the review', which is no entity: an unattributed quote.
        _quote(
            cd,
            "q9",
            "warnings about the Eastgate barrier had been missed",
            "indirect",
            None,
            None,
            cue="found",
        ),
        _quote(
            cd,
            "q10",
            "We should have acted on the 2023 report,",
            "direct",
            "e-rendell",
            "he",
            cue="said",
            speaker_name="Tomas Rendell",
            speaker_after="report,",
        ),
        _quote(
            cd,
            "q11",
            "a barrier that works, and the truth about why it didn't",
            "partial",
            "e-varga",
            "Elspeth Varga",
            cue="said",
        ),
    ]


def build_ledger(quotes: list[Quote], articles: list[Article]) -> list[LedgerEntry]:
    """The ledger written out by hand (not by storyline.resolve.ledger, so the report tests do not
    depend on it): the mayor's "let down" statement is carried by the Courier and the Herald,
    and the Daily, which quotes her too, leaves it out. Every other quote stands alone."""
    by_id = {q.id: q for q in quotes}
    outlets = {a.id: a.outlet for a in articles}

    def version(qid: str, differences: list[tuple[int, int]] | None = None) -> LedgerVersion:
        q = by_id[qid]
        return LedgerVersion(
            article=q.article,
            start=q.start,
            end=q.end,
            text=q.text,
            quote=qid,
            outlet=outlets[q.article],
            differences=differences or [],
        )

    shared = LedgerEntry(
        id="l1",
        speaker="e-varga",
        speaker_name="Elspeth Varga",
        versions=[version("q1"), version("q7")],
        verbatim=False,
        missing_from=[by_id["q11"].article],
    )
    alone = [
        LedgerEntry(
            id=f"l{n}",
            speaker=by_id[qid].speaker,
            speaker_name=by_id[qid].speaker_name or by_id[qid].speaker_text,
            versions=[version(qid)],
            verbatim=True,
        )
        for n, qid in enumerate(["q2", "q11", "q3", "q4", "q10", "q6", "q5", "q8", "q9"], start=2)
    ]
    return [shared, *alone]


def build_numbers(mc: Finder, nh: Finder, cd: Finder) -> list[Number]:
    def number(f: Finder, nid: str, text: str, sentence: str, value: float, **extra: object) -> Number:
        return Number(id=nid, value=value, sentence=f.cite(sentence), **f.fields(text), **extra)  # type: ignore[arg-type]

    mc_evacuated = COURIER_TEXT[: COURIER_TEXT.index("\n")]
    mc_homes = "About 300 homes were flooded, according to the council."
    nh_homes = HERALD_TEXT[: HERALD_TEXT.index("\n")]
    nh_cost = "Repairs are expected to cost £3.5 million, the authority said."
    cd_evacuated = (
        "The review says 1,400 people were evacuated from Marrowby in February, more than first reported."
    )
    return [
        number(
            mc,
            "n1",
            "Around 1,200 residents",
            mc_evacuated,
            1200,
            unit="people",
            approx="around",
            about="people evacuated",
        ),
        number(
            mc, "n2", "About 300 homes", mc_homes, 300, unit="homes", approx="about", about="homes flooded"
        ),
        number(
            nh, "n3", "about 300 homes", nh_homes, 300, unit="homes", approx="about", about="homes flooded"
        ),
        number(nh, "n4", "£3.5 million", nh_cost, 3_500_000, unit="GBP", about="cost of repairs"),
        number(cd, "n5", "1,400 people", cd_evacuated, 1400, unit="people", about="people evacuated"),
    ]


def build_timexes(mc: Finder, nh: Finder, cd: Finder) -> list[TimeExpression]:
    def timex(f: Finder, tid: str, text: str, value: str, precision: str, after: str = "") -> TimeExpression:
        return TimeExpression(id=tid, type="DATE", value=value, precision=precision, **f.fields(text, after))  # type: ignore[arg-type]

    return [
        timex(mc, "t1", "10 February", "2024-02-10", "day"),
        timex(mc, "t2", "2023", "2023", "year"),
        timex(nh, "t3", "10 February", "2024-02-10", "day"),
        timex(cd, "t4", "20 May", "2024-05-20", "day"),
        timex(cd, "t5", "February", "2024-02", "month", after="Marrowby in"),
        timex(cd, "t6", "1 June", "2024-06-01", "day"),
    ]


def build_events(mc: Finder, nh: Finder, cd: Finder) -> list[Event]:
    def event(f: Finder, eid: str, text: str, day: str, precision: str, **extra: object) -> Event:
        return Event(id=eid, date=day, precision=precision, **f.fields(text), **extra)  # type: ignore[arg-type]

    return [
        event(
            mc,
            "ev1",
            "the Eastgate flood barrier gave way on Saturday night, 10 February",
            "2024-02-10",
            "day",
            timex=mc.cite("10 February"),
            actors=[],
            sources=[nh.cite("the Eastgate barrier failed in Marrowby")],
        ),
        event(
            cd,
            "ev2",
            "1,400 people were evacuated from Marrowby in February",
            "2024-02",
            "month",
            timex=cd.cite("February", after="Marrowby in"),
            sources=[mc.cite("1,200 residents were evacuated from the harbour district of Marrowby")],
        ),
        event(
            mc,
            "ev3",
            "the barrier had passed its last inspection in 2023",
            "2023",
            "year",
            timex=mc.cite("2023"),
            actors=["e-fenwater"],
        ),
        event(
            cd,
            "ev4",
            "An independent review published on 20 May",
            "2024-05-20",
            "day",
            timex=cd.cite("20 May"),
        ),
        event(
            cd,
            "ev5",
            "Repairs to the barrier began on 1 June",
            "2024-06-01",
            "day",
            timex=cd.cite("1 June"),
            actors=["e-fenwater"],
        ),
    ]


def _claim_item(f: Finder, text: str, value: float, published: str) -> ConflictItem:
    return ConflictItem(value=value, outlet=f.article.outlet, published=published, **f.fields(text))  # type: ignore[arg-type]


def build_summary(mc: Finder, nh: Finder, cd: Finder) -> list[SummarySentence]:
    return [
        SummarySentence(
            text="The Eastgate flood barrier in Marrowby gave way on 10 February 2024, "
            "flooding about 300 homes.",
            sources=[
                mc.cite("the Eastgate flood barrier gave way on Saturday night, 10 February"),
                nh.cite("flooding about 300 homes"),
            ],
        ),
        SummarySentence(
            text="Between 1,200 and 1,400 residents were evacuated; the higher figure comes from a review "
            "published months later.",
            sources=[
                mc.cite("Around 1,200 residents were evacuated"),
                cd.cite("1,400 people were evacuated"),
            ],
            contested=True,
        ),
        SummarySentence(
            text="Mayor Elspeth Varga said the town had been let down by a barrier meant "
            "to last fifty years.",
            sources=[
                mc.cite("let down by a barrier that was meant to last fifty years"),
                nh.cite("let down by a barrier meant to last fifty years"),
            ],
        ),
        SummarySentence(
            text="An independent review found that warnings had been missed, and the former chief engineer, "
            "Tomas Rendell, accepted its findings.",
            sources=[
                cd.cite("warnings about the Eastgate barrier had been missed"),
                cd.cite("said he accepted the findings"),
            ],
        ),
    ]


def build_sample_dossier() -> Dossier:
    """Three invented articles on one invented flood, with every kind of extracted item."""
    courier, herald, daily = build_articles()
    mc, nh, cd = Finder(courier), Finder(herald), Finder(daily)
    return Dossier(
        title="Marrowby flood barrier failure",
        articles=[courier, herald, daily],
        entities=build_entities(mc, nh, cd),
        quotes=build_quotes(mc, nh, cd),
        ledger=build_ledger(build_quotes(mc, nh, cd), [courier, herald, daily]),
        numbers=build_numbers(mc, nh, cd),
        timexes=build_timexes(mc, nh, cd),
        events=build_events(mc, nh, cd),
        conflicts=[
            Conflict(
                id="c1",
                about="people evacuated",
                items=[
                    _claim_item(mc, "Around 1,200 residents", 1200, "2024-02-12"),
                    _claim_item(cd, "1,400 people", 1400, "2024-06-03"),
                ],
                note="The articles are almost four months apart: the higher figure comes from the "
                "independent review and may be a revision rather than a disagreement.",
            )
        ],
        agreements=[
            Agreement(
                id="a1",
                about="homes flooded",
                items=[
                    _claim_item(mc, "About 300 homes", 300, "2024-02-12"),
                    _claim_item(nh, "about 300 homes", 300, "2024-02-14"),
                ],
            )
        ],
        summary=build_summary(mc, nh, cd),
    )


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def build_hostile_dossier() -> Dossier:
    """A dossier whose every input-derived string carries markup, to prove it is escaped."""
    text = f'The chair {HOSTILE} said "{HOSTILE} is a quote" and counted 7 | items.\nA second line.'
    article = Article(
        id="feedfacefeedface",
        source="-",
        outlet=f"Outlet {HOSTILE}",
        title=f"Title {HOSTILE}",
        author=HOSTILE,
        url="javascript:alert(1)",
        published="2024-01-05",
        format="plain",
        text=text,
    )
    f = Finder(article)
    quote_text = f"{HOSTILE} is a quote"
    return Dossier(
        title=f"Headline {HOSTILE}",
        articles=[article],
        entities=[
            Entity(
                id="e1",
                name=f"Name {HOSTILE}",
                type="PERSON",
                aliases=[HOSTILE],
                mentions=[Mention(id="m1", **f.fields(f"chair {HOSTILE}"))],  # type: ignore[arg-type]
                roles=[Role(id="r1", role=f"chair {HOSTILE}", org=HOSTILE, **f.fields("chair"))],  # type: ignore[arg-type]
                salience=1.0,
            )
        ],
        quotes=[
            Quote(
                id="q1",
                kind="direct",
                speaker="e1",
                speaker_name=HOSTILE,
                cue=HOSTILE,
                medium=HOSTILE,
                **f.fields(quote_text),
            ),  # type: ignore[arg-type]
            Quote(id="q2", kind="indirect", speaker=None, speaker_text=HOSTILE, **f.fields(HOSTILE)),  # type: ignore[arg-type]
        ],
        numbers=[
            Number(
                id="n1",
                value=7,
                unit=f"| {HOSTILE}",
                about=f"items | {HOSTILE}\nsplit",
                approx=HOSTILE,
                **f.fields("7 | items"),
            ),  # type: ignore[arg-type]
        ],
        events=[Event(id="ev1", date="2024-01-04", precision="day", **f.fields(f"The chair {HOSTILE} said"))],  # type: ignore[arg-type]
        conflicts=[
            Conflict(id="c1", about=HOSTILE, note=HOSTILE, items=[_claim_item(f, "7 | items", 7, HOSTILE)])
        ],
        summary=[SummarySentence(text=f"Summary {HOSTILE}", sources=[f.cite(quote_text)], contested=True)],
    )
