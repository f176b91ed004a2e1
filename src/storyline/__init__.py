"""storyline: a cited story dossier from news articles."""
