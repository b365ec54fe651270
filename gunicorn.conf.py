"""gunicorn settings, read from the working folder: `gunicorn config.wsgi:application`."""

import os

from gunicorn.glogging import Logger

from config.log_privacy import GunicornErrorFilter
from config.proxies import DEFAULT_TRUSTED_PROXIES, trusted_proxies

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 20
# No access log: Django's request log (config/request_log.py) has one line per request with
# the route rather than the path, whose confirm and withdraw tokens are bearer secrets, and
# without the client's address or the query string.
accesslog = None
# X-Forwarded-Proto and the like are believed from the proxies Django believes, and from no
# one else (gunicorn's own default trusts 127.0.0.1, whatever proxy runs there). SCRIPT_NAME
# and PATH_INFO headers are taken from no one: SITE_URL alone places the site's links.
forwarded_allow_ips = ",".join(
    str(network)
    for network in trusted_proxies(os.environ.get("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES))
)
forwarder_headers = ""


class PrivateLogger(Logger):
    """gunicorn's error log, without the client addresses and request lines it writes for
    malformed requests: signers may face reprisals, and logs travel further than databases."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(GunicornErrorFilter())


logger_class = PrivateLogger
