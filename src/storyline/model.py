"""The dossier: the one data model every stage reads and writes.

Every extracted item is a *view* into one article's normalised text, the way a spaCy
``Span`` is a view into its ``Doc``: it carries the article id and the character offsets
``start``/``end`` (end exclusive) and the ``text`` that ``article.text[start:end]`` gives.
``Dossier.check_spans`` verifies that for every item, and the pipeline drops (with a coded
warning) anything that cannot be aligned rather than shifting it.

The JSON Schema in ``schema/dossier.schema.json`` is generated from these classes
(``python -m storyline.model``); it is never written by hand.
"""

from __future__ import annotations

import json
import sys
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "storyline.dossier/1"

EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "OTHER"]
QuoteKind = Literal["direct", "partial", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century", "time"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Cite(_Model):
    """A character span of one article's normalised text."""

    article: str = Field(description="Article id.")
    start: int = Field(ge=0, description="Start offset into the article's normalised text.")
    end: int = Field(ge=0, description="End offset (exclusive).")
    text: str = Field(description="article.text[start:end]")

    @classmethod
    def from_span(cls, article: str, text: str, start: int, end: int) -> Cite:
        """The cite of ``text[start:end]``, where ``text`` is the article's normalised text.

        Slicing here, not at each call site, is what keeps ``cite.text`` equal to the span.
        """
        return cls(article=article, start=start, end=end, text=text[start:end])

    @classmethod
    def of(cls, item: Cite) -> Cite:
        """The plain cite of an item's span (a quote, a number, an event …)."""
        return cls(article=item.article, start=item.start, end=item.end, text=item.text)


class Item(Cite):
    """An extracted item: a cite with an id of its own."""

    id: str


class Article(_Model):
    id: str = Field(description="Stable content hash of the normalised text (16 hex digits).")
    source: str = Field(description="Path or URL the article came from ('-' for stdin).")
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) or null.")
    published_inferred: bool = False
    published_reason: str | None = Field(
        default=None, description="Why this publication date: metadata, flag, or the inference."
    )
    format: str = Field(description="plain | html | tokenized-lowercase | jsonl | csv")
    language: str = "en"
    text: str = Field(description="Normalised text; every offset in the dossier points into it.")
    offset_map: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Anchors (normalised offset, raw offset), ascending: a normalised offset maps "
        "back to raw as raw = r + (n - a) for the last anchor (a, r) with a <= n.",
    )


class Mention(Item):
    kind: Literal["name", "title", "role", "pronoun"] = "name"


class Role(Item):
    role: str
    org: str | None = None
    date: str | None = Field(default=None, description="ISO date from which the role holds, if stated.")


class Entity(_Model):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list, description="Outlets (or article ids) that mention it.")
    article_count: int = 0
    quote_count: int = 0
    salience: float = 0.0


class Quote(Item):
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Entity id of the speaker.")
    speakers: list[str] = Field(
        default_factory=list, description="Entity ids of every speaker of a joint statement (speaker first)."
    )
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = Field(
        default=None, description="Best name for the speaker (resolved pronoun or role noun)."
    )
    cue: str | None = Field(default=None, description="The reporting verb, e.g. 'said'.")
    cue_start: int | None = None
    cue_end: int | None = None
    medium: str | None = Field(default=None, description="e.g. 'in a letter', 'told BBC Politics East'.")


class Number(Item):
    value: float
    value_max: float | None = Field(default=None, description="Upper end of a range.")
    unit: str | None = Field(default=None, description="'%', 'GBP', 'people', …")
    approx: str | None = Field(default=None, description="about / more than / at least / up to / …")
    about: str | None = Field(default=None, description="What is counted.")
    key: str | None = Field(default=None, description="Normalised claim key used to align numbers.")
    date: str | None = Field(default=None, description="TIMEX3 value of a date in its sentence.")
    source: str | None = Field(
        default=None, description="Who the figure is attributed to ('Gaza's Hamas-run health ministry')."
    )
    sentence: Cite | None = None


class TimeExpression(Item):
    type: TimexType
    value: str = Field(description="TIMEX3 value, e.g. 2023-10-07, 2024-02, P1W, PAST_REF.")
    precision: Precision | None = None


class Event(Item):
    """A dated happening: the span is the clause that says what happened."""

    date: str = Field(description="ISO date, as precise as the text allows (2023-10-07, 2024-02).")
    precision: Precision
    timex: Cite | None = Field(default=None, description="The time expression that dates it.")
    actors: list[str] = Field(default_factory=list, description="Entity ids.")
    sources: list[Cite] = Field(default_factory=list, description="Other articles reporting it.")
    after: list[str] = Field(
        default_factory=list, description="Ids of events the text puts first ('after', 'following')."
    )
    changes: str | None = Field(
        default=None, description="Id of an earlier event whose position this one changes or reverses."
    )


