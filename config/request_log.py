"""One log line per request: method, route, status and duration. The route is the URL
pattern the request matched (`/confirm/<str:token>/`), never the path: paths hold the bearer
tokens of confirm and withdraw links. No query string (it may hold a search), no client
address, no cookies."""

import logging
import time

from config.log_privacy import route_of

logger = logging.getLogger("signon.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "method": request.method,
            "route": route_of(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        # The message reads well as text; JSON logs carry the same fields as keys too.
        logger.info("%(method)s %(route)s %(status)s %(duration_ms)sms", fields, extra=fields)
        return response
