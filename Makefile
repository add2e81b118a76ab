# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test browser lint typecheck bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

demo: $(STAMP)
	$(BIN)/qualmark validate frameworks/*.yaml
	$(BIN)/qualmark check frameworks/noloc-register-loopbaanprofessional.yaml \
	    examples/portfolios/noloc-register-loopbaanprofessional/eligible.json \
	    --judgements examples/portfolios/noloc-register-loopbaanprofessional/judgements/agreed.yaml

test: $(DEVSTAMP) browser
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/mypy
	$(BIN)/qualmark test frameworks/tests --coverage --min-coverage 100
	$(BIN)/pytest

# What the browser tests (tests/browser) need: Debian's Chromium and its driver (never a browser
# download), and axe-core from the npm registry for the accessibility check.
AXE := tests/browser/node_modules/axe-core/axe.min.js
browser: $(AXE) /usr/bin/chromium /usr/bin/chromedriver

/usr/bin/chromium /usr/bin/chromedriver:
	@if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (as root)"; exit 1; fi
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver \
	    || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver)'

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --write docs/performance.md $(if $(REGISTER),--register $(REGISTER))

# Coverage-guided fuzzing of both loaders, and of the YAML readers against each other; the corpus
# grows in fuzz/corpus/ between runs.
FUZZ_SECONDS ?= 600
fuzz: $(DEVSTAMP)
	$(BIN)/python fuzz/seeds.py yaml fuzz/corpus/yaml
	$(BIN)/python fuzz/seeds.py readers fuzz/corpus/readers
	$(BIN)/python fuzz/seeds.py json fuzz/corpus/json
	cd fuzz && ../$(BIN)/python fuzz_loaders.py yaml corpus/yaml -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	cd fuzz && ../$(BIN)/python fuzz_loaders.py readers corpus/readers -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	cd fuzz && ../$(BIN)/python fuzz_loaders.py json corpus/json -max_total_time=$(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
