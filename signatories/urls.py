from django.urls import path

from . import open_data, pages, views

app_name = "signatories"

urlpatterns = [
    path("letters/<slug:slug>/", pages.letter_page, name="letter"),
    path("letters/<slug:slug>/signatories/", pages.directory, name="directory"),
    path("letters/<slug:slug>/embed/", pages.embed, name="embed"),
    path("letters/<slug:slug>/print/", pages.print_letter, name="print"),
    path("letters/<slug:slug>/count.json", open_data.count_json, name="count"),
    path("letters/<slug:slug>/signatories.json", open_data.signatories_json, name="data_json"),
    path("letters/<slug:slug>/signatories.csv", open_data.signatories_csv, name="data_csv"),
    path("letters/<slug:slug>/sign/", views.sign, name="sign"),
    path("letters/<slug:slug>/sign/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/new-link/", views.new_link, name="new_link"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/new-link/", views.resend_expired, name="resend_expired"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("letters/<slug:slug>/updates.json", open_data.updates_json, name="updates_json"),
]
