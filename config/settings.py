"""One settings module for every machine; what differs between machines comes from the
environment (see .env.example). Defaults are embedded and safe: SQLite, tasks run eagerly,
email printed to the terminal, DEBUG off."""

from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.cache_settings import cache_settings
from config.content_security_policy import CONTENT_SECURITY_POLICY_DIRECTIVES
from config.error_reporting import init_sentry
from config.logging_settings import logging_settings

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
# Links are reversed under SITE_URL's path, whatever SCRIPT_NAME a request arrives with: a
# public page is cached for everyone, so nothing a visitor sends may move its links.
FORCE_SCRIPT_NAME = urlsplit(SITE_URL).path
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
    # Before anything reads the query: control characters (NUL) are refused with a 400.
    "config.security.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF, locale and CSP: a cached public page skips them all.
    "letter.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # `?lang=xx` in the address overrides the cookie and Accept-Language for one request.
    "letter.page_language.QueryLanguageMiddleware",
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
                "letter.context_processors.coalition",
                "letter.context_processors.page_language_links",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, checking the health of only a connection idle for a second or more.
    DATABASES["default"]["ENGINE"] = "config.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the Celery broker and the "default" cache, never evicting; public pages go to the
# "pages" cache on PAGE_CACHE_URL (see .env.example). Unset, tasks run eagerly in the web
# process and the caches are per-process memory.
REDIS_URL = env("REDIS_URL", default="")
PAGE_CACHE_URL = env("PAGE_CACHE_URL", default=REDIS_URL)


CACHES = cache_settings(redis_url=REDIS_URL, page_cache_url=PAGE_CACHE_URL)
if REDIS_URL:
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # One process, one memory cache: login throttling counts correctly without Redis.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# What beat runs: the nightly purge, the digests every quarter of an hour, and a wake-up for
# the update dispatcher in case its worker died.
CELERY_BEAT_SCHEDULE = {
    "purge-contact-data": {
        "task": "signatories.tasks.purge_contact_data",
        "schedule": crontab(hour=3, minute=17),
    },
    "send-moderation-digests": {
        "task": "signatories.tasks.send_moderation_digests",
        "schedule": 900.0,
    },
    "dispatch-update-emails": {
        "task": "signatories.tasks.dispatch_update_emails",
        "schedule": 10.0,
    },
}
# The outbox dispatcher in each worker (signatories/mail/worker.py); see .env.example.
OUTBOX_POLL_SECONDS = env.float("OUTBOX_POLL_SECONDS", default=0.5)
NOTIFICATION_RESEND_AFTER_SECONDS = env.int("NOTIFICATION_RESEND_AFTER_SECONDS", default=180)
# The moderators' digest (signatories/moderation/digests.py); see .env.example.
MODERATION_DIGEST_AFTER_HOURS = env.int("MODERATION_DIGEST_AFTER_HOURS", default=24)
MODERATION_DIGEST_INTERVAL_HOURS = env.int("MODERATION_DIGEST_INTERVAL_HOURS", default=24)
if MODERATION_DIGEST_AFTER_HOURS < 0 or MODERATION_DIGEST_INTERVAL_HOURS < 1:
    raise ImproperlyConfigured(
        "MODERATION_DIGEST_AFTER_HOURS is 0 or more and MODERATION_DIGEST_INTERVAL_HOURS 1 or more."
    )
