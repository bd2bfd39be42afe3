# The two commands of the README: `make run` and `make test`. Both start from nothing but
# Python 3.11+, Java 17 and Maven: they create .venv and install what they need.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install load bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make run: load all bundled sources into the embedded graph and serve the API
run: install
	$(VENV)/bin/armoedegraaf load --quiet
	$(VENV)/bin/armoedegraaf serve --host $(HOST) --port $(PORT)

## make test: start a local Neo4j 5, run the whole suite on both backends, stop Neo4j
test: install
	scripts/run-tests

## make bench: the benchmark scripts (they print figures; they are not tests)
bench: install
	scripts/run-benchmarks

clean:
	rm -rf $(VENV) .armoedegraaf .pytest_cache
