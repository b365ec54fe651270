from django.http import JsonResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 (the site's error pages)
from config.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    """A constant, small JSON body through the full middleware stack: the fastest any page
    of this site could be served by this gunicorn configuration."""
    return JsonResponse({"count": 1234})


urlpatterns = [path("bench/ceiling.json", ceiling), *site_urlpatterns]
