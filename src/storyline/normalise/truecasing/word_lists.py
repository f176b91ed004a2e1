"""Word lists the truecasing rules share: function words, titles, abbreviations, name clues."""

from __future__ import annotations

from storyline.vocabulary import HONORIFICS, MONTH_ABBREVIATIONS, OFFICE_TITLES

ENGLISH_FUNCTION_WORDS = (
    "the of and to in a is that for on it with as was he she said by at from his her be "
    "are have has had not but this which they were an or who will their its been would"
)
QUOTES = {'"', "“", "”"}
TITLES = HONORIFICS | OFFICE_TITLES
# Offices that news style capitalises only before a name: "President Moon", "the president".
NAME_TITLES = OFFICE_TITLES | {
    "mayor", "minister", "secretary", "director", "chief", "governor", "senator", "chancellor",
    "chairman", "chairwoman", "commissioner", "ambassador", "premier", "sheriff",
}  # fmt: skip
# Months that are also common words, and the words that show they are months.
AMBIGUOUS_MONTHS = {"may", "march"}
BEFORE_MONTH = {"in", "from", "since", "until", "till", "early", "late", "mid", "last", "next", "of"}
# Abbreviations written with a full stop that does not end the sentence.
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st"}
    | {"rev", "vs", "no"}
    | MONTH_ABBREVIATIONS
)
# Second halves of place names ("Greenwood", "Blackburn"): such a compound stays a name.
PLACE_ENDINGS = (
    "wood", "burn", "field", "ford", "dale", "well", "bridge", "worth", "ham", "ton", "stone",
    "land", "hill", "brook", "water", "berg", "ville", "mouth", "port", "gate", "castle", "ley",
    "by", "bury", "church", "shire", "side", "view", "park",
)  # fmt: skip
LOWER_SUFFIXES = (
    "ised", "ising", "isation", "isations", "ise", "our", "ours", "ing", "ed", "ly", "ment",
    "ments", "tion", "tions", "ness", "ful", "ous", "ive", "able", "ible", "list", "lists", "gist",
    "gists", "tist", "tists", "nist", "nists",
)  # fmt: skip
STOP = set(ENGLISH_FUNCTION_WORDS.split()) | {
    "i", "me", "my", "we", "us", "our", "you", "your", "him", "them", "there", "here", "what",
    "when", "where", "why", "how", "all", "any", "so", "if", "then", "than", "just", "also",
    "only", "over", "up",
}  # fmt: skip
# State and province abbreviations written after a place name: "Oakville, Ont.", "Kissimmee, Fla."
REGION_ABBREVIATIONS = {
    "ont", "que", "alta", "sask", "man", "nfld", "ala", "ariz", "ark", "calif", "colo", "conn",
    "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "vt", "va", "wash", "wis", "wyo",
}  # fmt: skip
# Words a census surname list holds that follow a first name as something else: "Jeff said".
NOT_SURNAMES = {"said", "says", "told", "tells", "added", "asked", "wrote", "has", "will", "also", "is"}
# A word after these is a common noun, even where the article uses it as a name: "the woods".
DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "some", "any", "no", "every", "each",
}  # fmt: skip
# Function words inside a name that its acronym skips: "Federation of Prairie Growers".
ACRONYM_GLUE = {"of", "and", "for", "the", "on", "&", "de", "du", "des", "la"}
# Verbs that attribute a quote: after '," Name' they are never part of the name.
REPORTING_VERBS = {
    "states", "stated", "says", "writes", "wrote", "notes", "noted", "concludes", "concluded",
    "adds", "added", "argues", "argued", "explains", "explained", "insists", "insisted",
}  # fmt: skip
# Verbs that follow a name as their subject: "woods said", "green has".
AFTER_SUBJECT_NAME = {
    "said", "says", "told", "tells", "added", "adds", "explained", "wrote", "recalled", "noted",
    "quipped", "admitted", "insisted", "is", "was", "has", "had", "will", "would", "won", "wins",
    "can", "could", "did", "does", "knows", "himself", "herself", "needs", "thrives",
}  # fmt: skip
# What follows the apostrophe of a contraction, not a possessive: "don ' t", "we ' re".
CONTRACTIONS = {"t", "re", "ve", "ll", "d", "m"}
# Words before a common noun that a name does not follow: "in green", "dark brown".
NOT_NAME_BEFORE = {"in", "into", "dark", "light", "bright", "pale", "more", "very"}
