"""Public data endpoints: the count and the named signatories as JSON and CSV. Any site may
read them (CORS), and a client that already holds the current version gets 304."""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import public_state
from letter.updates import updates_data

from .counts import approved_count
from .export import CONTENT_TYPES, WRITERS, export_rows
from .models import Signature


def _etag(request, slug, **kwargs):
    return public_state(request, slug).etag


def _last_modified(request, slug, **kwargs):
    return public_state(request, slug).public_changed_at


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


@public_page()
@open_data
def count_json(request, slug):
    return JsonResponse({"count": approved_count(public_state(request, slug))})


def _data_response(request, slug, fmt):
    signatures = Signature.objects.filter(letter_id=public_state(request, slug).pk)
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    WRITERS[fmt](export_rows(signatures), response)
    return response


@public_page()
@open_data
def signatories_json(request, slug):
    return _data_response(request, slug, "json")


@public_page()
@open_data
def signatories_csv(request, slug):
    response = _data_response(request, slug, "csv")
    response["Content-Disposition"] = f'inline; filename="{slug}-signatories.csv"'
    return response


@public_page()
@open_data
def updates_json(request, slug):
    letter = Letter.objects.get(pk=public_state(request, slug).pk)
    delivered_on = letter.delivered_on.isoformat() if letter.delivered_on else None
    return JsonResponse(
        {"letter": letter.slug, "delivered_on": delivered_on, "updates": updates_data(letter)},
        json_dumps_params={"ensure_ascii": False},
    )
