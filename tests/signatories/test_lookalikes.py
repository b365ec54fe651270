"""Look-alike names (signatories/lookalikes.py and the forms, hints, queue, searches and
exports that use it): issue 21, item 4. The names are those the outside test used."""

import csv
import io

import pytest
from django.urls import reverse

from signatories.forms import ModeratorSignatureForm, NewLinkForm, SignatureForm
from signatories.lookalikes import international_domains, mixed_scripts, name_skeleton
from signatories.models import Signature
from signatories.moderation.selectors import has_warning, with_duplicate_hints
from signatories.public.directory import filter_directory
from tests.factories import CHANGELIST, SignatureFactory, sign_form_data

REAL = "Amnesty International"
CYRILLIC_A = "Amnesty Internation\u0430l"
ZERO_WIDTH_SPACE = "Amnesty Inter\u200bnational"
RIGHT_TO_LEFT_OVERRIDE = "\u202elanoitanretnI ytsenmA"
PALOCHKA = "Amnesty Internationa\u04cf"
HIDDEN = [ZERO_WIDTH_SPACE, RIGHT_TO_LEFT_OVERRIDE, "Amnesty\u2060 International"]


@pytest.mark.parametrize("name", HIDDEN)
def test_lookalike_names_invisible_and_bidi_characters_refused_in_every_signer_text(name):
    for field in ("organization", "contact_name"):
        form = SignatureForm(data=sign_form_data(**{field: name}))
        assert not form.is_valid()
        assert "invisible characters" in str(form.errors[field])
    hidden_in_domain = "achieng@centre\u200b.example.org"
    for form in (
        SignatureForm(data=sign_form_data(email=hidden_in_domain)),
        NewLinkForm(data={"email": hidden_in_domain}),
    ):
        assert not form.is_valid()
        assert "invisible characters" in str(form.errors["email"])


def test_lookalike_names_refusal_keeps_the_joiners_scripts_need():
    persian = (
        "\u0627\u0646\u062c\u0645\u0646 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645"
    )
    assert SignatureForm(data=sign_form_data(organization=persian)).is_valid()
    form = SignatureForm(data=sign_form_data(organization="Inter\u200cnational"))
    assert not form.is_valid()


def test_lookalike_names_moderators_corrections_refuse_them_too(letter):
    data = {**sign_form_data(organization=ZERO_WIDTH_SPACE), "letter": letter.pk, "agreed": "on"}
    assert "organization" in ModeratorSignatureForm(data=data).errors


def test_lookalike_names_share_the_skeleton_of_the_name_they_imitate():
    assert name_skeleton(CYRILLIC_A) == name_skeleton(REAL)
    assert name_skeleton(PALOCHKA) == name_skeleton(REAL)
    assert name_skeleton("AMNESTY INTERNATION\u0410L") == name_skeleton(REAL)
    assert name_skeleton("Amnesty Action") != name_skeleton(REAL)


@pytest.mark.django_db
def test_lookalike_names_get_a_duplicate_hint(letter):
    SignatureFactory(letter=letter, organization=REAL, approved=True)
    for name in (CYRILLIC_A, PALOCHKA):
        SignatureFactory(letter=letter, organization=name, confirmed=True)
    hinted = with_duplicate_hints(Signature.objects.filter(letter=letter).order_by("pk"))
    real, *lookalikes = hinted
    assert all(s.lookalike_name and not s.same_name for s in lookalikes)
    # The real one is flagged too (the moderator sees both sides); the same name twice is
    # "same name", not a look-alike.
    assert real.lookalike_name
    twin = SignatureFactory(letter=letter, organization=REAL.upper(), confirmed=True)
    twin = with_duplicate_hints(Signature.objects.filter(pk=twin.pk)).get()
    assert twin.same_name


def test_lookalike_names_mixed_scripts_and_international_domains_detected():
    assert mixed_scripts(CYRILLIC_A) == ["Latin", "Cyrillic"]
    assert mixed_scripts(REAL) == []
    assert mixed_scripts("\u65e5\u672c\u30e6\u30cb\u30bb\u30d5\u5354\u4f1a") == []  # Japanese
    email, website = "info@\u0430mnesty-test.org", "https://\u0430mnesty-test.org/"
    assert international_domains(email, website) == ["\u0430mnesty-test.org"]
    assert international_domains("a@xn--mnesty-test-xij.org", "") == ["\u0430mnesty-test.org"]
    assert international_domains("a@amnesty.org", "https://amnesty.org") == []


@pytest.mark.django_db
def test_lookalike_names_queue_shows_warning_badges_not_domain_matches_alone(
    moderator_client, letter
):
    SignatureFactory(letter=letter, organization=REAL, approved=True)
    lookalike = SignatureFactory(
        letter=letter,
        organization=PALOCHKA,
        email="info@\u0430mnesty-test.org",
        website="https://\u0430mnesty-test.org",
        confirmed=True,
    )
    assert lookalike.domain_check == "match"
    content = moderator_client.get(CHANGELIST).content.decode()
    assert 'class="hint hint-warn" title="The name mixes writing systems' in content
    assert "international domain</span>" in content
    assert "possible duplicate: look-alike name" in content
    review = moderator_client.get(
        reverse("admin:signatories_signature_review", args=[lookalike.pk])
    )
    assert "Latin, Cyrillic" in review.content.decode()
    hinted = with_duplicate_hints(Signature.objects.filter(pk=lookalike.pk)).get()
    assert has_warning(hinted)


@pytest.mark.django_db
def test_lookalike_names_search_finds_them(moderator_client, letter):
    found = SignatureFactory(letter=letter, organization=CYRILLIC_A, approved=True)
    SignatureFactory(letter=letter, organization="Other Group", approved=True)
    directory = filter_directory(Signature.objects.public(), query="international")
    assert list(directory) == [found]
    response = moderator_client.get(CHANGELIST, {"q": "International", "status": "all"})
    assert list(response.context["cl"].result_list) == [found]


@pytest.mark.django_db
def test_lookalike_names_csv_export_carries_no_invisible_characters(letter):
    from signatories.public import export

    # Stored before this change (or by hand in the database): the export drops them.
    SignatureFactory(letter=letter, organization=ZERO_WIDTH_SPACE, approved=True)
    SignatureFactory(letter=letter, organization=RIGHT_TO_LEFT_OVERRIDE, approved=True)
    stream = io.StringIO()
    export.write_csv(export.export_rows(Signature.objects.filter(letter=letter)), stream)
    text = stream.getvalue()
    assert "\u200b" not in text and "\u202e" not in text
    names = [row["organization"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    assert "Amnesty International" in names
