"""storyline: a cited story dossier from news articles about one story.

>>> import storyline
>>> dossier = storyline.analyze(["articles/"])          # doctest: +SKIP
>>> [e.name for e in dossier.entities[:3]]              # doctest: +SKIP
"""

import logging

__version__ = "0.1.0"

from storyline.model import Dossier
from storyline.options import Options
from storyline.pipeline import analyze, analyze_raw

__all__ = ["Dossier", "Options", "__version__", "analyze", "analyze_raw"]

# A library never configures logging for the application (the CLI does).
logging.getLogger(__name__).addHandler(logging.NullHandler())
