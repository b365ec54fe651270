"""The logging configuration, for settings.py: one JSON object per line on standard error (or
plain text for a terminal), from Django, the request log, Celery tasks and moderation events.
None of them carries contact data or a raw client address."""


def _not_unavailable(record):
    return getattr(record, "status_code", None) != 503


def logging_settings(*, log_format, level):
    return {
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
        # Every line, whatever logger wrote it (Django's, Celery's, ours), passes the "private"
        # filter: no email or client address, no token, no query string (config/log_privacy.py).
        "filters": {
            "private": {"()": "config.log_privacy.PrivateDataFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            # A 503 says "try again shortly" (a big letter's export not built yet): no error.
            "not_unavailable": {
                "()": "django.utils.log.CallbackFilter",
                "callback": _not_unavailable,
            },
        },
        "handlers": {
            # The process's own standard error, not whatever sys.stderr is at configuration:
            # a stream swapped in for a while (a test runner's capture, then closed) would
            # make every later line a "Logging error" traceback.
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.__stderr__",
                "formatter": log_format,
                "filters": ["private"],
            },
            # Emails each 500 to ADMINS (none while ADMINS is empty). It scrubs its reports
            # itself and needs the request, which the "private" filter takes off the record.
            "mail_admins": {
                "class": "config.error_reporting.PrivateAdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "not_unavailable"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # The development server's line (`make run`) would repeat ours, and holds the path
            # with a link's token: only its warnings and errors, through the same filter.
            # Without a handler of its own (and with Django's default propagate=False) it
            # would go to Python's last-resort handler, which no filter scrubs.
            "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            # Replaces Django's default "django" handlers, whose mail_admins would mail
            # unscrubbed reports; errors still reach the console through the root logger.
            "django": {"handlers": ["mail_admins"], "level": "INFO"},
        },
    }
