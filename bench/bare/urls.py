from django.urls import path

from . import views

urlpatterns = [
    path("sign/", views.sign, name="sign"),
    path("sign/thanks/", views.thanks, name="thanks"),
    path("ceiling.json", views.ceiling),
]
