"""PostgreSQL as Django's backend has it, with its health checks (CONN_HEALTH_CHECKS) run only
on a connection that has been idle for a while.

Django checks a persistent connection with `SELECT 1` before the first query of every request,
so that a connection the server dropped (a restart, a failover, an idle timeout) is replaced
instead of failing the request. On a busy site that is one more round trip per request, as
many as a sign-on's own statement. A connection that answered a request without error less
than RECENTLY_SECONDS ago is used without the check: only a server lost in that moment fails
the request (with the 503 page), and Django then replaces the connection, as it does after any
database error."""

import time

from django.db.backends.postgresql import base

RECENTLY_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    answered_at = float("-inf")

    def close_if_health_check_failed(self):
        if self.connection is not None and time.monotonic() - self.answered_at < RECENTLY_SECONDS:
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Run as each request starts and ends. At the end of a request that used the
        # connection (its first query ran the check or skipped it) without an error, the
        # connection has just answered.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self.answered_at = time.monotonic()
        super().close_if_unusable_or_obsolete()
