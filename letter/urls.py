from django.urls import path

from . import views

app_name = "letter"

urlpatterns = [
    path("", views.home, name="home"),
    path("letters/<slug:slug>/", views.detail, name="detail"),
    path("letters/<slug:slug>/print/", views.print_letter, name="print"),
    path("letters/<slug:slug>/count.json", views.count_json, name="count"),
]
