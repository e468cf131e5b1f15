# Territoires en commun — the two commands for newcomers are `make serve` and `make test`.
# Every target installs what it needs first (idempotent, and fast once done).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: install build serve test lint bench lock browser clean

install: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $@

# --ignore-scripts: no package may download anything at install time (vnu-jar would fetch a JDK).
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

browser:
	@scripts/install-browser.sh

build: install
	$(PY) build.py build

serve: install
	$(PY) build.py serve

test: install browser lint
	$(PY) -m pytest

# Lint and formatting (configured in pyproject.toml): `ruff format .` fixes the formatting.
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) build.py format --check

bench: install browser
	$(PY) -m bench

# Maintainers: regenerate requirements.lock after changing pyproject.toml.
lock:
	$(PYTHON) -m pip install --quiet uv==0.13.8
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf output cache .pytest_cache
