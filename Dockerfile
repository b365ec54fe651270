# One image for the web server, the Celery worker and the one-shot migrate job
# (see docker-compose.yml). All configuration comes from environment variables at run time.
#
# BASE_IMAGE: any Debian bookworm with Python 3.11 and its venv module, the Python the lock
# (requirements/base.txt) is resolved for. The default is the official image; CI, which cannot
# pull it, passes a bookworm it builds with debootstrap (.ci/image).
ARG BASE_IMAGE=python:3.11-slim-bookworm

# Stage 1: the virtualenv, installed from wheels only, each checked against the lock's hash.
# The wheels come from wheelhouse/ in the build context when it holds any (CI downloads them on
# the machine); otherwise this stage downloads them from the package index.
FROM ${BASE_IMAGE} AS venv
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python3 -m venv /opt/venv
COPY requirements/base.txt /tmp/requirements.txt
COPY wheelhouse/ /wheelhouse/
RUN if ls /wheelhouse/*.whl > /dev/null 2>&1; then \
        echo "Installing from the wheelhouse in the build context"; \
    else \
        /opt/venv/bin/pip download --require-hashes --only-binary=:all: \
            -r /tmp/requirements.txt -d /wheelhouse; \
    fi \
    && /opt/venv/bin/pip install --no-index --find-links /wheelhouse --require-hashes \
        -r /tmp/requirements.txt

# Stage 2: what runs. The wheels stay behind in stage 1; only the installed virtualenv comes.
FROM ${BASE_IMAGE}

# PYTHONPATH: the source tree in /app is what runs; the project itself is not pip-installed,
# so templates/, static/ and letter/seed/*.txt are read from where they are.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PATH=/opt/venv/bin:$PATH \
    LANG=C.UTF-8

# A fixed numeric id, so that an orchestrator can check that the container does not run as root
# (Kubernetes' runAsNonRoot needs a number).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app

# FriBiDi lets Pillow's bundled Raqm shape Arabic (and other right-to-left) titles on the
# share image; without it those come out in the letter's original language.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libfribidi0 \
    && rm -rf /var/lib/apt/lists/*

COPY --from=venv /opt/venv /opt/venv

WORKDIR /app
# The whole tree: templates/, static/ and manage.py are needed at run time (.dockerignore
# keeps out the virtualenv, caches, local database and .env).
COPY . .

# Settings refuse to load without SECRET_KEY; this throwaway one exists for this step only.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

# Code and collected static files stay owned by root: the app only needs to read them.
USER 10001:10001

EXPOSE 8000

# gunicorn.conf.py in /app sets the bind address, WEB_CONCURRENCY workers, no access log (the
# app logs each request by its route) and an error log scrubbed of client addresses.
CMD ["gunicorn", "config.wsgi:application"]
