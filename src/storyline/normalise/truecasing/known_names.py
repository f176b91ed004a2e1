"""Names made of common words (``data/casing_phrases.tsv``): organisations, outlets ("told the
times"), parties ("liberal mp") and the House of a legislature."""

from __future__ import annotations

from storyline.normalise.truecasing.lexicon import gazetteer
from storyline.normalise.truecasing.word_lists import REGION_ABBREVIATIONS

# Nouns after a party's adjective that make it the party: "liberal mp", "conservative leader".
_PARTY_NOUNS = {
    "party", "leader", "leaders", "leadership", "mp", "mps", "mla", "mlas", "mpp", "mpps", "caucus",
    "candidate", "candidates", "government", "governments", "minister", "ministers", "cabinet",
    "premier", "campaign", "platform", "backbencher", "backbenchers", "whip", "strategist",
    "strategists", "convention", "nomination", "critic", "critics", "councillor", "councillors",
    "incumbent", "riding", "ridings", "stronghold", "seat", "seats", "voters", "supporters",
    "members", "member", "frontbencher", "frontbench", "peer", "peers", "administration",
    "lawmakers", "senator", "senators", "congressman", "congresswoman", "governor", "presidential",
}  # fmt: skip
# "green" is a colour first: only these make it the party.
_GREEN_PARTY_NOUNS = {
    "party", "leader", "leaders", "leadership", "mp", "mps", "mla", "mlas", "mpp", "caucus",
    "candidate", "candidates", "councillor", "councillors", "member", "members", "critic",
}  # fmt: skip
# Where a party's adjective is the ordinary word even in a political article.
_NOT_PARTY_BEFORE = {
    "democracy", "democracies", "arts", "values", "views", "estimate", "estimates", "approach",
    "order", "elite", "elites", "wing", "media", "bias", "use", "amounts", "side", "market",
    "markets", "force", "forces", "shortage", "shortages", "costs", "cost", "law", "laws", "union",
    "unions", "rights", "day", "dispute", "disputes", "standards", "relations", "movement",
    "ministry", "department", "board", "code", "practices", "productivity", "pool",
    "participation", "mobility", "action", "exploitation", "trafficking", "studies",
}  # fmt: skip
_NOT_PARTY_AFTER = {
    "more", "most", "very", "too", "less", "socially", "fiscally", "so", "politically",
    "relatively", "deeply", "ultra", "child", "forced", "cheap", "skilled", "unskilled", "manual",
    "organized", "organised", "hard", "slave", "migrant", "foreign", "casual", "physical", "small",
}  # fmt: skip
# Words around "the times" that make it a publication: "told the times", "the times reported".
_BEFORE_OUTLET = {"told", "tells", "telling", "informed"}
_BEFORE_OUTLET_PHRASE = {
    "statement", "interview", "emailed", "e-mailed", "mailed", "obtained", "seen", "reviewed",
    "provided", "sent", "spoke", "speaking", "interviewed", "according", "confirmed", "wrote",
    "letter", "comment", "comments", "responded", "response", "leaked", "given", "released",
    "published", "reported", "quoted", "cited", "supplied", "shown", "showed", "shared",
}  # fmt: skip
_AFTER_OUTLET = {
    "reported", "reports", "said", "says", "obtained", "learned", "revealed", "reveals", "wrote",
    "writes", "found", "confirmed", "contacted", "asked", "published", "requested", "first",
    "has", "had", "story", "report", "reporter", "reporters", "investigation", "editorial",
    "newsroom", "article", "analysis", "columnist", "noted", "notes", "added", "cited", "described",
}  # fmt: skip
# After "the house": the legislature ("the house voted"); before it: "house democrats".
_HOUSE_AFTER = {
    "voted", "votes", "vote", "passed", "passes", "approved", "approves", "rejected", "gavels",
    "adjourned", "adjourns", "democrats", "republicans", "speaker", "majority", "minority",
    "leader", "leaders", "committee", "intelligence", "democratic", "republican", "judiciary",
    "oversight", "floor", "resolution", "bill", "version", "leadership", "sits", "sat", "resumes",
    "returns", "rose",
}  # fmt: skip
# Verbs after "the house" in an article about a legislature: "what the house will accept".
_HOUSE_VERBS = {
    "does", "did", "can", "could", "should", "must", "may", "might", "shall", "agreed", "agrees",
    "is", "was", "are", "were", "has", "had", "will", "would",
}  # fmt: skip
# Words that show an article is about a legislature.
_LEGISLATURE_WORDS = {
    "senate", "commons", "congress", "legislature", "parliament", "mps", "mlas", "mpps",
    "lawmakers", "congressman", "congresswoman", "senators", "legislators", "speaker",
}  # fmt: skip
_HOUSE_BEFORE = {"told", "tells", "telling", "addressed", "addressing", "through", "passed"}


