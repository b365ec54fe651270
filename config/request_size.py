"""How large a request body may be, decided from its headers before a byte of it is read.

Django spools a multipart file of any size to a temporary file before any view can say no
(an outside test sent 300 MB to /sign/, and 614 MB until the worker was killed). The public
forms are a few short fields, sent by browsers as application/x-www-form-urlencoded: a
multipart body is refused (415), and any body over PUBLIC_REQUEST_MAX_BYTES (413). The admin
takes uploads: its bodies may be as large as its largest upload (the coalition's logo on the
coalition's pages, a file of signatories on the imports' pages, an update's PDF elsewhere)
plus ADMIN_FORM_FIELDS_BYTES for the fields around it, so that a file too large is refused
before it is received, not after.

A body sent without a Content-Length (chunked) is not read by Django at all. A public view
that must take a multipart body (mail providers may post the one-click unsubscribe of RFC 8058
as multipart/form-data) says so with @accepts_multipart; the size limit still holds."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from letter.logo import LOGO_MAX_BYTES

# The text fields of an admin form around its upload (a letter and its translations).
ADMIN_FORM_FIELDS_BYTES = 1024 * 1024


def accepts_multipart(view):
    """Marks a public view that takes a (small) multipart/form-data body."""
    view.accepts_multipart = True
    return view


def _takes_multipart(request):
    try:
        view = resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        return False
    return getattr(view, "accepts_multipart", False)


def _declared_length(request):
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # Django reads nothing of a body whose length it cannot read either


def _admin_limit(path):
    admin = f"/{settings.ADMIN_URL}"
    if path.startswith(f"{admin}letter/coalition/"):
        upload = LOGO_MAX_BYTES
    elif path.startswith(f"{admin}signatories/signatureimport/"):
        upload = settings.IMPORT_MAX_BYTES
    else:
        upload = settings.UPDATE_ATTACHMENT_MAX_BYTES
    return upload + ADMIN_FORM_FIELDS_BYTES


def _refuse(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length == 0:
            return self.get_response(request)
        path = request.path_info
        if path.startswith(f"/{settings.ADMIN_URL}"):
            if length > _admin_limit(path):
                return _refuse(413, _("The file is too large to upload."))
            return self.get_response(request)
        if request.content_type.startswith("multipart/") and not _takes_multipart(request):
            return _refuse(415, _("This form does not accept files."))
        if length > settings.PUBLIC_REQUEST_MAX_BYTES:
            return _refuse(413, _("What was sent is too long. Shorten it and try again."))
        return self.get_response(request)
