from django.urls import path

from . import views

app_name = "signatories"

urlpatterns = [
    path("letters/<slug:slug>/sign/", views.sign, name="sign"),
    path("letters/<slug:slug>/sign/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/new-link/", views.new_link, name="new_link"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/new-link/", views.resend_expired, name="resend_expired"),
    path("withdraw/<str:token>/", views.withdraw, name="withdraw"),
]