def article_parties(tokens: list[str]) -> frozenset[str]:
    """The parties a lowercase article names unmistakably: "liberal mp", "the green party".

    In such an article the party's bare adjective and plural are the party too ("the
    liberals", "a liberal government"); elsewhere they stay ordinary words.
    """
    gaz = gazetteer()
    keys = [t.lower() for t in tokens]
    found: set[str] = set()
    for n, key in enumerate(keys[:-1]):
        party = gaz.party_of.get(key)
        if party is None or keys[n + 1] not in (_GREEN_PARTY_NOUNS if party == "green" else _PARTY_NOUNS):
            continue
        if n == 0 or keys[n - 1] not in _NOT_PARTY_AFTER:
            found.add(party)
    return frozenset(found)


def case_known_names(
    words: list[str], out: list[str], fixed: list[bool], parties: frozenset[str], legislature: bool = False
) -> None:
    """Case the names of data/casing_phrases.tsv: organisations, outlets, parties, style words."""
    gaz = gazetteer()
    keys = [w.lower() for w in words]
    n = 0
    while n < len(words):
        tokens = gaz.match(keys, n)
        if tokens is not None:
            for k, token in enumerate(tokens):
                if token[:1].isupper():
                    out[n + k], fixed[n + k] = token, True
            n += len(tokens)
            continue
        key = keys[n]
        prev = keys[n - 1] if n else ""
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        if key in gaz.style:
            out[n], fixed[n] = gaz.style[key], True
        elif key in gaz.outlets and prev == "the" and _reporting_context(keys, n):
            out[n], fixed[n] = key.capitalize(), True
        elif key in gaz.party_forms and _is_party(key, prev, nxt, parties):
            out[n], fixed[n] = gaz.party_forms[key], True
        elif key == "house" and _is_legislature(keys, n, legislature):
            out[n], fixed[n] = "House", True
        elif (
            key in REGION_ABBREVIATIONS
            and prev == ","
            and nxt in (".", ",")
            and n >= 2
            and out[n - 2][:1].isupper()
        ):
            out[n], fixed[n] = key.capitalize(), True  # "Oakville, Ont."
        n += 1


def _is_legislature(keys: list[str], n: int, legislature: bool = False) -> bool:
    """Whether "house" at n is the House: "the house voted", "house democrats", "told the house",
    "the house" in a sentence that names the other chamber ("the house and the senate"), or
    "the house" before a verb or a clause's end in an article about a legislature ("what the
    house will accept", "the mood of the house.")."""
    prev = keys[n - 1] if n else ""
    nxt = keys[n + 1] if n + 1 < len(keys) else ""
    if nxt in _HOUSE_AFTER:
        return True
    if prev != "the":
        return False
    if (n >= 2 and keys[n - 2] in _HOUSE_BEFORE) or "senate" in keys or "commons" in keys:
        return True
    return legislature and (nxt in (".", ",") or nxt in _HOUSE_VERBS)


# How often an article must name a legislature or its members to be about one.
# Set by hand on the dev data / invented examples; not tuned.
MIN_LEGISLATURE_MENTIONS = 2


def article_legislature(tokens: list[str]) -> bool:
    """Whether a lowercase article is about a legislature: it names one ("house of commons",
    "the senate", "congress") or its members ("mps", "house democrats") twice or more."""
    keys = [t.lower() for t in tokens]
    found = 0
    for n, key in enumerate(keys):
        nxt = keys[n + 1] if n + 1 < len(keys) else ""
        if key in _LEGISLATURE_WORDS or (key == "house" and (nxt in _HOUSE_AFTER or nxt == "of")):
            found += 1
    return found >= MIN_LEGISLATURE_MENTIONS


def _reporting_context(keys: list[str], n: int) -> bool:
    """Whether "the times" at n is the paper: a reporting verb after it, or "told the" before it."""
    nxt = keys[n + 1] if n + 1 < len(keys) else ""
    before = keys[max(0, n - 4) : n - 1]
    return (
        nxt in _AFTER_OUTLET
        or (n >= 2 and keys[n - 2] in _BEFORE_OUTLET)
        or bool(_BEFORE_OUTLET_PHRASE & set(before))
    )


def _is_party(key: str, prev: str, nxt: str, parties: frozenset[str]) -> bool:
    party = gazetteer().party_of[key]
    if prev in _NOT_PARTY_AFTER or nxt in _NOT_PARTY_BEFORE:
        return False
    if nxt in (_GREEN_PARTY_NOUNS if party == "green" else _PARTY_NOUNS):
        return True
    plural = key != party
    # A bare "green" stays a colour; a bare plural or adjective is the party in a party story.
    return party in parties and (plural or party != "green")
