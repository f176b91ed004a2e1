"""The benchmark gate (benchmarks/gate.py) on a toy benchmark: floors, noise, digests, --update.

The toy benchmark is a script written into a temporary benchmarks folder that prints a JSON
metrics line read from a file, so each case sets the score it wants; no model is loaded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import gate  # noqa: E402

TOY = """import json, sys
from pathlib import Path
print("a table")
print(Path(sys.argv[1]).read_text().strip())
"""


@pytest.fixture
def toy(tmp_path: Path) -> dict[str, Path]:
    """A benchmarks folder holding gate.py, a toy benchmark and its floors; a data folder."""
    bench = tmp_path / "repo" / "benchmarks"
    bench.mkdir(parents=True)
    shutil.copy(BENCHMARKS / "gate.py", bench / "gate.py")
    (bench / "toy.py").write_text(TOY, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "gold.jsonl").write_text('{"x": 1}\n', encoding="utf-8")
    scores = tmp_path / "scores.json"
    floors = {
        "benchmarks": {
            "toy": {
                "command": ["toy.py", str(scores)],
                "digests": {"gold.jsonl": hashlib.sha256(b'{"x": 1}\n').hexdigest()},
                "floors": {"f1": {"value": 80.0, "noise": 0.5}},
            }
        }
    }
    (bench / "floors.json").write_text(json.dumps(floors), encoding="utf-8")
    return {"bench": bench, "data": data, "scores": scores}


def run_gate(toy: dict[str, Path], f1: float, *flags: str) -> subprocess.CompletedProcess[str]:
    toy["scores"].write_text(json.dumps({"f1": f1}), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(toy["bench"] / "gate.py"), "--data-dir", str(toy["data"]), *flags],
        capture_output=True,
        text=True,
        check=False,
    )


def floor_of(toy: dict[str, Path]) -> float:
    floors = json.loads((toy["bench"] / "floors.json").read_text(encoding="utf-8"))
    return float(floors["benchmarks"]["toy"]["floors"]["f1"]["value"])


def test_a_score_within_its_noise_passes(toy: dict[str, Path]) -> None:
    done = run_gate(toy, 79.6)
    assert done.returncode == 0, done.stdout
    assert "all floors held" in done.stdout


def test_a_drop_beyond_the_noise_fails_and_names_the_metric(toy: dict[str, Path]) -> None:
    done = run_gate(toy, 79.4)
    assert done.returncode == 1
    assert "toy.f1: 79.4 is 0.6 below the floor 80.0" in done.stdout


def test_changed_data_fails_and_says_so(toy: dict[str, Path]) -> None:
    (toy["data"] / "gold.jsonl").write_text('{"x": 2}\n', encoding="utf-8")
    done = run_gate(toy, 85.0)
    assert done.returncode == 1
    assert "data file changed: gold.jsonl" in done.stdout


def test_update_raises_floors_but_refuses_to_lower_them(toy: dict[str, Path]) -> None:
    assert run_gate(toy, 82.0, "--update").returncode == 0
    assert floor_of(toy) == 82.0
    refused = run_gate(toy, 81.0, "--update")
    assert refused.returncode == 1
    assert "refusing to lower" in refused.stdout
    assert floor_of(toy) == 82.0
    assert run_gate(toy, 81.0, "--update", "--allow-lower").returncode == 0
    assert floor_of(toy) == 81.0


def test_without_the_data_the_gate_skips(toy: dict[str, Path], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(toy["bench"] / "gate.py"), "--data-dir", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "skipped" in done.stdout


def test_the_metrics_are_the_last_json_line() -> None:
    assert gate.last_json_line('table\n{"a": 1}\n\n') == {"a": 1}
    assert gate.last_json_line("table\nno json") is None
    assert gate.last_json_line("[1, 2]") is None


def test_the_floors_file_pins_a_digest_and_a_noise_for_every_floor() -> None:
    floors = json.loads((BENCHMARKS / "floors.json").read_text(encoding="utf-8"))
    for name, spec in floors["benchmarks"].items():
        assert (BENCHMARKS / spec["command"][0]).exists(), name
        assert spec["digests"] and all(len(d) == 64 for d in spec["digests"].values()), name
        assert spec["noise_why"], name
        for metric, floor in spec["floors"].items():
            assert isinstance(floor["value"], int | float), (name, metric)
            assert floor["noise"] > 0, (name, metric)


def test_the_dossier_benchmark_fails_clearly_without_the_scorer(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "dossier.py"), "--scorer", str(tmp_path / "score.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "dossier scorer not found" in done.stderr
