# make run: set up .venv if needed and open the window on the default database.
# make test: the same set-up, then lint, types, the layer contract and the whole test suite.
# make bundle: a self-contained folder, dist/coopdesk (Python, Qt, coopdesk), for machines without Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BUNDLE_STAMP := $(VENV)/.bundle-stamp

.PHONY: install run test lint bench bundle clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev,postgres]"
	touch $(STAMP)

run: install
	$(BIN)/coopdesk

lint: install
	$(BIN)/ruff check coopdesk tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: install
	$(BIN)/python -m bench

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bundle,postgres]"
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/coopdesk.spec
	@du -sh dist/coopdesk

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-output build dist
