from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .counts import approved_count
from .delivery import by_country, delivery_list, listed_signatures
from .models import Letter


@require_safe
def home(request):
    letter = Letter.objects.open_for_signing().newest_first().first()
    letter = letter or Letter.objects.newest_first().first()
    if letter is None:
        return render(request, "letter/no_letter.html", status=404)
    return redirect(letter)


@require_safe
def detail(request, slug):
    letter = get_object_or_404(Letter, slug=slug)
    context = {
        "letter": letter,
        "count": approved_count(letter.pk),
        "signatories_by_country": by_country(listed_signatures(letter)),
    }
    return render(request, "letter/detail.html", context)


@require_safe
def print_letter(request, slug):
    letter = get_object_or_404(Letter, slug=slug)
    context = {"letter": letter, "signatories": delivery_list(letter)}
    return render(request, "letter/print.html", context)


@require_safe
def count_json(request, slug):
    letter = get_object_or_404(Letter.objects.only("pk"), slug=slug)
    response = JsonResponse({"count": approved_count(letter.pk)})
    patch_cache_control(response, public=True, max_age=settings.COUNT_JSON_MAX_AGE)
    return response