# Update emails (signatories/mail/updates/), paced across all workers.
UPDATE_EMAILS_PER_MINUTE = env.int("UPDATE_EMAILS_PER_MINUTE", default=300)
# The largest PDF a coordinator may attach to an update (kept in the database).
UPDATE_ATTACHMENT_MAX_BYTES = env.int("UPDATE_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Email: django-environ's EMAIL_URL, e.g. smtp://user:pass@host:587/?tls=True
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Open letter <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Errors reach a person (config/error_reporting.py): 500s are emailed to ADMINS ("Name
# <address>, ..."), and with SENTRY_DSN web and task errors go to Sentry; neither carries
# tokens, emails or client addresses.
ADMINS = getaddresses(env.list("ADMINS", default=[]))
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reporting.PrivateExceptionReporterFilter"
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(SENTRY_DSN)

# How long a confirmation link stays valid, in seconds.
SIGNATURE_CONFIRM_MAX_AGE = env.int("SIGNATURE_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
# Browsers and proxies may reuse the open-data feeds (count, JSON, CSV) this many seconds
# before asking again; they revalidate with the letter's ETag, so a stale answer is short.
COUNT_JSON_MAX_AGE = 5
# The letter page lists its signatories up to this many; beyond, it links to the directory.
LETTER_PAGE_SIGNATORY_LIMIT = env.int("LETTER_PAGE_SIGNATORY_LIMIT", default=300)
DIRECTORY_PAGE_SIZE = 100

# Abuse resistance. Rates are "count/period" (s, m, h, d); each form has a short burst window
# and a longer sustained one, counted per client network (see CLIENT_IPV6_PREFIX) in the
# shared cache.
RATE_LIMITS = {
    "sign": env.list("RATE_LIMIT_SIGN", default=["5/m", "30/h"]),
    "confirm": env.list("RATE_LIMIT_CONFIRM", default=["10/m", "60/h"]),
    "new_link": env.list("RATE_LIMIT_NEW_LINK", default=["3/m", "10/h"]),
}
# Emails anyone can make the site send to one address (confirmation links, "already
# signed" notes), across all letters, per 24 hours; beyond, nothing is sent and the page
# answers as usual. Counted in the outbox, so it holds across processes and restarts.
EMAILS_PER_RECIPIENT = env.int("EMAILS_PER_RECIPIENT", default=3)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts none and
# uses REMOTE_ADDR, so that a forged header cannot dodge the limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# What counts as one client (an IPv6 /64 by default: one subscriber holds a whole one).
CLIENT_IPV6_PREFIX = env.int("CLIENT_IPV6_PREFIX", default=64)
CLIENT_IPV4_PREFIX = env.int("CLIENT_IPV4_PREFIX", default=32)
if not (0 <= CLIENT_IPV6_PREFIX <= 128 and 0 <= CLIENT_IPV4_PREFIX <= 32):
    raise ImproperlyConfigured("CLIENT_IPV6_PREFIX is 0-128 and CLIENT_IPV4_PREFIX is 0-32.")
# Key of the HMAC that client addresses are stored and counted as.
CLIENT_HASH_KEY = env("CLIENT_HASH_KEY", default=f"client-hash:{SECRET_KEY}")
# Retention (signatories/signing/retention.py); see .env.example.
CONTACT_DATA_RETENTION_DAYS = env.int("CONTACT_DATA_RETENTION_DAYS", default=90)
UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS = env.int("UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS", default=30)

# Who runs the site: the values while the admin's Coalition page leaves a field empty.
COALITION_NAME = env("COALITION_NAME", default="")
COALITION_WEBSITE = env("COALITION_WEBSITE", default="")
COALITION_CONTACT_EMAIL = env("COALITION_CONTACT_EMAIL", default="")
# A sign-on form submitted faster than this after it was shown is taken for a bot.
SIGNING_MIN_FILL_SECONDS = env.int("SIGNING_MIN_FILL_SECONDS", default=3)
# A sign-on form's signed "started" token is accepted for this long after the form was shown,
# and for one signature only (its use is remembered in the cache for as long).
SIGNING_FORM_MAX_AGE = env.int("SIGNING_FORM_MAX_AGE", default=7200)

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

# Security: on unless DEBUG (SECURE_PROXY_SSL_HEADER: see .env.example).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CONTENT_SECURITY_POLICY_DIRECTIVES}
# The admin's address: moving it off /admin/ keeps most login-guessing bots away.
ADMIN_URL = env("ADMIN_URL", default="admin/").strip("/") + "/"
# Failed admin logins, counted in the cache (see .env.example). A network's limit below a
# username's would make that one unreachable from one network (config/admin_login.py).
ADMIN_LOGIN_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK = env.int("ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK", default=10)
if ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK < ADMIN_LOGIN_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK must be at least ADMIN_LOGIN_FAILURE_LIMIT."
    )
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = "config.admin_login.failure_limit"
AXES_COOLOFF_TIME = env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
# Two independent counts (a nested list would count the pair instead).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Failures during a lockout are refused without being counted, so they cannot keep the
# cool-off running: whoever guesses at a moderator's username locks it for at most
# ADMIN_LOGIN_COOLOFF_MINUTES at a time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's network, HMAC-hashed: axes neither stores nor logs the address itself.
AXES_CLIENT_IP_CALLABLE = "signatories.abuse.clients.hashed_client_address"
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for a terminal), from
# Django, the request log, Celery tasks and moderation events. None of them carries contact
# data or a raw client address.
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = logging_settings(log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))
