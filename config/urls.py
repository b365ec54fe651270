from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic.base import RedirectView

from config.health import healthz

admin.site.site_header = _("Sign-on moderation")
admin.site.site_title = _("Sign-on moderation")
admin.site.index_title = _("Review queue and letters")
# The side menu would take a third of a laptop's screen from the review queue, to list the
# three or four pages the home page and the breadcrumbs already link to.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path(
        "favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.ico", permanent=True)
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("letter.urls")),
    path("", include("signatories.urls")),
]

handler500 = "config.errors.server_error"
