"""The whole bare sign-on: a form, one INSERT, one LPUSH, a redirect."""

import redis
from django import forms
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django_countries.data import COUNTRIES  # only the names: 249 countries

from .models import SignOn

# The one connection pool of this process, as a worker's task queue client would keep.
queue = redis.Redis.from_url(settings.REDIS_URL)


class SignOnForm(forms.Form):
    organization = forms.CharField(max_length=200)
    country = forms.ChoiceField(choices=[("", "---------"), *sorted(COUNTRIES.items())])
    email = forms.EmailField()
    consent = forms.BooleanField()


def sign(request):
    form = SignOnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signon = SignOn.objects.create(
            organization=data["organization"],
            country=data["country"],
            email=data["email"],
            consented_at=timezone.now(),
        )
        queue.lpush(settings.QUEUE_KEY, signon.pk)
        return redirect("thanks")
    return render(request, "bare/sign.html", {"form": form})


def thanks(request):
    return HttpResponse("Check your inbox.")


def ceiling(request):
    """A constant JSON body through Django's default middleware: the fastest a Django process
    answers anything, the unit of the front door's rows (bench/front_door.py)."""
    return JsonResponse({"count": 1234})
