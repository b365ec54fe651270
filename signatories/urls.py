from django.urls import include, path

from signatories import views
from signatories.partners import views as partner_views
from signatories.public import open_data, pages

# Everything about one letter lives under its address.
letter_urls = [
    path("", pages.letter_page, name="letter"),
    path("signatories/", pages.directory, name="directory"),
    path("embed/", pages.embed, name="embed"),
    path("print/", pages.print_letter, name="print"),
    path("count.json", open_data.count_json, name="count"),
    path("signatories.json", open_data.signatories_json, name="data_json"),
    path("signatories.csv", open_data.signatories_csv, name="data_csv"),
    path("share.png", open_data.share_image, name="share_image"),
    path("updates.json", open_data.updates_json, name="updates_json"),
    path("sign/", views.sign, name="sign"),
    path("sign/check-your-inbox/", views.check_inbox, name="check_inbox"),
    # The form a partner embeds on its website (signatories/partners/).
    path("sign/embed/<slug:code>/", partner_views.embed_sign, name="embed_sign"),
    path("sign/embed/<slug:code>/done/", partner_views.embed_done, name="embed_done"),
]

app_name = "signatories"
urlpatterns = [
    path("letters/<slug:slug>/", include(letter_urls)),
    path("confirm/new-link/", views.new_link, name="new_link"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/correct/", views.correct, name="correct"),
    path("confirm/<str:token>/new-link/", views.resend_expired, name="resend_expired"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("withdraw/confirm/<str:token>/", views.withdraw_confirm, name="withdraw_confirm"),
    path("withdraw/undo/<str:token>/", views.undo_withdrawal, name="undo_withdrawal"),
    path("partners/<str:secret>/", partner_views.partner_page, name="partner_page"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
