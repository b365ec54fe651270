"""One log line per request: method, path, status and duration. No client address, no query
string (it may hold a search), no cookies."""

import logging
import time

logger = logging.getLogger("signon.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "method": request.method,
            "path": request.path_info,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        # The message reads well as text; JSON logs carry the same fields as keys too.
        logger.info("%(method)s %(path)s %(status)s %(duration_ms)sms", fields, extra=fields)
        return response
