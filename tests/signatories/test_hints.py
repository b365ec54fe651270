import pytest

from signatories import hints


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
