import pytest
from django.urls import reverse
from django.utils import translation

from signatories.forms import ModeratorSignatureForm, NewLinkForm, SignatureForm
from signatories.signing import services
from tests.factories import sign_form_data

VALID = sign_form_data(
    organization="  Centre   for Rights  ",
    website="centre.example.org",
    email="Achieng@Centre.EXAMPLE.org",
)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [SignatureForm, ModeratorSignatureForm])
def test_names_are_stored_with_one_spelling(letter, form_class):
    # Normalised by the forms, once: the services store what they are given.
    data = sign_form_data(organization="Cafe\u0301  des  Droits", contact_name=" A\u0301da  Li ")
    form = form_class(data={**data, "letter": letter.pk, "agreed": "on"})
    assert form.is_valid(), form.errors
    fields = form.signature_fields()
    assert fields["organization"] == "Caf\u00e9 des Droits"
    assert fields["contact_name"] == "\u00c1da Li"
    if form_class is SignatureForm:
        signature = services.signature_submit(letter=letter, **fields)
    else:
        signature = services.signature_add_by_moderator(moderator=None, **fields)
    signature.refresh_from_db()
    assert signature.organization == "Caf\u00e9 des Droits"


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
        # What the model's own validation refuses too (the sign-on form does not repeat it).
        ("organization", "O" * 256),
        ("contact_name", "C" * 201),
        ("listing", "famous"),
        ("website", "https://" + "w" * 490 + ".org"),
        ("email", "a" * 250 + "@ngo.org"),
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


MODERATOR_DATA = {
    "organization": "Centre for Rights",
    "country": "KE",
    "scope": "national",
    "listing": "named",
    "agreed": "on",
}


def signature_forms(letter, **changes):
    """The public sign-on form and the moderators' form for a signature received on paper."""
    return [
        SignatureForm(data={**VALID, **changes}),
        ModeratorSignatureForm(data={**MODERATOR_DATA, "letter": letter.pk, **changes}),
    ]


@pytest.mark.parametrize(
    ("website", "message"),
    [
        ("http://amnesty.org\\@evil.org/", "not backslashes"),
        ("https://amnesty.org@evil.org/", "without a user name or password"),
        ("https://user:secret@ngo.org/", "without a user name or password"),
        ("ftp://ngo.org/", "starts with https:// or http://"),
        ("https://127.0.0.1/", "not an IP address"),
        ("https://[::1]/", "not an IP address"),
        ("https://localhost/", "not an IP address"),
        ("https://ngo.org:8080/", "Remove the port number"),
        ("https://ngo.org/\tpath", "invisible characters"),
        ("https://ngo.org/a\nb", "invisible characters"),
        ("https://ngo.org/a b", "invisible characters"),
        ("https://ngo.org/\x01", "invisible characters"),
        ("https://ngo.org/\u202egro.live", "invisible characters"),
    ],
)
def test_ambiguous_website_is_refused_with_what_to_do(letter, website, message):
    for form in signature_forms(letter, website=website):
        assert not form.is_valid()
        assert [message in error for error in form.errors["website"]] == [True], form.errors


@pytest.mark.parametrize(
    ("website", "stored"),
    [
        ("ngo.example.org", "https://ngo.example.org"),
        (
            "http://www.ngo.example.org/about?lang=fr#team",
            "http://www.ngo.example.org/about?lang=fr#team",
        ),
        ("https://bücher.example.de/", "https://bücher.example.de/"),
    ],
)
def test_ordinary_website_is_accepted(letter, website, stored):
    for form in signature_forms(letter, website=website):
        assert form.is_valid(), form.errors
        assert form.cleaned_data["website"] == stored


def test_website_error_is_in_the_signers_language(letter):
    with translation.override("fr"):
        form = SignatureForm(data={**VALID, "website": "https://user@ngo.org"})
        assert not form.is_valid()
        assert "sans nom d’utilisateur" in form.errors["website"][0]


