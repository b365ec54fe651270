import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from signatories.models import Signature
from signatories.moderation.selectors import letter_reports
from tests.factories import LetterFactory, SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db

REPORT = reverse("admin:signatories_signature_report")
DAY = datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def signature_at(letter, created, status, *, confirmed=None, decided=None, **fields):
    signature = SignatureFactory(
        letter=letter, status=status, confirmed_at=confirmed, decided_at=decided, **fields
    )
    # created_at is stamped on insert: date it as the dataset says.
    Signature.objects.filter(pk=signature.pk).update(created_at=created)
    return signature


@pytest.fixture
def known_letter(letter):
    """Three days of a letter: decisions taken 1 to 11 hours after confirmation."""
    countries = ["KE"] * 4 + ["FR"] * 3 + ["BR"] * 2 + ["JP"]
    for hours, country in enumerate(countries, start=1):
        signature_at(
            letter, DAY, "approved", confirmed=DAY, decided=DAY + hours * HOUR, country=country
        )
    signature_at(letter, DAY, "rejected", confirmed=DAY, decided=DAY + 11 * HOUR)
    second, third = DAY + 24 * HOUR, DAY + 48 * HOUR
    for _ in range(2):
        signature_at(letter, second, "confirmed", confirmed=second)
    signature_at(letter, third, "unconfirmed")
    signature_at(letter, third, "blocked")
    # Added by a moderator from paper: nobody waited for a decision.
    signature_at(
        letter, third, "approved", confirmed=third, decided=third,
        added_by_moderator=True, country="FJ",
    )  # fmt: skip
    return letter


def test_figures_for_a_known_letter(known_letter):
    (report,) = [r for r in letter_reports() if r.letter == known_letter]
    assert report.by_status == {
        "approved": 11, "rejected": 1, "confirmed": 2, "unconfirmed": 1, "blocked": 1,
    }  # fmt: skip
    day1, day2, day3 = (d.date() for d in (DAY, DAY + 24 * HOUR, DAY + 48 * HOUR))
    assert report.daily == {
        "submitted": {day1: 11, day2: 2, day3: 2},  # blocked spam is not counted
        "confirmed": {day1: 11, day2: 2},
        "approved": {day1: 10, day3: 1},
    }
    assert report.median_decision_time == 6 * HOUR
    assert report.p90_decision_time == 10 * HOUR
    assert report.approved_by_region == {
        "Africa": 4, "Americas": 2, "Asia": 1, "Europe": 3, "Oceania": 1,
    }  # fmt: skip


def test_page_shows_the_figures_and_charts(moderator_client, known_letter):
    response = moderator_client.get(REPORT)
    assert response.status_code == 200
    (shown,) = [r for r in response.context["reports"] if r["letter"] == known_letter]
    statuses = dict(shown["statuses"])
    assert statuses["Awaiting review"] == 2 and statuses["Withdrawn"] == 0
    # The known letter is the newest; the seed letter follows.
    content = response.content.decode().split('id="content-main"')[1].split("</section>")[0]
    assert known_letter.title in content
    assert re.search(r'class="median">6\s+hours<', content)
    assert re.search(r'class="p90">10\s+hours<', content)
    # Three days, three lines: a point for each; a bar for each region.
    assert content.count("<svg") == 2
    assert content.count('<circle class="point"') == 9
    assert content.count("<polyline") == 3
    assert content.count('<rect class="bar"') == 5
    assert re.search(r"<th scope=\"row\">Europe</th><td>3</td>", content)
    assert 'role="img"' in content and "<title" in content
    assert "style=" not in content and "<script" not in content


def test_page_in_french_keeps_svg_numbers_valid(moderator_client, known_letter):
    with translation.override("fr"):
        response = moderator_client.get(REPORT, headers={"accept-language": "fr"})
    content = response.content.decode()
    assert "Signatures par lettre" in content
    # Decimal commas would break the coordinates.
    assert not re.search(r'c[xy]="\d+,\d', content)


def test_linked_from_the_admin_index(moderator_client):
    assert REPORT in moderator_client.get(reverse("admin:index")).content.decode()


def test_refused_to_anonymous_and_non_staff(client, django_user_model):
    assert client.get(REPORT).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("someone", password="x")
    client.force_login(user)
    assert client.get(REPORT).status_code == 302


def test_refused_to_staff_without_view_permission(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(REPORT).status_code == 403


def test_a_letter_without_signatures(moderator_client, letter):
    response = moderator_client.get(REPORT)
    content = response.content.decode()
    assert "No signatures yet." in content and "No decisions yet." in content


def fill(count):
    bulk_signatures(LetterFactory(), count // 2)
    bulk_signatures(LetterFactory(), count // 2, status=Signature.Status.CONFIRMED)


def test_same_number_of_queries_for_10_and_1000_signatures(
    moderator_client, django_assert_num_queries
):
    fill(10)
    moderator_client.get(REPORT)  # the session and user are loaded as on any later request
    with CaptureQueriesContext(connection) as with_10:
        assert moderator_client.get(REPORT).status_code == 200
    Signature.objects.all().delete()
    fill(1000)
    assert Signature.objects.count() == 1000
    with django_assert_num_queries(len(with_10)):
        response = moderator_client.get(REPORT)
    assert sum(r["total"] for r in response.context["reports"]) == 1000


def test_report_chart_labels_are_never_clipped():
    """Issue 23, item 7: the first date label starts inside the chart and the last ends
    inside it (centred on the last day, half of it ran past the edge)."""
    import datetime

    from signatories.moderation.charts import line_chart

    days = [(datetime.date(2026, 2, d), {"approved": d}) for d in range(1, 12)]
    chart = line_chart(days, ["approved"])
    anchors = [anchor for _x, _day, anchor in chart.x_labels]
    assert anchors == ["start", "middle", "end"]
    assert chart.x_labels[-1][0] <= chart.width
