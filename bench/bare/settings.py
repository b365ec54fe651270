"""startproject's settings, read from the environment bench/run.py gives the project's own
bench run; only DATABASE_URL (the bench's database name + "_bare") differs."""

import os

import environ

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "bench.bare",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bench.bare.urls"
# Django's template engine with the context processors the admin needs, as startproject has.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                f"django.{processor}"
                for processor in (
                    "template.context_processors.request",
                    "contrib.auth.context_processors.auth",
                    "contrib.messages.context_processors.messages",
                )
            ]
        },
    },
]

DATABASES = {"default": environ.Env.db_url_config(os.environ["DATABASE_URL"])}
# Persistent connections, as the project's; no health checks, as Django's default.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ["REDIS_URL"]
QUEUE_KEY = "bench-bare-signons"

USE_TZ = True
STATIC_URL = "static/"
