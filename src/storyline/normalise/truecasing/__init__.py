"""Truecasing one sentence of lowercased news text, token by token.

The normalise stage detokenises a lowercased scrape and cuts it into sentences; this package
decides each word's case. The evidence, strongest first:

1. the story's own casing lexicon (a name written with capitals in another article);
2. names of organisations made of common words (``data/casing_phrases.tsv``: outlets, wire
   services, parties, government bodies), matched as whole phrases ("veterans affairs",
   "the canadian press"); a paper with a common-word name only in a reporting context ("told
   the times"); a party's adjective before a party noun ("liberal mp") or in an article that
   names the party ("the liberals");
3. the ``truecase`` model: its unigram counts (a capital mid-sentence only where web text
   also leans to it: "the federal government"), and its bigram counts for names whose parts
   are common words ("White House", "State Department");
4. for words the model hardly knows, web text's casing (``data/casing_words.tsv.gz``, from
   spaCy's English lexeme probabilities): "PBO", "FedEx", but "porters", "emails";
5. rules for what the model does not know: acronyms (unknown words with no vowel run, dotted
   "u.s."), names (out-of-vocabulary words, "Mc" surnames, a common word after an honorific
   or a census first name: "Mr. Hemming", "Jeff Sessions"; a word news hardly uses after a
   first name: "Alex Voskuiling"), a word after an acronym that web text often capitalises ("PGA
   Tour"), compounds of common words ("hotline"), titles before names, a name or acronym
   followed by the kind of body it is ("Saskatoon Police Service", "QE II Health Sciences
   Centre"), up to three words before a company's legal form ("Tallwood Research & Consulting
   Inc."), public bodies named with common words after "the" ("the National Energy Board",
   "the Office of Refugee Resettlement", but "a federal agency", "the centre of town"), state
   and province abbreviations ("Oakville, Ont."), and sentence starts;
6. the article itself: a surname it introduced ("Nora Foster") stays capitalised in its
   later bare mentions ("Foster said"), unless a determiner makes it a noun ("the foster home");
   so does a common-word surname the article uses as a subject ("woods said", "green has");
   an acronym it defines in brackets ("federation of prairie growers ( fpg )")
   capitalises its name and stays capitals; in an article about a legislature, "the house"
   before a verb or a clause's end is the House.

Smaller rules keep common words common: a noun before a full name ("rookie Marcus
Lindqvist") or a demonym ("ill Canadians"), a reporting verb after a quote's speaker (',"
Hollister states'), and "secretary of state" away from a name ("Secretary of State Jane
Ostrowski", but "as secretary of state").

The word data files are built by ``data/casing_build.py`` from two pinned packages' archives;
neither package is needed at run time. ``data/casing_phrases.tsv`` is compiled by hand (its
header says how).

Modules: ``sentence`` (one sentence: the word pass, then the passes over the sentence),
``word_case`` (one word's case), ``evidence`` (what the model and web text say about a word),
``people`` (first names, surnames, speakers), ``known_names`` (the phrase file: bodies,
outlets, parties, the House), ``bodies`` (names of bodies, events, companies), ``lexicon``
(the story's lexicon, the lazily loaded model and the data files) and ``word_lists``.
"""

from storyline.normalise.truecasing.bodies import LEGAL_FORM_ABBREVIATIONS
from storyline.normalise.truecasing.known_names import article_legislature, article_parties
from storyline.normalise.truecasing.lexicon import CasingLexicon, build_casing_lexicon, truecaser
from storyline.normalise.truecasing.people import article_names
from storyline.normalise.truecasing.sentence import truecase_tokens
from storyline.normalise.truecasing.word_lists import (
    ABBREVIATIONS,
    ENGLISH_FUNCTION_WORDS,
    REGION_ABBREVIATIONS,
    STOP,
)

__all__ = [
    "ABBREVIATIONS",
    "ENGLISH_FUNCTION_WORDS",
    "LEGAL_FORM_ABBREVIATIONS",
    "REGION_ABBREVIATIONS",
    "STOP",
    "CasingLexicon",
    "article_legislature",
    "article_names",
    "article_parties",
    "build_casing_lexicon",
    "truecase_tokens",
    "truecaser",
]
