"""Names of bodies, events and companies made of common words: "Saskatoon Police Service",
"the National Energy Board", "Tallwood Research & Consulting Inc."."""

from __future__ import annotations

from storyline.normalise.truecasing.word_lists import AFTER_SUBJECT_NAME, STOP

# Kinds of body that end an organisation's name: "Saskatoon Police Service", "Surrey City Council".
_BODY_HEADS = {
    "service", "services", "authority", "association", "institute", "council", "commission",
    "committee", "board", "agency", "foundation", "society", "federation", "centre", "center",
    "court",
    "museum", "league", "network", "coalition", "alliance", "corporation", "bureau", "tribunal",
    "university", "college", "hospital", "diocese", "guild", "fund", "academy",
}  # fmt: skip
# Kinds of event that end a name: "Sony Open", "Ryder Cup", "BMW Championship".
_EVENT_HEADS = {"cup", "open", "championship", "championships", "invitational", "classic", "tournament"}
# Words that start a verb's object: "open" there is a verb ("Canada open to talks").
_OBJECT_STARTS = {"to", "up", "the", "a", "an", "his", "her", "their", "its", "our", "fire", "it", "for"}

# The most words of a public body's name read after "the" or after "office of".
# Set by hand on the dev data / invented examples; not tuned.
MAX_BODY_NAME_WORDS = 5
# The most words before a legal form taken as the company's name ("Tallwood Research &
# Consulting Inc."). Set by hand on the dev data / invented examples; not tuned.
MAX_COMPANY_NAME_WORDS = 3


def case_body_names(out: list[str], fixed: list[bool]) -> None:
    """A name, common words and the kind of body or event it is: "Saskatoon Police Service".

    A body needs one or two words between ("a Toronto hospital" is left to the word rules);
    an event may follow the name at once ("Sony Open", "Ryder Cup"), unless a verb's object
    follows ("Canada open to talks").
    """
    for n, word in enumerate(out):
        acronym = 2 <= len(word) <= 5 and word.isalpha() and word.isupper()  # "QE II Health Sciences Centre"
        if not ((word[:1].isupper() and word[1:].islower()) or acronym) or word.lower() in STOP:
            continue
        if n and out[n - 1].lower() in ("a", "an"):
            continue  # "a Toronto high school": a kind, not a name
        for width in (1, 2, 3):
            run = out[n + 1 : n + 1 + width]
            if len(run) < width or not all(_may_be_in_body_name(w) for w in run):
                break  # "Okafor told court": a verb is no part of a name
            after = out[n + 1 + width].lower() if n + 1 + width < len(out) else ""
            head = run[-1].lower()
            body = width > 1 and (
                head in _BODY_HEADS
                or run == ["first", "nation"]
                or [w.lower() for w in run[-2:]] == ["high", "school"]
            )  # "White Bear First Nation", "Dunmore Catholic High School"
            event = head in _EVENT_HEADS and not word.endswith("s") and after not in _OBJECT_STARTS
            if body or event:
                for k in range(n + 1, n + 1 + width):
                    if not fixed[k]:
                        out[k] = out[k][:1].upper() + out[k][1:]
                break
    _case_bodies_of_places(out, fixed)
    _case_official_bodies(out, fixed)
    _case_company_names(out, fixed)


# Adjectives that open the name of a public body: "the national energy board".
# Not "federal" or "state": "a federal agency", "the state news agency" are kinds of body.
_OFFICIAL_ADJECTIVES = {"national", "central", "supreme", "international", "royal", "independent"}
# Bodies named "X of/for …": "Office of Refugee Resettlement", "Center for Strategic and
# International Studies"; the first four take a one-word name ("Department of Education").
# A "centre of" is most often a place: "the centre of town".
_OF_BODIES = {
    "office": ("of", "for"), "department": ("of", "for"), "ministry": ("of", "for"),
    "bureau": ("of", "for"), "council": ("of", "for"), "centre": ("for",), "center": ("for",),
    "institute": ("for",),
}  # fmt: skip
_OF_BODIES_ONE_WORD = {"office", "department", "ministry", "bureau"}
# Words that end a name's run of common words: verbs after the name ("… said", "… approves").
_NOT_IN_NAME = {
    "said", "says", "told", "is", "was", "has", "had", "will", "would", "who", "which", "met",
    "made", "took", "gave", "got", "went", "came", "saw", "won", "lost", "left", "put", "set",
    "ran", "held", "found", "kept", "sent", "paid", "sold", "spent", "brought", "thought", "began",
    "became", "wrote", "spoke", "led", "fell", "felt", "heard", "knew", "stood", "let", "cut",
    "hit", "struck", "threw", "chose", "sought", "built", "meant", "rose",
}  # fmt: skip


def _may_be_in_body_name(word: str) -> bool:
    """A word, not a function word or a verb that follows a name ("said", "met")."""
    key = word.lower()
    return word.isalpha() and key not in STOP and key not in _NOT_IN_NAME and key not in AFTER_SUBJECT_NAME


def _is_name_word(word: str) -> bool:
    """A word of a body's name after its head: no "-ed", "-ing" or "-ly" word ("… resettlement
    announced", "… studies recently")."""
    return _may_be_in_body_name(word) and not word.lower().endswith(("ed", "ing", "ly"))


