"""Django's test client, posting forms as a browser does."""

from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT

FORM_CONTENT = "application/x-www-form-urlencoded"


class BrowserClient(Client):
    """Django's client posts every dict as multipart/form-data; a browser does so only for a
    form with a file field, and sends every other form url-encoded. The public forms refuse
    multipart bodies (config/request_size.py), so tests post what a browser would."""

    def post(self, path, data=None, content_type=None, **extra):
        if content_type is None:
            content_type = MULTIPART_CONTENT if _has_file(data) else FORM_CONTENT
            if content_type == FORM_CONTENT:
                data = urlencode(data or {}, doseq=True)
        return super().post(path, data, content_type, **extra)


def _has_file(data):
    values = data.values() if hasattr(data, "values") else []
    return any(
        hasattr(value, "read")
        or (isinstance(value, list | tuple) and any(hasattr(item, "read") for item in value))
        for value in values
    )
