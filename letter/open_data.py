"""Public data endpoints: the count and the named signatories as JSON and CSV. Any site may
read them (CORS), and a client that already holds the current version gets 304."""

import datetime
import functools

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from signatories.export import CONTENT_TYPES, WRITERS, export_rows

from .models import Letter
from .publication import approved_count, public_version


def letter_id_for(slug):
    """Letter ids by slug, cached: the busiest endpoints then need no database query."""
    key = f"letter-slug:{slug}"
    letter_id = cache.get(key)
    if letter_id is None:
        letter_id = Letter.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if letter_id is None:
            raise Http404("No such letter")
        cache.set(key, letter_id, 300)
    return letter_id


def _etag(request, slug, **kwargs):
    letter_id = letter_id_for(slug)
    return f'"{letter_id}-{public_version(letter_id)!r}"'


def _last_modified(request, slug, **kwargs):
    version = public_version(letter_id_for(slug))
    return datetime.datetime.fromtimestamp(version, tz=datetime.UTC)


def open_data(view):
    """GET/HEAD only, readable from any origin, validated by the letter's public version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=settings.COUNT_JSON_MAX_AGE)
        return response

    conditional = require_safe(condition(etag_func=_etag, last_modified_func=_last_modified)(view))
    return wrapper


@open_data
def count_json(request, slug):
    return JsonResponse({"count": approved_count(letter_id_for(slug))})


def _signatures(slug):
    return Letter.objects.get(pk=letter_id_for(slug)).signatures.all()


def _data_response(slug, fmt):
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    WRITERS[fmt](export_rows(_signatures(slug)), response)
    return response


@open_data
def signatories_json(request, slug):
    return _data_response(slug, "json")


@open_data
def signatories_csv(request, slug):
    response = _data_response(slug, "csv")
    response["Content-Disposition"] = f'inline; filename="{slug}-signatories.csv"'
    return response
