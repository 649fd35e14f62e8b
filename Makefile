# Sentra Portal: `make run` serves the portal, `make test` runs every check. Needs Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help run test install messages clean-db

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

run: $(STAMP) ## Start PostgreSQL (embedded unless DATABASE_URL), migrate, load demo data, serve :8000
	$(PY) scripts/dev.py run

test: $(STAMP) ## Lint, migration and deploy checks, then the whole test suite
	$(PY) scripts/dev.py test $(PYTEST_ARGS)

messages: $(STAMP) ## Refresh and compile the translation catalogues in locale/
	DEBUG=true $(PY) manage.py makemessages --locale id --no-location --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'
	DEBUG=true $(PY) manage.py compilemessages --ignore '.venv/*'

clean-db: ## Delete the embedded PostgreSQL's data (.pgdata/)
	rm -rf .pgdata
