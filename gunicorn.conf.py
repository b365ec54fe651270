"""gunicorn settings, read from the working folder: `gunicorn config.wsgi:application`."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 20
accesslog = "-"
# No client address in the access log: signers may face reprisals, and logs travel further
# than databases. Method, path, status, size and duration are enough to operate the site.
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
