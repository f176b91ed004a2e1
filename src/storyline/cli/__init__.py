"""The command line: arguments in, one call to the Python API, output rendered.

``storyline analyze PATH... -o DIR`` mirrors ``storyline.analyze(paths, Options(...))``
(``cli/analyze.py``); the store commands mirror the methods of ``storyline.store.Store``:
``ingest`` (``cli/ingest.py``), ``stories``, ``dossier``, ``search`` and ``recluster``
(``cli/stories.py``); ``serve`` runs the web app (``cli/serve.py``). Errors a user can fix
(``StorylineError``) print one line and exit 1, in one handler (``cli/common.py``); inputs
that were skipped are listed on stderr and make the exit status 3; usage errors exit 2.

Nothing heavy is imported here: ``storyline --version`` and ``--help`` load no spaCy,
torch or NLTK (each command imports the pipeline or the store when it runs).
"""

from __future__ import annotations

import click

from storyline import __version__
from storyline.cli.analyze import analyze
from storyline.cli.common import EXIT_ERROR, EXIT_SKIPPED, EXIT_USAGE, StorylineGroup
from storyline.cli.ingest import ingest
from storyline.cli.serve import serve
from storyline.cli.stories import dossier, recluster, search, stories

__all__ = ["EXIT_ERROR", "EXIT_SKIPPED", "EXIT_USAGE", "analyze", "main"]


@click.group(cls=StorylineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """storyline: turn news articles about one story into a cited dossier.

    Every person, quote, number and date in the dossier points to the exact
    characters of the article it came from.
    """


for _command in (analyze, ingest, stories, dossier, search, recluster, serve):
    main.add_command(_command)


if __name__ == "__main__":
    main()
