"""Resolve: one entity per real person or body across the story, and who each quote is by.

Per-article entities (``LocalEntity``) are merged across articles (``resolve_entities``, in
``entities``; the module that does each step is named in brackets):

- a person by full name (first + last word, titles dropped); a one-word name ("Desai",
  "Sir Keir") joins the one full name in the story it can belong to (``people``);
- an organisation or place by a normalised key ("the Labour party" = "Labour"), and by
  abbreviation ("Lib Dems" = "Liberal Democrats": each word a prefix of the other's)
  (``bodies``);
- a one-word name's type is settled by a vote across the story, so the article where the
  small model called "Luton" a person is outvoted by the ones that call it a place; a surname
  of a person named in full ("Trump" of "Donald Trump") stays a person wherever it is tagged
  ORG or GPE, and a longer name the story mostly tags as a place ("Ashby Cross") is one
  (``entities``);
- a country with its other names, demonyms, capital and seat of government ("the U.S.",
  "Americans", "Washington", "the White House": metonymy; ``data/countries.txt``), and "the
  North" with the one country of the story it starts (``countries``);
- names spelled with and without a hyphen ("Kim Jong Un", "Kim Jong-un") or cut at one
  ("Moon Jae" of "Moon Jae-in") (``people``);
- groups of people named by a common noun ("the migrants", "the caravan") by head noun, kept
  only when two articles write about them as a known participant; a collective and the people
  the story says it is made of ("the migrant caravan", "a caravan of … migrants") are one
  (``groups``);
- a bare surname the tagger missed is added where it stands alone in the story's text
  (``bare_names``);
- a person's role phrase ("Japanese Prime Minister" before the name, an appositive) is a
  mention of them (``roles``);
- a country's government and agents join the country: "the U.S. government", "American
  officials", "the Trump administration" (the country its head leads, where the story's roles
  say which), "his administration", "the administration", and "the country" for the country
  named just before (``countries.add_governments``).

Candidates are blocked by key (a dict lookup, or a sorted run of prefixes for abbreviations),
and per-word answers are computed once per word, so cost grows with the number of mentions,
not with its square. Quotes are then linked to the entity whose mention covers the quote's
speaker span, or whose name matches the speaker's resolved name (``quotes``).

The pipeline's later steps live here too: ``link_role_mentions`` ("the Labour leader" as a
mention of the one person whose role says so; ``roles``), ``merge_events`` (``events``) and
``rank_entities`` (``salience``), the quote ledger (``build_ledger``: one row per distinct
quote, with each outlet's wording; ``ledger``), links between events (``link_events``: a change
of position as two linked events; ``event_links``), role dating (``role_dates``) and entity
numbering in salience order (``numbering``).
"""

from storyline.resolve.entities import resolve_entities
from storyline.resolve.event_links import link_events
from storyline.resolve.events import merge_events
from storyline.resolve.ledger import build_ledger
from storyline.resolve.numbering import number_entities, renumber
from storyline.resolve.quotes import attribute_quotes
from storyline.resolve.role_dates import date_role_changes
from storyline.resolve.roles import link_role_mentions
from storyline.resolve.salience import rank_entities

__all__ = [
    "attribute_quotes",
    "build_ledger",
    "date_role_changes",
    "link_events",
    "link_role_mentions",
    "merge_events",
    "number_entities",
    "rank_entities",
    "renumber",
    "resolve_entities",
]