class Claim(Item):
    """A statement normalised enough to align across outlets: who/what, predicate, value, time, source.

    The span is the clause that states it; ``number`` links the figure it carries, if any.
    """

    subject: str | None = Field(default=None, description="Who or what the claim is about.")
    predicate: str = Field(description="Normalised predicate, e.g. 'killed', 'has right to defend'.")
    value: float | None = None
    number: str | None = Field(default=None, description="Number id.")
    date: str | None = None
    source: str | None = Field(default=None, description="Who the claim is attributed to, if anyone.")
    key: str = Field(description="Alignment key: claims with equal keys are about the same thing.")
    support: list[str] = Field(default_factory=list, description="Article ids that carry the claim.")


class ConflictItem(Cite):
    value: float | None = None
    outlet: str | None = None
    published: str | None = None


class Conflict(_Model):
    id: str
    about: str
    kind: Literal["number", "text"] = "number"
    items: list[ConflictItem]
    note: str | None = Field(default=None, description="e.g. that the articles are months apart.")


class Agreement(_Model):
    id: str
    about: str
    kind: Literal["number", "text"] = "number"
    items: list[ConflictItem]


class LedgerVersion(Cite):
    """One outlet's version of a statement."""

    quote: str = Field(description="Quote id.")
    outlet: str | None = None
    differences: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Spans (offsets into the article text) of wording this version does not share "
        "with the entry's first version.",
    )


class LedgerEntry(_Model):
    """One statement, and every outlet that carries it, verbatim or paraphrased."""

    id: str
    speaker: str | None = Field(default=None, description="Entity id.")
    speaker_name: str | None = None
    versions: list[LedgerVersion]
    verbatim: bool = Field(description="True when every version has the same wording.")
    missing_from: list[str] = Field(
        default_factory=list, description="Article ids that quote the speaker but not this statement."
    )


class SummarySentence(_Model):
    text: str
    sources: list[Cite]
    contested: bool = False


class Skipped(_Model):
    """An input that was reported and left out: the batch goes on without it."""

    source: str
    code: str
    reason: str


class Dossier(_Model):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    generator: str = "storyline"
    title: str | None = Field(default=None, description="The most central headline.")
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    ledger: list[LedgerEntry] = Field(default_factory=list)
    numbers: list[Number] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    timexes: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def iter_cites(self) -> list[Cite]:
        """Every span the dossier holds, for checking and highlighting."""
        cites: list[Cite] = []
        for entity in self.entities:
            cites.extend(entity.mentions)
            cites.extend(entity.roles)
        for group in (self.quotes, self.numbers, self.claims, self.timexes, self.events):
            cites.extend(group)
        for number in self.numbers:
            if number.sentence:
                cites.append(number.sentence)
        for event in self.events:
            cites.extend(event.sources)
            if event.timex:
                cites.append(event.timex)
        for conflict in self.conflicts:
            cites.extend(conflict.items)
        for agreement in self.agreements:
            cites.extend(agreement.items)
        for sentence in self.summary:
            cites.extend(sentence.sources)
        for entry in self.ledger:
            cites.extend(entry.versions)
        return cites

    def check_spans(self) -> list[str]:
        """Return a message for every cite whose text is not article.text[start:end]."""
        texts = {a.id: a.text for a in self.articles}
        problems = []
        for cite in self.iter_cites():
            text = texts.get(cite.article)
            if text is None:
                problems.append(f"cite points to unknown article {cite.article}")
            elif text[cite.start : cite.end] != cite.text:
                problems.append(f"{cite.article}[{cite.start}:{cite.end}] != {cite.text!r}")
        return problems

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Dossier:
        return cls.model_validate_json(data)


def json_schema() -> dict[str, object]:
    schema = Dossier.model_json_schema(by_alias=True)
    schema["$id"] = "https://storyline.invalid/schema/dossier-1.json"
    schema["title"] = SCHEMA_ID
    return schema


if __name__ == "__main__":  # python -m storyline.model > schema/dossier.schema.json
    json.dump(json_schema(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


class RawArticle(_Model):
    """What ingest hands to normalise: one article's text before cleaning, with its metadata.

    Not part of the dossier JSON. For HTML, ``text`` is the main text trafilatura extracted
    (the page furniture is gone); the normalised text's offset map points back into it.
    """

    source: str
    text: str
    format: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_reason: str | None = None


class LocalEntity(_Model):
    """One article's mentions of one entity, as extract hands them to resolve (not in the JSON)."""

    article: str
    name: str
    type: EntityType
    mentions: list[Mention] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    gender: Literal["f", "m"] | None = Field(
        default=None, description="What the article's titles and appositions say, if anything."
    )


class ArticleAnalysis(_Model):
    """Everything extract found in one article, before resolve (not in the dossier JSON).

    This is the unit a store keeps per article: a story's dossier is re-assembled from its
    articles' analyses without parsing them again.
    """

    article: str
    entities: list[LocalEntity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    numbers: list[Number] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    timexes: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
