"""Word lists of the quote extractor: reporting verbs, titles, gendered nouns, media nouns and the
dependency labels that bound a reporting clause.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs (lemmas). Speech and writing verbs that introduce a quote or a reported clause.
CUE_LEMMAS = _words(
    """say tell add state argue claim explain note warn confirm announce suggest acknowledge
    concede insist admit allege predict stress write report tweet post maintain indicate believe
    recall reply respond comment complain declare emphasise emphasize assert contend observe
    accuse describe urge ask promise vow deny reveal caution joke quip remark recount conclude
    agree read testify shout chant counter estimate speculate pledge propose recommend demand
    repeat learn mention elaborate lament muse boast concur reiterate stipulate announce inform
    whisper scream yell cry exclaim plead reason wonder acknowledge advise charge continue
    blast slam praise criticise criticize question call"""
)


# Verbs too general to report speech unless they govern a quotation directly.
WEAK_LEMMAS = frozenset(
    {"read", "continue", "learn", "believe", "question", "cry", "wonder", "charge", "ask", "urge", "call"}
)


TITLES = _words(
    """mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lady lord cllr
    councillor rev rev. revd hon hon. sen. sen rep. rep gov. gov president minister premier
    chancellor mayor judge justice chief inspector sergeant sgt det constable captain capt
    general gen. colonel col. major"""
)


MALE = _words(
    "mr mr. sir lord he him his himself spokesman chairman king prince father son "
    "brother husband man boy businessman congressman councilman"
)


FEMALE = _words(
    "mrs mrs. ms ms. miss dame lady she her hers herself spokeswoman chairwoman queen "
    "princess mother daughter sister wife woman girl businesswoman congresswoman"
)


PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}


MEDIA_NOUNS = _words(
    """letter statement interview email e-mail post tweet release memo video speech podcast blog
    op-ed column message broadcast briefing conference radio television tv programme program
    show media facebook twitter instagram tiktok youtube linkedin x documentary book report
    newsletter article essay op-ed editorial affidavit filing submission address"""
)


SPEAKER_KEEP = frozenset(
    {"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod", "flat", "cc", "conj", "case"}
)


CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl"})


# Words that may stand between a cue and its quote without being reported content ("told X:").
CUE_DEPENDENTS = _words(
    "dobj dative prep pobj npadvmod advmod nsubj agent det compound amod poss case nummod appos "
    "punct cc conj acomp oprd attr"
)


BETWEEN_AFTER_OK = frozenset({"advmod", "aux", "neg", "npadvmod", "auxpass"})


SENTENCE_END = re.compile(r"[.!?]\s")
