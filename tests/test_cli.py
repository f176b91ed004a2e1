"""The command line, through click's CliRunner: outputs, exit codes, one-line errors, help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from storyline import __version__
from storyline.cli import analyze, main

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("always::storyline.errors.StorylineWarning")]

ANALYZE_OPTIONS = [
    "--out",
    "--json",
    "--outlet",
    "--published",
    "--summary-sentences",
    "--max-mb",
    "--strict",
    "--quiet",
    "--help",
]


def _invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["analyze", *map(str, args)], catch_exceptions=False)


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_analyze_writes_outputs_and_prints_report_path(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke(example_dir, "-o", out)
    assert result.exit_code == 0, result.output
    for name in ("dossier.json", "report.md", "report.html"):
        assert (out / name).is_file()
        assert not (out / f"{name}.tmp").exists()
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert data["schema"] == "storyline.dossier/1"
    assert len(data["articles"]) == 4
    assert f"report: {(out / 'report.html').resolve()}" in result.stderr
    assert "4 articles" in result.stdout  # the digest
    # Counts agree in number: "1 quote", never "1 quotes".
    assert not re.search(r"\b1 (articles|quotes|numbers|conflicts)\b", result.stdout), result.stdout
    assert "<html" in (out / "report.html").read_text(encoding="utf-8").lower()


def test_cli_analyze_json_on_stdout(example_dir: Path) -> None:
    result = _invoke(example_dir, "--json", "-q")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "storyline.dossier/1"
    assert {"articles", "entities", "quotes", "numbers", "events", "conflicts", "summary"} <= data.keys()


def test_cli_analyze_without_out_prints_markdown(example_dir: Path, tmp_path: Path) -> None:
    result = _invoke(example_dir, "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().startswith("#")
    assert "Maria Okafor" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_cli_analyze_flags_fill_metadata(fixtures_dir: Path) -> None:
    result = _invoke(
        fixtures_dir / "tiny_plain.txt",
        "--json",
        "-q",
        "--outlet",
        "Flag Weekly",
        "--published",
        "2025-05-05",
    )
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert (article["outlet"], article["published"]) == ("Flag Weekly", "2025-05-05")


def test_cli_batch_with_bad_file_exits_3_and_names_it(fixtures_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke(fixtures_dir, "-o", out, "-q")
    assert result.exit_code == 3, result.output
    _no_traceback(result)
    assert re.search(r"skipped: \[S106\] \S*non_english\.txt", result.stderr), result.stderr
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert data["articles"]
    assert [s["code"] for s in data["skipped"]] == ["S106"]


def test_cli_strict_makes_a_skip_fatal(fixtures_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke(fixtures_dir, "-o", out, "-q", "--strict")
    assert result.exit_code == 1
    assert "non_english.txt" in result.stderr
    assert not out.exists()


def test_cli_only_bad_files_exit_1_one_line(fixtures_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = _invoke(fixtures_dir / "non_english.txt", missing, "-q")
    assert result.exit_code == 1
    _no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "[S202]" in errors[0]
    assert str(missing) in result.stderr and "non_english.txt" in result.stderr
    assert result.stdout == ""


def test_cli_bad_published_flag_is_s201(fixtures_dir: Path) -> None:
    result = _invoke(fixtures_dir / "tiny_plain.txt", "--published", "notadate")
    assert result.exit_code == 1
    _no_traceback(result)
    assert result.stderr.strip() == (
        "error: [S201] Bad --published value 'notadate': use an ISO date such as 2024-03-10."
    )


def test_cli_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["analyze"])
    assert result.exit_code == 2


def test_cli_warning_printed_as_one_line(fixtures_dir: Path) -> None:
    result = _invoke(fixtures_dir / "tiny_plain.txt", "--json")
    assert result.exit_code == 0
    assert re.search(r"^warning: \[W202\] .*tiny_plain\.txt", result.stderr, re.M), result.stderr


@pytest.mark.parametrize(
    ("args", "options"),
    [([], ["analyze", "--version", "--help"]), (["analyze"], ANALYZE_OPTIONS)],
    ids=["main", "analyze"],
)
def test_cli_help_mentions_every_option(args: list[str], options: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0
    for option in options:
        assert option in result.output
    command = analyze if args else main
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in result.output


def test_cli_analyze_help_names_python_equivalent() -> None:
    result = CliRunner().invoke(main, ["analyze", "--help"])
    assert "storyline.analyze(" in result.output


def test_cli_python_m_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"storyline, version {__version__}"


# -- the store commands -------------------------------------------------------------------------

STORE_COMMANDS = ["ingest", "stories", "dossier", "search", "recluster"]


def _store_cli(db: str, *args: str | Path) -> Result:
    command, *rest = map(str, args)
    return CliRunner().invoke(main, [command, "--db", db, *rest], catch_exceptions=False)


@pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning")
def test_cli_store_commands_end_to_end(example_dir: Path, fixtures_dir: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = _store_cli(db, "ingest", example_dir, fixtures_dir / "non_english.txt", "--json", "-q")
    assert first.exit_code == 3, first.output  # a skipped input, named
    assert "non_english.txt" in first.stderr
    report = json.loads(first.stdout)
    assert report["added"] == 4 and report["skipped"][0]["code"] == "S106"
    again = _store_cli(db, "ingest", example_dir)
    assert again.exit_code == 0 and "added 0 articles" in again.stdout and "4 already stored" in again.stdout

    listed = _store_cli(db, "stories", "--json")
    stories = json.loads(listed.stdout)
    assert sum(s["n_articles"] for s in stories) == 4
    table = _store_cli(db, "stories")
    assert stories[0]["id"] in table.stdout

    story = stories[-1]["id"]
    out = tmp_path / "out"
    built = _store_cli(db, "dossier", story, "-o", out, "-q")
    assert built.exit_code == 0, built.output
    assert json.loads((out / "dossier.json").read_text(encoding="utf-8"))["articles"]
    as_json = _store_cli(db, "dossier", story, "--json")
    assert json.loads(as_json.stdout)["schema"] == "storyline.dossier/1"

    hits = json.loads(_store_cli(db, "search", "", "--speaker", "Osei", "--json").stdout)
    assert hits and all("Osei" in h["speaker"] for h in hits)
    assert "Okafor" in _store_cli(db, "search", "Okafor", "--kind", "entity").stdout
    assert _store_cli(db, "search", '"NEAR(*').exit_code == 0

    reclustered = _store_cli(db, "recluster")
    assert reclustered.exit_code == 0 and "re-clustered 4 articles" in reclustered.stdout


def test_cli_ingest_open_window_sets_how_many_articles_stay_open(example_dir: Path, tmp_path: Path) -> None:
    import sqlalchemy as sa

    from storyline.store import Store
    from storyline.store import schema as t

    def open_rows(db: str) -> int:
        with Store.open(db) as store, store.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.open_articles)).scalar_one())

    by_default, decided = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert _store_cli(by_default, "ingest", example_dir, "-q").exit_code == 0
    assert open_rows(by_default) == 4  # fewer than the default window: all may still move
    assert _store_cli(decided, "ingest", example_dir, "-q", "--open-window", "0").exit_code == 0
    assert open_rows(decided) == 0
    assert _store_cli(decided, "ingest", example_dir, "--open-window", "-1").exit_code == 2


def test_cli_store_unknown_story_is_one_line(tmp_path: Path) -> None:
    result = _store_cli(f"sqlite:///{tmp_path / 'store.db'}", "dossier", "s-missing")
    assert result.exit_code == 1
    _no_traceback(result)
    assert result.stderr.strip().startswith("error: [S402]")


def test_cli_store_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DB", f"sqlite:///{tmp_path / 'env.db'}")
    result = CliRunner().invoke(main, ["stories", "--json"], catch_exceptions=False)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize("command", STORE_COMMANDS)
def test_cli_store_help_documents_options_and_python(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and "Python: Store.open(db)" in result.output
    for param in main.commands[command].params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in result.output
