import pytest

from signatories.forms import SignatureForm
from tests.factories import sign_form_data

VALID = sign_form_data(
    organization="  Centre   for Rights  ",
    website="centre.example.org",
    email="Achieng@Centre.EXAMPLE.org",
)


def test_valid_form_normalises_input():
    form = SignatureForm(data=VALID)
    assert form.is_valid(), form.errors
    fields = form.signature_fields()
    assert fields["organization"] == "Centre for Rights"
    assert fields["website"] == "https://centre.example.org"
    assert fields["email"] == "Achieng@centre.example.org"
    assert "consent" not in fields


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent", ""),
        ("organization", "   "),
        ("country", "XX"),
        ("scope", "galactic"),
        ("email", "not-an-email"),
        ("website", "javascript:alert(1)"),
        ("contact_name", "nul\x00byte"),
        ("contact_name", ""),
        ("email", ""),
    ],
)
def test_bad_input_is_refused_beside_its_field(field, value):
    form = SignatureForm(data={**VALID, field: value})
    assert not form.is_valid()
    assert field in form.errors


def test_form_offers_the_four_scopes_and_iso_countries():
    form = SignatureForm()
    assert [value for value, _ in form.fields["scope"].choices] == [
        "local",
        "national",
        "regional",
        "international",
    ]
    assert ("FR", "France") in list(form.fields["country"].choices)
