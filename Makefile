# The two commands of the README: `make run` and `make test`. `make run` needs only Python 3.11+
# and installs the runtime only; `make test` adds the test extras and needs Java 17 (the local
# Neo4j). Both create .venv and install what they need.
VENV    := .venv
PY      := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-stamp
TESTS   := $(VENV)/.test-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: run test install install-runtime load bench clean

# setuptools' editable build prints a notice on the layout of an editable install ("be careful with
# folders named like the package"): a UserWarning of the build step, about the checkout, not the
# user's run. PYTHONWARNINGS silences it for the install commands only.
PIP     := PYTHONWARNINGS=ignore::UserWarning $(PY) -m pip install --quiet --disable-pip-version-check

$(RUNTIME): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $(RUNTIME)

$(TESTS): $(RUNTIME)
	$(PIP) -e '.[test]'
	touch $(TESTS)

install-runtime: $(RUNTIME)

## make install: everything a developer needs (runtime and test extras)
install: $(TESTS)

## make run: load all bundled sources into the embedded graph and serve the API
run: $(RUNTIME)
	$(VENV)/bin/armoedegraaf load
	$(VENV)/bin/armoedegraaf serve --host $(HOST) --port $(PORT)

## make test: start a local Neo4j 5, run the whole suite on both backends, stop Neo4j
test: $(TESTS)
	scripts/run-tests

## make bench: the benchmark scripts (they print figures; they are not tests)
bench: $(TESTS)
	scripts/run-benchmarks

clean:
	rm -rf $(VENV) .armoedegraaf .pytest_cache
