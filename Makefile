# wagtail-govinfo: `make demo` serves the example site; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := cd example_site && ../$(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-prod demo prod test messages wheel clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-prod: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e ".[prod]"
	touch $@

install-prod: $(VENV)/.installed-prod

# The demo: SQLite, the ORM broker, runserver, DEBUG on; links in its e-mails use the address served.
demo: export DEBUG = 1
demo: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
demo: install
	@$(MANAGE) migrate --noinput -v 0
	@$(MANAGE) govinfo_setup
	@$(MANAGE) govinfo_demo
	@$(MANAGE) govinfo_serve --addrport $(HOST):$(PORT)

# The production stack on this machine: PostgreSQL (DATABASE_URL), Redis (REDIS_URL),
# gunicorn with WEB_WORKERS workers, a qcluster with Q_WORKERS workers, DEBUG off.
# See docs/integrators/production.md; scripts/prod.sh says what each variable does.
prod: install-prod
	VENV=$(VENV) HOST=$(HOST) PORT=$(PORT) scripts/prod.sh

test: install
	$(PY) -m pytest

# Regenerate and compile the zh_Hans catalogs (one per app, each in its own locale/).
# locale_overrides holds Chinese for upstream strings: compiled here, filled with
# scripts/locale_overrides.py, never regenerated.
messages: install
	cd wagtail_govinfo && PYTHONSAFEPATH=1 $(abspath $(PY)) -m django makemessages -l zh_Hans --no-obsolete --no-location \
		--ignore 'workflows/*' --ignore 'ledger/*' --ignore 'interaction/*' --ignore 'locale_overrides/*'
	for app in workflows ledger interaction; do \
		(cd wagtail_govinfo/$$app && PYTHONSAFEPATH=1 $(abspath $(PY)) -m django makemessages -l zh_Hans --no-obsolete --no-location) || exit 1; \
	done
	cd wagtail_govinfo && PYTHONSAFEPATH=1 $(abspath $(PY)) -m django compilemessages -l zh_Hans

wheel: install
	$(PY) -m pip wheel --no-deps -w dist .

clean:
	rm -rf $(VENV) build dist *.egg-info example_site/db.sqlite3* example_site/sent_emails
