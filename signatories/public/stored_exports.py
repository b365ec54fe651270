"""The large public exports, built once per public version and served as stored: the open data
(signatories.json, signatories.csv) and the printable letter, in each language.

Rendered per request, a letter with 50,000 signatories took seconds of a web process for each
of them, and a handful of visitors could hold every process. So a request never builds a big
letter's export: it serves the copy stored for the current public version; while a worker
builds that copy, the newest older one (with its own validators, so no client takes it for the
current one); and before any copy exists, a "being prepared" answer. A letter with at most
EXPORT_INLINE_LIMIT approved signatures is built in the request, which takes milliseconds.

Each build is requested at most once at a time (a lock in the shared cache, released by the
task, which expires if its worker dies), and stores the content as of the version it read
first: a copy may be older than its label's signatories, never newer, so a change that commits
meanwhile is built again at the next request."""

import gzip
import io

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix, resolve, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from letter.models import Letter
from signatories.models import PublicExport, Signature
from signatories.public.counts import approved_count
from signatories.public.export import PUBLIC_ANSWERS, WRITERS, export_rows
from signatories.public.signatory_list import signatory_list

BUILD_TASK = "signatories.tasks.build_public_export"
# A build still running after this long is taken for lost and may be requested again.
BUILD_LOCK_SECONDS = 600
Kind = PublicExport.Kind


def current_export(*, state, kind, language=""):
    """The stored export to serve for the letter in `state` (its PublicState): the copy of its
    current public version, built now if the letter is small; for a big letter whose copy is
    older or missing, a build is requested and the older copy (or None) returned."""
    stored = PublicExport.objects.filter(letter_id=state.pk, kind=kind, language=language).first()
    if stored is not None and stored.public_version >= state.public_version:
        return stored
    if approved_count(state) <= settings.EXPORT_INLINE_LIMIT:
        return public_export_build(letter_id=state.pk, kind=kind, language=language)
    public_export_request(letter_id=state.pk, kind=kind, language=language)
    return stored


def _lock_key(letter_id, kind, language):
    return f"public-export-build:{letter_id}:{kind}:{language}"


def public_export_request(*, letter_id: int, kind: str, language: str = "") -> bool:
    """Hand the build of an export to a worker unless one is already on its way; True if it
    was handed over now."""
    lock = _lock_key(letter_id, kind, language)
    if not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        return False
    try:
        current_app.tasks[BUILD_TASK].delay(letter_id, kind, language)
    except Exception:
        # The broker is down: the next request asks again.
        cache.delete(lock)
        return False
    return True


def public_export_release(*, letter_id: int, kind: str, language: str = "") -> None:
    """Let the next request ask for a build again (the task calls it once done)."""
    cache.delete(_lock_key(letter_id, kind, language))


def public_export_build(*, letter_id: int, kind: str, language: str = "") -> PublicExport | None:
    """Build the export as of the letter's current public version and store it, unless a copy
    of that version (or a later one) is stored already; return the stored copy (None for a
    letter deleted meanwhile). Not one transaction: the rows are read after the version, so
    the content is at least as new as its label, and only the write is atomic."""
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return None
    stored = PublicExport.objects.filter(letter=letter, kind=kind, language=language).first()
    if stored is not None and stored.public_version >= letter.public_version:
        return stored
    content = gzip.compress(_render(letter, kind, language), compresslevel=6)
    return _store(letter=letter, kind=kind, language=language, gzipped=content)


@transaction.atomic
def _store(*, letter, kind, language, gzipped):
    fields = {
        "public_version": letter.public_version,
        "public_changed_at": letter.public_changed_at,
        "gzipped": gzipped,
    }
    rows = PublicExport.objects.filter(letter=letter, kind=kind, language=language)
    # Never replace a copy with an older one: a slower concurrent build may finish last.
    if not rows.filter(public_version__lt=letter.public_version).update(**fields):
        try:
            with transaction.atomic():
                PublicExport.objects.create(letter=letter, kind=kind, language=language, **fields)
        except IntegrityError:
            pass  # another build stored its copy first
    return rows.first()


def _render(letter, kind, language):
    if kind == Kind.PRINT:
        return _print_page(letter, language).encode()
    stream = io.StringIO()
    signatures = Signature.objects.filter(letter=letter)
    # Public: never the coalition's columns (the partner that brought a signature, who ran its
    # import), which can place an organization at risk in a network (see export_rows).
    WRITERS[kind](export_rows(signatures, answers=PUBLIC_ANSWERS), stream)
    return stream.getvalue().encode()


def print_context(letter, language):
    return {
        "letter": letter,
        "letter_text": letter.translated(language),
        "signatories": signatory_list(letter),
    }


def _print_page(letter, language):
    """The printable letter as a GET of its address renders it in `language`: nothing in the
    page comes from the request but its address, and the address is the page's own."""
    path = reverse("signatories:print", kwargs={"slug": letter.slug})
    request = HttpRequest()
    request.method = "GET"
    request.path = path
    request.path_info = "/" + path.removeprefix(get_script_prefix())
    request.resolver_match = resolve(request.path_info)
    with translation.override(language):
        context = print_context(letter, language)
        return render_to_string("letter/print.html", context, request=request)


def stored_export_response(request, export, content_type):
    """The stored copy as a response, compressed for a client that accepts gzip, validated by
    the version it was built for (a copy older than the letter's has older validators)."""
    etag = f'W/"{export.letter_id}-{export.public_version}-{export.language}"'
    last_modified = int(export.public_changed_at.timestamp())
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is None:
        compressed = "gzip" in request.headers.get("Accept-Encoding", "")
        content = export.gzipped if compressed else gzip.decompress(export.gzipped)
        response = HttpResponse(content, content_type=content_type)
        if compressed:
            response["Content-Encoding"] = "gzip"
    else:
        response = unchanged
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
