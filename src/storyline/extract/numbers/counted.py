"""What a number counts, read from the syntax: the noun it modifies with its modifiers and the verb
that noun belongs to ('people killed'), and the normalised key that aligns it across outlets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.numbers.spans import bare_word
from storyline.extract.numbers.values import CURRENCIES, SCALE_WORDS, WORD_VALUES
from storyline.vocabulary import VAGUE_QUANTITIES

# Tuning constants; set by hand on the dev data / invented examples; not tuned.
# How many steps up the dependency tree the search for the governing verb may climb.
MAX_VERB_STEPS = 3

# Killing verbs, and words for people, are folded so that outlets' phrasings align.
_VERB_CLASSES = {
    "kill": "killed",
    "massacre": "killed",
    "murder": "killed",
    "die": "killed",
    "slaughter": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "take": "taken",
    "seize": "taken",
    "kidnap": "taken",
    "abduct": "taken",
    "hold": "held",
    "displace": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
}


_PEOPLE = {
    "people",
    "person",
    "civilian",
    "israelis",
    "israeli",
    "palestinians",
    "palestinian",
    "resident",
    "victim",
    "child",
    "adult",
    "man",
    "woman",
    "soldier",
    "citizen",
    "individual",
}


_DEAD = {"dead", "death", "fatality", "casualty", "toll"}


def what_is_counted(doc: Doc, span: Span, unit: str | None) -> tuple[str | None, str | None]:
    """A readable 'about' and a normalised key from the noun and verb the number belongs to."""
    noun = _counted_noun(span)
    if noun is None or noun.lower_ in ("cent", "%", "percent"):
        return None, None
    noun_text = _noun_with_modifiers(noun)
    verb = _governing_verb(noun)
    about = noun_text
    if verb is not None:
        about = f"{noun_text} {_verb_phrase(verb, noun)}{_complement(verb, noun)}"
    lemma = noun.lemma_.lower()
    noun_key = "people" if lemma in _PEOPLE else lemma
    # Only event verbs (killed, injured, taken…) split a noun's figures: "homes protected" and
    # "homes at risk" are one quantity, "people killed" and "people injured" are two.
    verb_key = _VERB_CLASSES.get(verb.lemma_.lower(), "") if verb is not None else ""
    if lemma in _DEAD:
        noun_key, verb_key = "people", "killed"
    if unit == "%":
        return about, f"% {noun_text.lower()}"
    if unit is not None:
        return about, f"{unit} {noun_key}"
    return about, f"{noun_key} {verb_key}".strip()


def _counted_noun(span: Span) -> Token | None:
    root = span.root
    if bare_word(root) in SCALE_WORDS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        return root.head  # "£12m scheme": the scheme, not the "m"
    if bare_word(root) in SCALE_WORDS or root.text in CURRENCIES:
        return None
    if root.pos_ in ("NOUN", "PROPN") and root.lower_ not in WORD_VALUES and not root.like_num:
        # "tens of thousands" / "27 per cent": the counted noun hangs off "of" after the span.
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if root.lower_ not in ("%", "cent") and root.lower_ not in VAGUE_QUANTITIES:
            return root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if head.lower_ == "of":
        objects = [c for c in head.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    for child in root.rights:  # "27 per cent of Labour voters"
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
        return root  # the number stands for the thing: "more than 200 were taken"
    return None


def _noun_with_modifiers(noun: Token) -> str:
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and not t.like_num]
    return " ".join([*(t.text for t in words), noun.text])


# Past tense -> past participle for the irregular verbs news figures hang from; a regular
# verb's past tense is its participle already ("killed", "injured").
_PARTICIPLES = {
    "took": "taken",
    "gave": "given",
    "stole": "stolen",
    "drove": "driven",
    "threw": "thrown",
    "grew": "grown",
    "drew": "drawn",
    "wrote": "written",
    "broke": "broken",
    "chose": "chosen",
    "ate": "eaten",
    "saw": "seen",
    "did": "done",
    "shook": "shaken",
    "slew": "slain",
    "began": "begun",
    "rose": "risen",
    "fell": "fallen",
    "froze": "frozen",
    "hid": "hidden",
}


def _verb_phrase(verb: Token, noun: Token) -> str:
    """The verb as it reads after its object, with its particle: "hostages taken" (not
    "hostages took"), "adults carried out" (not "adults carried")."""
    word = verb.text
    if noun.dep_ == "dobj" and noun.head.i == verb.i and verb.tag_ == "VBD":
        word = _PARTICIPLES.get(verb.lower_, word)
    particles = [t.text for t in verb.rights if t.dep_ == "prt"]
    return " ".join([word, *particles])


def _complement(verb: Token, noun: Token) -> str:
    """The verb's first place or object phrase, so 'about' says which people: "killed in Israel",
    "sympathise with Palestinians". Times are left out: the number's date holds them."""
    for child in verb.rights:
        if (
            noun.is_ancestor(child)
            or child.is_ancestor(noun)
            or child.i == noun.i
            or child.ent_type_ in ("DATE", "TIME")
        ):
            continue
        if child.dep_ == "prep" and child.lower_ not in ("on", "since", "after", "before", "during", "until"):
            objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
            if objects:
                return f" {child.text} {_noun_with_modifiers(objects[0])}"
        if child.dep_ == "dobj" and not child.like_num:
            return f" {_noun_with_modifiers(child)}"
    return ""


def _governing_verb(noun: Token) -> Token | None:
    """The verb the counted noun is subject or object of ('killed' in 'killed 1,200 people')."""
    token = noun
    for _ in range(MAX_VERB_STEPS):
        head = token.head
        if head.pos_ in ("VERB", "AUX") and head.i != token.i:
            return head
        if head.i == token.i:
            break
        if token.dep_ == "relcl":
            break
        token = head
    for child in noun.children:  # "people killed": a participle after the noun
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return child
    return None
