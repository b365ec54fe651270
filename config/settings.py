"""One settings module for every machine; what differs between machines comes from the
environment (see .env.example). Defaults are embedded and safe: SQLite, tasks run eagerly,
email printed to the terminal, DEBUG off."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "axes",
    "letter",
    "signatories",
]

MIDDLEWARE = [
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF, locale and CSP: a cached public page skips them all.
    "letter.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: throttles repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL points at PostgreSQL in production.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Persistent connections save a TCP and auth round-trip per request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: when set, it is both the Celery broker and the Django cache. Unset, tasks run
# eagerly in the web process and the cache is per-process memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "signon",
            # If Redis goes away the site keeps serving, uncached, and keeps signing.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process, one memory cache: login throttling counts correctly without Redis.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_IGNORE_RESULT = True
# When Redis is unreachable, give up publishing within about two seconds: the notification is
# already stored, and the periodic resend below delivers it once Redis is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    "resend-unsent-notifications": {
        "task": "signatories.tasks.resend_unsent_notifications",
        "schedule": 60.0,
    },
    "purge-contact-data": {
        "task": "signatories.tasks.purge_contact_data",
        "schedule": crontab(hour=3, minute=17),
    },
}
# An email not sent this many seconds after it was owed is handed to a worker again; beat
# looks for such emails every NOTIFICATION_RESEND_INTERVAL_SECONDS.
NOTIFICATION_RESEND_AFTER_SECONDS = env.int("NOTIFICATION_RESEND_AFTER_SECONDS", default=180)
CELERY_BEAT_SCHEDULE["resend-unsent-notifications"]["schedule"] = env.float(
    "NOTIFICATION_RESEND_INTERVAL_SECONDS", default=60.0
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# If the broker connection drops mid-task, the task is cancelled and delivered again: safe,
# because every task here is idempotent (and this is Celery 6's default).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True

# Email: django-environ's EMAIL_URL, e.g. smtp://user:pass@host:587/?tls=True
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Open letter <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# How long a confirmation link stays valid, in seconds.
SIGNATURE_CONFIRM_MAX_AGE = env.int("SIGNATURE_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
# Browsers and proxies may reuse the open-data feeds (count, JSON, CSV) this many seconds
# before asking again; they revalidate with the letter's ETag, so a stale answer is short.
COUNT_JSON_MAX_AGE = 5
# The letter page lists its signatories while there are at most this many; beyond, it links
# to the paginated directory.
LETTER_PAGE_SIGNATORY_LIMIT = env.int("LETTER_PAGE_SIGNATORY_LIMIT", default=300)
DIRECTORY_PAGE_SIZE = 100

# Abuse resistance. Rates are "count/period" (s, m, h, d); each form has a short burst window
# and a longer sustained one, counted per client address in the shared cache.
RATE_LIMITS = {
    "sign": env.list("RATE_LIMIT_SIGN", default=["5/m", "30/h"]),
    "confirm": env.list("RATE_LIMIT_CONFIRM", default=["10/m", "60/h"]),
    "new_link": env.list("RATE_LIMIT_NEW_LINK", default=["3/m", "10/h"]),
}
# Rate limits are counted in Redis; while it is unreachable, let signers through rather than
# refuse everyone (every signature is still stored and moderated).
RATELIMIT_FAIL_OPEN = True
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts none and
# uses REMOTE_ADDR, so that a forged header cannot dodge the limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Key of the HMAC that client addresses are stored and counted as; defaults to one derived
# from SECRET_KEY.
CLIENT_HASH_KEY = env("CLIENT_HASH_KEY", default=f"client-hash:{SECRET_KEY}")
# Retention: contact names, emails and address hashes of signatures on letters closed this
# many days ago are erased (public fields stay); unconfirmed signatures are deleted after
# UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS.
CONTACT_DATA_RETENTION_DAYS = env.int("CONTACT_DATA_RETENTION_DAYS", default=90)
UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS = env.int("UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS", default=30)
# A sign-on form submitted faster than this after it was shown is taken for a bot.
SIGNING_MIN_FILL_SECONDS = env.int("SIGNING_MIN_FILL_SECONDS", default=3)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The visitor's choice from the language switcher is kept in this cookie for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve from the app's static folders when collectstatic has not run (development, tests).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes speak plain HTTP inside the network

# Security: on unless DEBUG; a deployment behind a TLS-terminating proxy sets
# SECURE_PROXY_SSL_HEADER so that Django knows the request came in over HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere public; only the embed page may be framed (see
# config/security.py, which also relaxes styles for the Django admin's own templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The admin's address: moving it off /admin/ keeps most login-guessing bots away.
ADMIN_URL = env("ADMIN_URL", default="admin/").strip("/") + "/"
# Failed admin logins: after AXES_FAILURE_LIMIT for one username from one address, that pair
# waits ADMIN_LOGIN_COOLOFF_MINUTES. Counted in the cache, keyed by the hashed address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "signatories.clients.hashed_client_address"
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for a terminal), from
# Django, the request log, Celery tasks and moderation events. None of them carries contact
# data or a raw client address.
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own request log line would repeat ours, with less care for privacy.
        "django.server": {"level": "WARNING"},
    },
}
# Let Django's logging configuration, not Celery's, format the worker's logs too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