def _case_official_bodies(out: list[str], fixed: list[bool]) -> None:
    """Public bodies named with common words, after "the" or a possessive:
    "the national energy board", "South Korea's national intelligence service",
    "the office of refugee resettlement"."""
    for n in range(1, len(out)):
        before = out[n - 1].lower()
        if before != "the" and not (before == "'s" or (before == "s" and n >= 2 and out[n - 2] == "'")):
            continue
        run = _name_run(out, n, MAX_BODY_NAME_WORDS)
        heads = [k for k in range(len(run)) if run[k].lower() in _BODY_HEADS]
        if len(run) >= 2 and heads and run[0].lower() in _OFFICIAL_ADJECTIVES:
            _capitalise(out, fixed, n, n + heads[-1] + 1)  # "the National Energy Board"
        elif run[:1] and n + 1 < len(out) and out[n + 1] in _OF_BODIES.get(run[0].lower(), ()):
            name = _name_run(out, n + 2, MAX_BODY_NAME_WORDS, glue=("and", "&"))
            if len(name) >= 2 or (name and run[0].lower() in _OF_BODIES_ONE_WORD):
                _capitalise(out, fixed, n, n + 2 + len(name))


# A company's legal form ends its name: "Tallwood Research & Consulting Inc.", "Hartwell LLP".
_LEGAL_FORMS = {
    "inc": "Inc", "co": "Co", "corp": "Corp", "ltd": "Ltd", "llp": "LLP", "llc": "LLC", "plc": "PLC",
}  # fmt: skip
LEGAL_FORM_ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd"})  # written with a full stop
# Nouns for a kind of company, which come before its name, not in it: "advisory firm …".
_COMPANY_KINDS = {
    "firm", "company", "companies", "group", "maker", "giant", "retailer", "startup", "chain",
    "developer", "brewer", "insurer", "lender", "carrier", "subsidiary", "owner", "partner",
}  # fmt: skip


def _case_company_names(out: list[str], fixed: list[bool]) -> None:
    """Up to three words before a legal form, and the form: "tallwood research & consulting
    inc ." -> "Tallwood Research & Consulting Inc."; "co" only before its full stop."""
    for n, word in enumerate(out):
        key = word.lower()
        nxt = out[n + 1] if n + 1 < len(out) else ""
        if key not in _LEGAL_FORMS or (key in LEGAL_FORM_ABBREVIATIONS and nxt != "."):
            continue
        start, words = n, 0
        while start > 0 and words < MAX_COMPANY_NAME_WORDS:
            prev = out[start - 1]
            if prev.lower() in ("&", "and") and words and start > 1 and _is_company_word(out[start - 2]):
                start -= 1
            elif _is_company_word(prev):
                start, words = start - 1, words + 1
                if prev[:1].isupper():
                    break  # the name's first word is already known: "Harwick Communications Inc."
            else:
                break
        if words:
            _capitalise(out, fixed, start, n)
            if not fixed[n]:
                out[n] = _LEGAL_FORMS[key]


def _is_company_word(word: str) -> bool:
    """A word that may stand in a company's name: "Brewing", "Consulting", not "firm" or "said"."""
    return _may_be_in_body_name(word) and word.lower() not in _COMPANY_KINDS and not word.endswith("ly")


def _name_run(out: list[str], start: int, most: int, glue: tuple[str, ...] = ()) -> list[str]:
    """The words from ``start`` that could be part of a name, function words in ``glue``
    allowed between two of them ("Strategic and International Studies")."""
    run: list[str] = []
    k = start
    while k < len(out) and len(run) < most:
        glued = out[k].lower() in glue and bool(run) and k + 1 < len(out) and _is_name_word(out[k + 1])
        if not (_is_name_word(out[k]) or glued):
            break
        run.append(out[k])
        k += 1
    return run


def _capitalise(out: list[str], fixed: list[bool], start: int, end: int) -> None:
    """Capitalise the words of a name, its function words aside ("Office of Refugee Resettlement")."""
    for k in range(start, end):
        if not fixed[k] and out[k].lower() not in STOP and out[k] not in ("&",):
            out[k] = out[k][:1].upper() + out[k][1:]


def _case_bodies_of_places(out: list[str], fixed: list[bool]) -> None:
    """Two or three common words ending in a kind of body, then "of" and a name:
    "Wildlife Rescue Services of Manitoba"."""
    for n in range(2, len(out) - 1):
        nxt = out[n + 1]
        if not (
            out[n] == "of"
            and nxt[:1].isupper()
            and nxt.lower() not in STOP
            and out[n - 1].lower() in _BODY_HEADS
        ):
            continue
        for width in (3, 2):
            start = n - width
            run = out[start:n]
            before = out[start - 1].lower() if start else ""
            if start < 0 or not all(w.isalpha() and w.islower() and w not in STOP for w in run):
                continue
            if before[:1].isalpha() and before not in STOP:
                continue  # part of a longer phrase
            for k in range(start, n):
                if not fixed[k]:
                    out[k] = out[k].capitalize()
            break
