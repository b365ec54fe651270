# One image for the web server, the Celery worker and the one-shot migrate job
# (see docker-compose.yml). All configuration comes from environment variables at run time.
FROM python:3.11-slim

# PYTHONPATH: the source tree in /app is what runs. `pip install .` also puts the packages in
# site-packages, but without non-Python files such as letter/seed/*.txt, and gunicorn and
# celery would otherwise import from one place or the other depending on how they start.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, read from pyproject.toml, so that code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The whole tree: templates/, static/ and manage.py are needed at run time (.dockerignore
# keeps out the virtualenv, caches, local database and .env).
COPY . .
RUN pip install . \
    && rm -rf build *.egg-info

# Settings refuse to load without SECRET_KEY; this throwaway one exists for this step only.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

# Code and collected static files stay owned by root: the app only needs to read them.
USER app

EXPOSE 8000

# gunicorn.conf.py in /app sets the bind address, WEB_CONCURRENCY workers, no access log (the
# app logs each request by its route) and an error log scrubbed of client addresses.
CMD ["gunicorn", "config.wsgi:application"]
