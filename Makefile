# make demo: a fresh .venv, the project installed, the seed built, drawn and queried.
# make test: the whole test suite; make test-fast: all but the `slow` tests (those that start
# or kill other processes), for the edit-and-test loop.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
SEEDS  := seeds
OUT    := out

.PHONY: demo test test-fast install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p $(OUT)
	$(KG) build $(SEEDS) -o $(OUT)/graph.ttl --validate
	$(KG) draw $(OUT)/graph.ttl -o $(OUT)/graph.html
	@echo
	@echo "== Who held which post, as of when (kg query $(OUT)/graph.ttl people-posts) =="
	$(KG) query $(OUT)/graph.ttl people-posts
	@echo
	@echo "Made: $(VENV)/ (zhkg and its test tools), $(OUT)/graph.ttl (the graph), $(OUT)/graph.html (its view)."
	@echo "Open $(OUT)/graph.html in a browser. To type kg: . $(BIN)/activate (or run $(KG));"
	@echo "then the README's Use section runs as written; more queries: kg query --list"

test: install
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow"

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis
