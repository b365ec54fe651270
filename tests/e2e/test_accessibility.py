"""axe-core finds no accessibility violation on any public page, in English or in Arabic
(right to left); a person signs with the keyboard alone; the live count is announced."""

import re

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _violations(axe, page, name):
    results = axe.run(page)
    return [
        f"{name} ({page.url}): {violation['id']} at {node['target']}: {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_public_pages_have_no_axe_violations(browser, site, public_tour, language, direction):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    # Axe is injected as a script: let it run whatever Content-Security-Policy comes.
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    page = context.new_page()
    found, visited = [], []
    for name, _url in public_tour(page):
        assert page.locator("html").get_attribute("dir") == direction, name
        assert page.locator("html").get_attribute("lang") == language, name
        visited.append(name)
        found += _violations(axe, page, name)
    context.close()

    assert len(visited) == 13
    assert not found, "\n".join(found)


def test_arabic_pages_use_the_right_to_left_stylesheet(browser, site, public_letter):
    context = browser.new_context(extra_http_headers={"Accept-Language": "ar"})
    page = context.new_page()
    page.goto(f"{site.url}{public_letter.get_absolute_url()}")

    stylesheets = page.locator("link[rel=stylesheet]").evaluate_all("ls => ls.map(l => l.href)")
    assert any("public.rtl" in href for href in stylesheets), stylesheets
    context.close()


def _tab_to(page, selector, limit=40):
    """Press Tab until the element matching `selector` has the focus, as a person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached with Tab")


def test_signing_with_the_keyboard_alone(browser, site, public_letter):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{site.url}{public_letter.get_absolute_url()}")
    _tab_to(page, "a[href$='/sign/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/sign/$"))

    _tab_to(page, "[name=organization]")
    page.keyboard.type("Colectivo Teclado")
    _tab_to(page, "[name=country]")
    page.keyboard.type("Mexico")
    _tab_to(page, "[name=scope]")  # the group's first radio: Space picks it, arrows move on
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "[name=website]")
    page.keyboard.type("teclado.example.org")
    _tab_to(page, "[name=listing]")  # through the group, leaving its default: by name
    _tab_to(page, "[name=contact_name]")
    page.keyboard.type("Ana Teclado")
    _tab_to(page, "[name=email]")
    page.keyboard.type("ana@teclado.example.org")
    _tab_to(page, "[name=consent]")
    page.keyboard.press("Space")
    _tab_to(page, "main form [type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    signature = public_letter.signatures.get(organization="Colectivo Teclado")
    assert [signature.country, signature.scope, signature.listing] == ["MX", "national", "named"]
    assert signature.website == "https://teclado.example.org"


def test_the_live_count_is_announced_politely(browser, site, public_letter):
    page = browser.new_page()
    for view in ("signatories:letter", "signatories:embed"):
        page.goto(f"{site.url}{reverse(view, args=[public_letter.slug])}")
        # The whole sentence, its words following the numbers' plural forms.
        headline = page.locator("[data-count-url]")
        assert headline.get_attribute("aria-live") == "polite"
        assert headline.get_attribute("aria-atomic") == "true"
        assert headline.locator("#signatory-count").count() == 1


@pytest.mark.parametrize(("language", "error_prefix"), [("en", "Error: "), ("ar", "خطأ: ")])
def test_a_form_with_errors_takes_a_person_to_each_field_to_fix(
    browser, site, public_letter, language, error_prefix
):
    context = browser.new_context()
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    page = context.new_page()
    page.goto(f"{site.url}{reverse('signatories:sign', args=[public_letter.slug])}")
    page.locator("main form").evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()

    assert page.title().startswith(error_prefix)
    summary = page.locator("#error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    form = page.locator("main form")
    assert summary.bounding_box()["y"] < form.bounding_box()["y"]

    targets = summary.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))")
    assert targets == [
        "id_organization",
        "id_country",
        "id_scope_0",  # the listing is "by name" unless changed
        "id_contact_name",
        "id_email",
        "id_consent",
    ]
    # With the keyboard: Tab from the summary reaches its first link, Enter moves to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_organization"
    for index, target in enumerate(targets):
        summary.locator("a").nth(index).click()
        assert page.evaluate("document.activeElement.id") == target
        field = page.locator(f"#{target}")
        assert field.evaluate("element => element.getBoundingClientRect().top >= 0")
    context.close()


def test_a_form_with_the_letters_own_questions_in_arabic_has_no_axe_violations(
    browser, site, public_letter
):
    """Issue 24, part 2: every kind of question, translated, on the right-to-left form,
    with the role and the statement of authority."""
    from axe_playwright_python.sync_playwright import Axe

    from letter.models import QuestionTranslation
    from tests.factories import QuestionFactory

    public_letter.asks_role = public_letter.asks_authority = True
    public_letter.save()
    kinds = [
        ("one_choice", "حجم المنظمة", "صغيرة\nمتوسطة\nكبيرة"),
        ("choices", "المواضيع", "المياه\nالأرض\nالصحافة"),
        ("yes_no", "هل أنتم أعضاء؟", ""),
        ("number", "عدد الموظفين", ""),
        ("short_text", "الوحدة", ""),
        ("long_text", "لماذا توقعون؟", ""),
    ]
    for kind, label, choices in kinds:
        question = QuestionFactory(letter=public_letter, kind=kind, required=True, choices="")
        if choices:
            question.choices = "Small\nMedium\nLarge" if kind == "one_choice" else "W\nL\nP"
            question.save()
        QuestionTranslation.objects.create(
            question=question, language="ar", label=label, choices=choices
        )
    context = browser.new_context(bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "ar", "url": site.url}])
    page = context.new_page()
    page.goto(f"{site.url}{reverse('signatories:sign', args=[public_letter.slug])}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("لماذا توقعون؟").count() == 1
    found = _violations(Axe(), page, "form")
    context.close()
    assert not found, "\n".join(found)
