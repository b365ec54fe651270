"""One settings module for every machine; what differs between machines comes from the
environment (see .env.example). Defaults are embedded and safe: SQLite, tasks run eagerly,
email printed to the terminal, DEBUG off."""

from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from config.admin_login_settings import admin_login_settings
from config.beat_schedule import BEAT_SCHEDULE
from config.cache_settings import cache_settings, check_page_cache_apart
from config.content_security_policy import CONTENT_SECURITY_POLICY_DIRECTIVES
from config.error_reporting import init_sentry
from config.logging_settings import logging_settings
from config.proxies import DEFAULT_TRUSTED_PROXIES, trusted_proxies

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# By default the site answers to SITE_URL's host (one setting names it) and to localhost.
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=list(dict.fromkeys([urlsplit(SITE_URL).hostname, "localhost", "127.0.0.1", "[::1]"])),
)
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
    # Outermost: marks every answer, the page cache's hits and static files included, for the
    # caches in front (config/cache_headers.py).
    "config.cache_headers.CacheControlMiddleware",
    "config.request_log.RequestLogMiddleware",
    # First of all that read the request: forwarding headers only from TRUSTED_PROXIES.
    "config.security.UntrustedForwardedHeadersMiddleware",
    # Before anything reads a body: refused from its headers when it is too large.
    "config.request_size.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the query: control characters (NUL) are refused with a 400.
    "config.security.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON compressed, cached pages too (it runs after the page cache replies). Safe
    # against BREACH: Django pads each compressed body with random bytes ("Heal the Breach")
    # and masks the CSRF token anew in every response.
    "django.middleware.gzip.GZipMiddleware",
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
PAGE_CACHE_URL = env("PAGE_CACHE_URL", default="")
check_page_cache_apart(
    redis_url=REDIS_URL,
    page_cache_url=PAGE_CACHE_URL,
    share_broker=env.bool("PAGE_CACHE_SHARE_BROKER", default=DEBUG),
)
PAGE_CACHE_URL = PAGE_CACHE_URL or REDIS_URL
# Each web process's own copy of the pages it served last holds at most this many bytes.
LOCAL_PAGE_CACHE_BYTES = env.int("LOCAL_PAGE_CACHE_BYTES", default=8 * 1024 * 1024)
CACHES = cache_settings(
    redis_url=REDIS_URL, page_cache_url=PAGE_CACHE_URL, local_page_bytes=LOCAL_PAGE_CACHE_BYTES
)
if REDIS_URL:
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # One process, one memory cache: login throttling counts correctly without Redis.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE  # config/beat_schedule.py
# The outbox dispatcher in each worker (signatories/mail/worker.py); see .env.example.
OUTBOX_POLL_SECONDS = env.float("OUTBOX_POLL_SECONDS", default=0.5)
NOTIFICATION_RESEND_AFTER_SECONDS = env.int("NOTIFICATION_RESEND_AFTER_SECONDS", default=180)
# Webhooks (signatories/webhooks/); see .env.example.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_LEASE_SECONDS = env.int("WEBHOOK_LEASE_SECONDS", default=120)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=6 * 3600)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=15)
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
# Imports of existing signatories (signatories/imports/): file, rows and an XLSX unpacked.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=10_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024)
# The largest body a public form may send (config/request_size.py): a sign-on is about 2 KB.
PUBLIC_REQUEST_MAX_BYTES = env.int("PUBLIC_REQUEST_MAX_BYTES", default=16 * 1024)
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

# How long a confirmation link (and a link that confirms a withdrawal) stays valid, in seconds.
SIGNATURE_CONFIRM_MAX_AGE = env.int("SIGNATURE_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
# How long a signer may undo a withdrawal from the email that tells them of it.
WITHDRAWAL_UNDO_DAYS = env.int("WITHDRAWAL_UNDO_DAYS", default=14)
# Seconds browsers and proxies may reuse the open-data feeds before revalidating (ETag).
COUNT_JSON_MAX_AGE = 5
# A letter's exports (JSON, CSV, print) beyond this many signatures are built by a worker.
EXPORT_INLINE_LIMIT = env.int("EXPORT_INLINE_LIMIT", default=1000)
DIRECTORY_PAGE_SIZE = 100
# Abuse resistance: "count/period" (s, m, h, d), a burst and a sustained window per form.
RATE_LIMITS = {
    "sign": env.list("RATE_LIMIT_SIGN", default=["5/m", "30/h"]),
    "confirm": env.list("RATE_LIMIT_CONFIRM", default=["10/m", "60/h"]),
    "new_link": env.list("RATE_LIMIT_NEW_LINK", default=["3/m", "10/h"]),
}
# Emails anyone can make the site send to one address per 24 hours (counted in the outbox).
EMAILS_PER_RECIPIENT = env.int("EMAILS_PER_RECIPIENT", default=3)
# The proxies whose forwarding headers are believed; anyone else's are dropped (config/proxies.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = trusted_proxies(
    env("TRUSTED_PROXIES", default=DEFAULT_TRUSTED_PROXIES), required=TRUSTED_PROXY_COUNT > 0
)
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
COALITION_ACCENT_COLOR = env("COALITION_ACCENT_COLOR", default="#1f5fa8")
# A sign-on form submitted faster than this after it was shown is taken for a bot.
SIGNING_MIN_FILL_SECONDS = env.int("SIGNING_MIN_FILL_SECONDS", default=3)
# A sign-on form's "started" token: accepted this long after it was shown, for one signature.
SIGNING_FORM_MAX_AGE = env.int("SIGNING_FORM_MAX_AGE", default=7200)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as "2 Dec 2026" in every language, pages, admin and emails alike.
FORMAT_MODULE_PATH = ["config.formats"]
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
# `Authorization: Bearer <it>` shows /healthz's details to monitoring (config/health.py).
HEALTHZ_TOKEN = env("HEALTHZ_TOKEN", default="")

# Security: on for a site served over HTTPS (SITE_URL) unless DEBUG; off for a plain-HTTP
# trial (docker compose on http://localhost), where redirecting to HTTPS would lead nowhere.
SERVED_OVER_HTTPS = not DEBUG and SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SERVED_OVER_HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=SERVED_OVER_HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SERVED_OVER_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CONTENT_SECURITY_POLICY_DIRECTIVES}
# The admin's address: moving it off /admin/ keeps most login-guessing bots away.
ADMIN_URL = env("ADMIN_URL", default="admin/").strip("/") + "/"
# Admin login throttling with django-axes (config/admin_login_settings.py, .env.example).
vars().update(admin_login_settings(env))
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for a terminal), from
# Django, the request log, Celery tasks and moderation events. None of them carries contact
# data or a raw client address.
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = logging_settings(log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))
