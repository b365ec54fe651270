# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The lock: every package, direct and transitive, pinned with its hashes for the Python 3.11 that
# the image and CI run. base.txt is what the image installs; test.txt adds the test tools.
LOCK := requirements/base.txt requirements/test.txt

# Local runs default to the embedded stack with DEBUG on; every variable can be overridden.
run: export DEBUG ?= true
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: export LOG_FORMAT ?= text

.PHONY: install lock run test lint worker bench clean backup restore

install: $(STAMP)

# npm brings the HTML checker the tests run with the machine's Java; its install script, which
# would download a Java of its own, is not run.
# The project itself goes in editable and without dependencies: those come from the lock only.
$(STAMP): $(LOCK) pyproject.toml package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm not found: the HTML validity test will be skipped"; fi
	touch $(STAMP)

# Re-resolve the lock after a change to the dependencies in pyproject.toml. Versions already
# locked are kept when they still fit; `make lock UPGRADE=1` moves everything to the newest.
# test.txt is resolved first and base.txt within it, so both lock the same versions.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)

lock: install
	$(UV_COMPILE) --extra test pyproject.toml -o requirements/test.txt
	$(UV_COMPILE) -c requirements/test.txt pyproject.toml -o requirements/base.txt

run: install
	$(BIN)/python manage.py migrate --noinput
	@echo
	@echo "  The letter is served at http://$(HOST):$(PORT)/"
	@echo "  Create a moderator in another terminal with:"
	@echo "    DEBUG=true $(BIN)/python manage.py createmoderator NAME --email you@example.org"
	@echo "  then sign in at http://$(HOST):$(PORT)/admin/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Production-like variables for the deployment checks: no DEBUG, a long random key.
PROD_ENV := DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=letter.example.org SITE_URL=https://letter.example.org \
	DATABASE_URL=postgres://signon@db.example.org/signon REDIS_URL=redis://cache.example.org:6379/0

test: lint
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
