import importlib
import socket

import publicsuffixlist
import pytest

from signatories import hints
from signatories.models import Signature
from tests.factories import SignatureFactory


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Amnesty International", "amnesty  international"),
        ("The Centre for Rights", "Centre for Rights"),
        ("Société Générale", "SOCIETE GENERALE"),
        ("Human Rights Watch, Inc.", "Human Rights Watch Inc"),
        ("Centre-for-Rights", "Centre for Rights"),
    ],
)
def test_spellings_of_one_name_share_a_key(a, b):
    assert hints.organization_key(a) == hints.organization_key(b)


def test_different_names_have_different_keys():
    assert hints.organization_key("Theatre Group") != hints.organization_key("Atre Group")
    assert hints.organization_key("Amnesty Kenya") != hints.organization_key("Amnesty Uganda")


@pytest.mark.parametrize(
    ("email", "website", "expected"),
    [
        ("info@ngo.org", "https://www.ngo.org/", "match"),
        ("info@mail.ngo.org", "ngo.org", "match"),
        ("info@NGO.org", "https://NGO.ORG", "match"),
        ("info@ngo.org", "https://other.org", "mismatch"),
        ("info@fake-ngo.org", "https://ngo.org", "mismatch"),
        ("someone@gmail.com", "https://gmail.com", "webmail"),
        ("someone@protonmail.com", "https://ngo.org", "webmail"),
        ("info@ngo.org", "", "no_website"),
        ("", "https://ngo.org", "no_email"),
    ],
)
def test_domain_check(email, website, expected):
    assert hints.domain_check(email, website) == expected


@pytest.mark.parametrize(
    ("email", "website", "expected"),
    [
        # A browser reads the backslash as a slash and opens amnesty.org.
        ("info@evil.org", "http://amnesty.org\\@evil.org/", "mismatch"),
        ("info@amnesty.org", "http://amnesty.org\\@evil.org/", "match"),
        ("info@evil.org", "https://amnesty.org%2F@evil.org", "match"),
        ("info@mail.ngo.org", "https://www.ngo.org", "match"),
        ("info@mail.ngo.org", "https://shop.ngo.org/", "match"),
        ("info@bbc.co.uk", "https://co.uk", "mismatch"),
        ("info@bbc.co.uk", "https://www.bbc.co.uk", "match"),
        ("info@one.github.io", "https://two.github.io", "mismatch"),
        ("info@xn--bcher-kva.de", "https://BÜCHER.de", "match"),
    ],
)
def test_domain_check_compares_the_registrable_domain_a_browser_opens(email, website, expected):
    assert hints.domain_check(email, website) == expected


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("mail.ngo.org", "ngo.org"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("co.uk", "co.uk"),
        ("ngo.org.", "ngo.org"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_registrable_domain(host, registrable):
    assert hints.registrable_domain(host) == registrable


def test_public_suffix_list_is_the_bundled_one_and_never_fetched(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the Public Suffix List must not be fetched")

    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)

    importlib.reload(hints)

    assert hints.registrable_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert hints.PUBLIC_SUFFIXES_FILE == publicsuffixlist.PSLFILE


@pytest.mark.django_db
def test_migration_recomputes_the_stored_domains(letter):
    from django.apps import apps

    recompute = importlib.import_module(
        "signatories.migrations.0007_recompute_registrable_domains"
    ).recompute
    signature = SignatureFactory(
        letter=letter, email="info@evil.org", website="http://amnesty.org\\@evil.org/"
    )
    # As the previous version of the hints stored it.
    Signature.objects.filter(pk=signature.pk).update(
        email_domain="evil.org", website_domain="evil.org", domain_check="match"
    )

    recompute(apps, None)

    signature.refresh_from_db()
    assert (signature.email_domain, signature.website_domain, signature.domain_check) == (
        "evil.org",
        "amnesty.org",
        "mismatch",
    )
