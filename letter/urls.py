from django.urls import path

from . import views

app_name = "letter"

# The pages that show the letter with its signatories are in signatories/urls.py.
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.choose_language, name="choose_language"),
    path("privacy/", views.privacy, name="privacy"),
    path("coalition-logo/<slug:digest>/", views.logo, name="logo"),
    path("coalition-<slug:digest>.css", views.accent_css, name="accent_css"),
    path(
        "letters/<slug:slug>/updates/<int:pk>/attachment.pdf",
        views.update_attachment,
        name="update_attachment",
    ),
]
