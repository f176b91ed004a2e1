# Every target sets up .venv on first use and reuses it after.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DATA ?= ../shared/benchmarks

.PHONY: setup run test test-fast bench gate check schema clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# PyTorch first, pinned, so that the CPU build is taken; the lock then finds it installed.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

## Analyse the bundled (fictional) example story and say where the report is.
run: setup
	$(VENV)/bin/storyline analyze examples/flood-story -o out/example

## The whole test suite.
test: setup
	$(VENV)/bin/pytest -q

## The tests not marked slow (no spaCy model, no whole-pipeline runs): seconds, for the edit loop.
test-fast: setup
	$(VENV)/bin/pytest -q -m "not slow"

## Every benchmark on the dev data in ../shared/benchmarks (slow: minutes).
bench: setup
	$(PY) benchmarks/quotes.py --data $(DATA)/quotes-ggt/dev.jsonl --polnear $(DATA)/quotes-polnear/dev.jsonl
	$(PY) benchmarks/timex.py --data $(DATA)/timex-te3/dev.jsonl
	$(PY) benchmarks/published.py
	$(PY) benchmarks/entities.py --data $(DATA)/entities-newswcl50/dev.jsonl
	$(PY) benchmarks/lowercase.py --data $(DATA)/quotes-ggt/dev.jsonl --newswcl $(DATA)/entities-newswcl50/dev.jsonl
	$(PY) benchmarks/summary.py --data $(DATA)/stories-neus/dev.jsonl
	$(PY) benchmarks/claims.py
	$(PY) benchmarks/speed.py --data $(DATA)/quotes-polnear/dev.jsonl
	$(PY) benchmarks/stories.py --data $(DATA)/stories-neus/dev.jsonl
	$(PY) benchmarks/dossier.py --data $(DATA)/dossier-basil/dev.jsonl --scorer $(DATA)/dossier-basil/score.py
	$(PY) benchmarks/scale.py
	$(PY) benchmarks/serve_load.py

## Re-measure the dev scores pinned in benchmarks/floors.json; fail when one drops below its floor
## (skips, exit 0, without ../shared/benchmarks). ~10 min on a 2-core machine.
gate: setup
	$(PY) benchmarks/gate.py --data-dir $(DATA)

## Lint and type checks.
check: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src

## Regenerate the JSON Schema from the model.
schema: setup
	$(PY) -m storyline.model > schema/dossier.schema.json

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache
