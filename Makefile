# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Two stamps: what running needs (the runtime lock) and everything (the test lock and npm).
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
# The lock: every package, direct and transitive, pinned with its hashes for the Python 3.11 that
# the image and CI run. base.txt is what the image and `make run` install; test.txt adds the
# test tools and the documentation site's builder.
LOCK := requirements/base.txt requirements/test.txt

# Local runs default to the embedded stack with DEBUG on; every variable can be overridden.
run: export DEBUG ?= true
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: export LOG_FORMAT ?= text

.PHONY: install install-run lock run test lint docs screenshots worker bench clean backup restore css

install: $(STAMP)
install-run: $(RUN_STAMP)

# Running needs the runtime lock only: manage.py runs the project from this folder, as the image
# does. Modules are compiled as they are first imported rather than all at install time.
# After a full install the runtime lock is already there, so this only checks it.
$(RUN_STAMP): requirements/base.txt
	@echo "Installing what running needs (requirements/base.txt) into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile \
		--require-hashes -r requirements/base.txt
	@touch $(RUN_STAMP)

# The tests add the project itself, editable and without dependencies (those come from the lock
# only). npm brings the HTML checker the tests run with the machine's Java; its install script, which
# would download a Java of its own, is not run.
$(STAMP): $(LOCK) pyproject.toml package.json package-lock.json
	@echo "Installing the tests' tools (requirements/test.txt, package.json) into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements/test.txt
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --silent; \
	else echo "npm not found: the HTML validity test will be skipped"; fi
	@touch $(RUN_STAMP) $(STAMP)

# Re-resolve the lock after a change to the dependencies in pyproject.toml. Versions already
# locked are kept when they still fit; `make lock UPGRADE=1` moves everything to the newest.
# test.txt is resolved first and base.txt within it, so both lock the same versions.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)

lock: install
	$(UV_COMPILE) --extra test pyproject.toml -o requirements/test.txt
	$(UV_COMPILE) -c requirements/test.txt pyproject.toml -o requirements/base.txt

run: install-run
	$(BIN)/python manage.py migrate --noinput
	@echo
	@echo "  The letter is served at http://$(HOST):$(PORT)/ (the 2018 seed letter until you"
	@echo "  write your own: docs/coordinators.md). Emails, with their links, print here."
	@echo "  In another terminal, create the administrator who edits letters and sets the"
	@echo "  coalition's name, logo and colour (admin: Letters > Coalition):"
	@echo "    DEBUG=true $(BIN)/python manage.py createsuperuser"
	@echo "  and a moderator who reviews signatures:"
	@echo "    DEBUG=true $(BIN)/python manage.py createmoderator NAME --email you@example.org"
	@echo "  then sign in at http://$(HOST):$(PORT)/admin/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The public stylesheets (static/css/public.css, public.rtl.css): the Bootstrap rules the
# templates use, then static/css/site.css. Run after changing a template's classes or site.css;
# the output is committed, so running the site needs no Node.
css: install
	node tools/build-css.mjs

# Each tool prints one line when all is well.
lint: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@out=$$($(BIN)/lint-imports --no-logo 2>&1) && echo "$$out" | tail -1 \
		|| { echo "$$out"; exit 1; }

# Production-like variables for the deployment checks: no DEBUG, a long random key.
PROD_ENV := DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=letter.example.org SITE_URL=https://letter.example.org \
	DATABASE_URL=postgres://signon@db.example.org/signon REDIS_URL=redis://cache.example.org:6379/0 \
	PAGE_CACHE_URL=redis://pages.example.org:6379/0

test: lint
	@DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	@$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	@out=$$(NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site 2>&1) \
		&& echo "Documentation site built in site/" || { echo "$$out"; exit 1; }
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

# The documentation site (docs/, mkdocs.yml) into site/; `make docs SERVE=1` serves it while
# you edit. --strict: a broken link or a page missing from the navigation fails the build.
docs: export NO_MKDOCS_2_WARNING = 1
docs: install
	$(if $(SERVE),$(BIN)/mkdocs serve --strict,$(BIN)/mkdocs build --strict --site-dir site)

# The pictures the guides embed (docs/images/), taken by Chromium on demo data.
screenshots: install
	$(BIN)/python docs/screenshots.py

# Load on the production stack, started on loopback, with and without the front door (nginx,
# front/); see the README's Performance section.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	command -v nginx >/dev/null || (apt-get update -qq && apt-get install -y -qq nginx-light)
	$(BIN)/python bench/run.py

worker: install
	$(BIN)/celery -A config worker --loglevel INFO

# The PostgreSQL database at DATABASE_URL to a compressed file (pg_dump's custom format), and
# back: `make backup [FILE=x.dump]`, `make restore FILE=x.dump` (replaces what is there).
backup:
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL" >&2; exit 1; }
	pg_dump --format=custom --compress=9 --no-owner --dbname="$$DATABASE_URL" \
		--file="$(or $(FILE),signon-$(shell date +%Y%m%d-%H%M%S).dump)"

restore:
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL" >&2; exit 1; }
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=signon-....dump" >&2; exit 1; }
	pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
		--dbname="$$DATABASE_URL" "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
