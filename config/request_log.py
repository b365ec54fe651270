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
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path_info,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
