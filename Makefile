# Sentra Portal: `make run` serves the portal, `make test` runs every check. Needs Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help run test install messages clean-db bench

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

# `make bench`: the database to measure (created if missing, filled once), and the data's size.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/sentra_bench
SCALE ?= 1

bench: $(STAMP) ## Fill BENCH_DATABASE_URL once (SCALE=1: 1,000,000 IKMs), then benchmark over HTTP
	@export DATABASE_URL='$(BENCH_DATABASE_URL)' DEBUG=false SECURE_SSL_REDIRECT=false \
		SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	&& $(PY) manage.py prepare_benchmark --scale $(SCALE) \
	&& $(PY) manage.py benchmark $(BENCH_ARGS)

clean-db: ## Delete the embedded PostgreSQL's data (.pgdata/)
	rm -rf .pgdata
