"""Thousands of generated and hostile inputs to every form and endpoint: never a 500, never
unescaped in a page or an email, never an extra email header."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from signatories.models import Notification
from signatories.moderation.coordinators import COORDINATORS_GROUP
from signatories.tasks import deliver_notification
from tests.factories import LetterUpdateFactory, sign_form_data

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "\u202eevil\u202c",  # bidi override
        "\x00",
        "a\r\nBcc: victim@example.org",
        "x\nSubject: injected",
        "{{ settings.SECRET_KEY }}",
        "{% debug %}",
        "' OR 1=1 --",
        "A" * 5000,
        "\u0000\u0001\u0007\u001b[31m",
        "ﷺ" * 50,
        "😀" * 100,
    ]
)
TEXT = st.one_of(st.text(max_size=300), HOSTILE, st.builds(lambda a, b: a + b, st.text(), HOSTILE))
EXAMPLES = hypothesis_settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALLOWED_HEADERS = {"content-type", "mime-version", "subject", "from", "to", "date", "message-id"}


@pytest.fixture
def permissive_limits(settings):
    settings.RATE_LIMITS = {"sign": ["100000/m"], "confirm": ["100000/m"], "new_link": ["100000/m"]}


def assert_safe(response, *inputs):
    assert response.status_code < 500, response.status_code
    content = response.content.decode("utf-8", "replace")
    for value in inputs:
        if "<script>" in value or "onerror" in value:
            assert "<script>alert(1)" not in content
            assert "<img src=x onerror" not in content


@EXAMPLES
@given(
    organization=TEXT,
    contact_name=TEXT,
    email=st.one_of(st.emails(), TEXT, st.builds(lambda t: f"a{t}@ngo-example.org", TEXT)),
    website=TEXT,
    country=st.one_of(st.just("KE"), TEXT),
    scope=st.one_of(st.just("local"), TEXT),
)
def test_sign_form(client, letter, mailoutbox, permissive_limits, **fields):
    before = set(Notification.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("signatories:sign", args=[letter.slug]), sign_form_data(**fields)
    )
    assert_safe(response, *fields.values())
    for notification in Notification.objects.exclude(pk__in=before):
        mailoutbox.clear()
        deliver_notification(notification.pk)
        (email,) = mailoutbox
        message = email.message()
        assert {name.lower() for name in message} <= ALLOWED_HEADERS
        assert len(email.to) == 1 and "\n" not in email.to[0] and "\r" not in email.subject
        html = email.alternatives[0][0]
        assert "<script>alert(1)" not in html and "<img src=x onerror" not in html


@EXAMPLES
@given(token=TEXT)
def test_confirm_and_withdraw_links(client, permissive_limits, token):
    token = token.replace("/", "")
    for name in ["signatories:confirm", "signatories:withdraw", "signatories:resend_expired"]:
        if not token:
            continue
        url = reverse(name, args=[token])
        assert_safe(client.get(url), token)
        assert_safe(client.post(url), token)


@EXAMPLES
@given(query=TEXT, country=TEXT, region=TEXT, scope=TEXT, page=TEXT)
def test_directory_and_open_data(client, letter, **params):
    assert_safe(
        client.get(reverse("signatories:directory", args=[letter.slug]), params), *params.values()
    )
    assert_safe(client.get(reverse("signatories:data_json", args=[letter.slug]), params))
    assert_safe(
        client.get(
            reverse("signatories:count", args=[letter.slug]),
            HTTP_IF_NONE_MATCH=params["query"][:200].replace("\x00", ""),
        )
    )


@EXAMPLES
@given(email=TEXT)
def test_new_link_form(client, permissive_limits, email):
    assert_safe(client.post(reverse("signatories:new_link"), {"email": email}), email)


@pytest.mark.parametrize(
    "next_url",
    ["x", "env", "a b", "//evil-example.org/", "https://evil-example.org/", "javascript:x"],
)
def test_language_switcher_any_next_redirects_on_this_site(client, next_url):
    """Item 5: whatever `next` holds, the switcher redirects, and only to a path here."""
    response = client.get(reverse("letter:choose_language"), {"next": next_url, "language": "fr"})
    assert response.status_code == 302
    assert response.url == "/"


def test_language_switcher_keeps_a_local_next(client):
    response = client.get(reverse("letter:choose_language"), {"next": "/letters/x/?a=b c"})
    assert response.status_code == 302
    assert response.url == "/letters/x/?a=b%20c"


def public_urls(letter):
    slug = [letter.slug]
    return [
        reverse("letter:home"),
        reverse("letter:choose_language"),
        *(
            reverse(f"signatories:{name}", args=slug)
            for name in ["letter", "directory", "embed", "print", "count", "data_json", "data_csv"]
        ),
        reverse("signatories:sign", args=slug),
        reverse("signatories:check_inbox", args=slug),
        reverse("signatories:new_link"),
        reverse("signatories:confirm", args=["abc"]),
        reverse("signatories:withdraw", args=["abc"]),
    ]


# The parameters the public views read, and made-up ones.
PARAM_NAMES = st.one_of(
    st.sampled_from(["next", "language", "query", "country", "region", "scope", "page"]),
    st.text(max_size=20),
)
QUERY_PARAMS = st.dictionaries(PARAM_NAMES, TEXT, max_size=4)


@hypothesis_settings(EXAMPLES, max_examples=25)
@given(params=QUERY_PARAMS)
def test_every_public_url_with_any_query_string_answers_below_500(client, letter, params):
    """Item 5: no query string makes a public page fail."""
    for url in public_urls(letter):
        assert_safe(client.get(url, params), *params.values())


ADMIN_FILTERS = ["country", "scope__exact", "domain_check__exact", "letter__id__exact", "q"]
ADMIN_FILTER_NAMES = st.one_of(
    st.sampled_from([*ADMIN_FILTERS, "status", "duplicate", "o", "p", "e"]), st.text(max_size=20)
)


@pytest.mark.services  # PostgreSQL refuses a NUL where SQLite takes it
@pytest.mark.parametrize("name", ADMIN_FILTERS)
def test_admin_changelist_filters_with_a_nul_answer_below_500(moderator_client, signature, name):
    """Item 5: `?country=%00` and the like were a 500 on PostgreSQL."""
    url = reverse("admin:signatories_signature_changelist")
    assert moderator_client.get(f"{url}?{name}=%00").status_code < 500


@pytest.mark.services
@hypothesis_settings(EXAMPLES, max_examples=25)
@given(params=st.dictionaries(ADMIN_FILTER_NAMES, TEXT, max_size=3))
def test_admin_changelist_with_any_query_string_answers_below_500(
    moderator_client, signature, params
):
    url = reverse("admin:signatories_signature_changelist")
    assert moderator_client.get(url, params).status_code < 500


@pytest.fixture
def coordinator_client(client, letter):
    user = get_user_model().objects.create_user("coord", password="x-Long-pass-42", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    LetterUpdateFactory(letter=letter)
    client.force_login(user)
    return client


# The changelists with a date hierarchy, and its field: a coordinator sees both.
DATE_HIERARCHIES = [("letter_letter", "date"), ("letter_letterupdate", "published_on")]
HUGE = "99999999999999999999999"


@pytest.mark.parametrize(("changelist", "field"), DATE_HIERARCHIES)
@pytest.mark.parametrize(
    "query",
    [
        {"__year": HUGE},
        {"__year": "9999"},
        {"__year": "2024", "__month": HUGE},
        {"__year": "2024", "__month": "12", "__day": HUGE},
        {"__month": HUGE},
        {"__day": HUGE},
        {"__year": "-1"},
    ],
)
def test_admin_date_filters_with_a_huge_year_answer_below_500(
    coordinator_client, changelist, field, query
):
    """Issue 21, item 12: `?date__year=99999999999999999999999` was a 500 on the letters
    and the updates; now the list reopens without the filter, as for any wrong filter."""
    url = reverse(f"admin:{changelist}_changelist")
    response = coordinator_client.get(url, {field + part: value for part, value in query.items()})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")
    assert coordinator_client.get(response.url).status_code == 200


DATE_PART_VALUES = st.one_of(
    TEXT, st.integers().map(str), st.integers(min_value=-3, max_value=10000).map(str)
)


@pytest.mark.services
@hypothesis_settings(EXAMPLES, max_examples=25)
@given(
    params=st.dictionaries(
        st.sampled_from(["__year", "__month", "__day", "__gte", "__lt", "__year__gt"]),
        DATE_PART_VALUES,
        max_size=3,
    ),
    hierarchy=st.sampled_from(DATE_HIERARCHIES),
)
def test_admin_date_filters_with_any_query_string_answer_below_500(
    coordinator_client, hierarchy, params
):
    changelist, field = hierarchy
    url = reverse(f"admin:{changelist}_changelist")
    query = {field + part: value for part, value in params.items()}
    assert coordinator_client.get(url, query).status_code < 500


@pytest.mark.services
@pytest.mark.parametrize("action", ["approve_signatures", "reject_signatures", "export_csv"])
@pytest.mark.parametrize("selected", ["abc", "", "1.5", "1; x", "9" * 30])
def test_admin_action_with_invalid_selection_says_so(
    moderator_client, confirmed_signature, action, selected
):
    """Item 5: an action posted with `_selected_action=abc` was a 500; now it says so."""
    url = reverse("admin:signatories_signature_changelist")
    response = moderator_client.post(
        url, {"action": action, "_selected_action": [selected]}, follow=True
    )
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "Items must be selected" in response.content.decode()
    confirmed_signature.refresh_from_db()
    assert confirmed_signature.status == confirmed_signature.Status.CONFIRMED
