from django.urls import path

from . import open_data, views

app_name = "letter"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.choose_language, name="choose_language"),
    path("letters/<slug:slug>/", views.detail, name="detail"),
    path("letters/<slug:slug>/signatories/", views.directory, name="directory"),
    path("letters/<slug:slug>/embed/", views.embed, name="embed"),
    path("letters/<slug:slug>/print/", views.print_letter, name="print"),
    path("letters/<slug:slug>/count.json", open_data.count_json, name="count"),
    path("letters/<slug:slug>/signatories.json", open_data.signatories_json, name="data_json"),
    path("letters/<slug:slug>/signatories.csv", open_data.signatories_csv, name="data_csv"),
]