@pytest.mark.parametrize(
    "email", ["a@[127.0.0.1]", "a@[IPv6:::1]", "a@localhost", "a@LOCALHOST", "a@ngo"]
)
def test_email_at_an_ip_address_or_a_local_name_is_refused(letter, email):
    for form in [*signature_forms(letter, email=email), NewLinkForm(data={"email": email})]:
        assert not form.is_valid()
        assert len(form.errors["email"]) == 1, form.errors


@pytest.mark.parametrize(
    "email",
    [
        "a@host.local",
        "a@corp.internal",
        "a@ngo.example",
        "a@x.test",
        "a@x.invalid",
        "a@x.alt",
        "a@hidden.onion",
        "a@router.home.arpa",
        "a@co.uk",  # a public suffix, not a domain anyone registered
        "a@ngo.lan",  # no such suffix
    ],
)
def test_email_at_a_special_use_or_non_public_suffix_is_refused(letter, email):
    """Issue 21, item 13: mail to these names never reaches anyone outside a private
    network, yet the forms accepted them."""
    for form in [*signature_forms(letter, email=email), NewLinkForm(data={"email": email})]:
        assert not form.is_valid()
        assert len(form.errors["email"]) == 1, form.errors


@pytest.mark.parametrize("email", ["a@ngo.org", "a@bbc.co.uk", "a@mail.ngo.example.org"])
def test_email_at_a_registrable_public_domain_is_accepted(email):
    assert NewLinkForm(data={"email": email}).is_valid()


def test_email_refusal_says_to_use_a_domain_name(client, db):
    # db: the page's footer reads who runs the site (once, then cached).
    response = client.post(reverse("signatories:new_link"), {"email": "a@[127.0.0.1]"})

    assert "Enter an email address at a domain name, such as name@ngo.org." in response.text


def test_each_missing_answer_says_what_to_do():
    form = SignatureForm(data={"organization": "   "})
    assert not form.is_valid()
    assert {name: errors[0] for name, errors in form.errors.items() if name != "__all__"} == {
        "organization": "Enter the organization’s name.",
        "country": "Choose the country where the organization is based.",
        "scope": "Choose the scope of the organization’s work.",
        "listing": "Choose how the organization should be listed.",
        "contact_name": "Enter your name.",
        "email": "Enter your email address.",
        "consent": (
            "Tick the box to agree that your contact details are used to confirm and manage "
            "this signature."
        ),
    }


@pytest.mark.parametrize(
    "form", [SignatureForm(data={**VALID, "email": "nope"}), NewLinkForm(data={"email": "nope"})]
)
def test_a_malformed_email_gets_an_example(form):
    assert form.errors["email"] == ["Enter an email address such as name@ngo.org."]


def test_the_error_summary_links_each_error_to_its_first_input():
    form = SignatureForm(data={**VALID, "scope": "", "email": "", "consent": ""})
    assert not form.is_valid()
    assert [(error.target, error.message) for error in form.error_summary()] == [
        ("id_scope_0", "Choose the scope of the organization’s work."),
        ("id_email", "Enter your email address."),
        (
            "id_consent",
            "Tick the box to agree that your contact details are used to confirm and manage "
            "this signature.",
        ),
    ]


@pytest.mark.django_db
def test_the_country_list_asks_for_a_choice_instead_of_dashes(letter):
    for form in signature_forms(letter):
        choices = list(form.fields["country"].choices)
        assert choices[0] == ("", "Choose a country")
        assert all(value for value, _ in choices[1:])
        assert "---------" not in str(form["country"])
    with translation.override("fr"):
        assert list(SignatureForm().fields["country"].choices)[0] == ("", "Choisissez un pays")


def test_browsers_may_fill_in_the_signers_details():
    form = SignatureForm()
    autocomplete = {
        name: form.fields[name].widget.attrs.get("autocomplete")
        for name in ("organization", "contact_name", "email", "website", "country")
    }
    assert autocomplete == {
        "organization": "organization",
        "contact_name": "name",
        "email": "email",
        "website": "url",
        "country": "country",
    }
    assert 'autocomplete="country"' in str(form["country"])
    assert NewLinkForm().fields["email"].widget.attrs["autocomplete"] == "email"


def test_the_email_hint_asks_for_an_address_at_the_organizations_domain():
    assert "organization’s own domain" in str(SignatureForm().fields["email"].help_text)
