"""gunicorn settings, read from the working folder: `gunicorn config.wsgi:application`."""

import os

from gunicorn.glogging import Logger

from config.log_privacy import GunicornErrorFilter

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 20
# No access log: Django's request log (config/request_log.py) has one line per request with
# the route rather than the path, whose confirm and withdraw tokens are bearer secrets, and
# without the client's address or the query string.
accesslog = None


class PrivateLogger(Logger):
    """gunicorn's error log, without the client addresses and request lines it writes for
    malformed requests: signers may face reprisals, and logs travel further than databases."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(GunicornErrorFilter())


logger_class = PrivateLogger
