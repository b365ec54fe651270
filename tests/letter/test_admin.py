import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_administrator_pauses_signing_from_the_admin(admin_client, letter):
    url = reverse("admin:letter_letter_change", args=[letter.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "signing_opens_at_0": letter.signing_opens_at.strftime("%Y-%m-%d"),
            "signing_opens_at_1": letter.signing_opens_at.strftime("%H:%M:%S"),
            "signing_paused": "on",
            "pause_message": "Back soon.",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        }
    )
    data.pop("signing_opens_at", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    letter.refresh_from_db()
    assert letter.signing_paused
    assert letter.signing_state() == "paused"
    assert not letter.is_open
