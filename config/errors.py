"""Error pages. A database that is down or restarting is an outage the site recovers from by
itself (persistent connections are health-checked on the next request): it gets a 503 page
asking to retry, never a traceback."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    _type, exception, _traceback = sys.exc_info()
    if isinstance(exception, (OperationalError, InterfaceError)) or _is_connection_error(exception):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return render(request, "500.html", status=500)


def _is_connection_error(exception):
    # psycopg reports a server that went away mid-query as a plain DatabaseError at times.
    return isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
