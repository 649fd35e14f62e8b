"""An IKM owner, on a phone 360 px wide, reads that their P-IRT expires soon and asks the
office for help with it: in the real Chromium, as a person would."""

import pytest

from guidance.models import Case
from registry import demo
from tests.e2e.checkers import axe_violations, install_axe

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_owner_on_a_phone_reads_that_the_pirt_expires_soon_and_asks_for_help(browser, demo_site):
    # A phone in Indonesia asks for Indonesian pages.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
    install_axe(context)
    page = context.new_page()
    page.goto(f"{demo_site}/akun/masuk/")
    page.fill("#id_username", "pemilik.amplang")
    page.fill("#id_password", demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    pirt = page.locator(".licence-standing", has_text="P-IRT").first
    assert pirt.locator(".standing--warning").is_visible()
    assert "kedaluwarsa dalam" in pirt.inner_text()
    assert "Berlaku sampai" in pirt.inner_text()
    # Nothing wider than the phone: no sideways scrolling to read the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    with page.expect_navigation():
        pirt.get_by_role("link", name="Minta bantuan dinas").click()
    page.fill("#id_description", "Mohon bantuan memperpanjang P-IRT kami.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    case = Case.objects.get(description="Mohon bantuan memperpanjang P-IRT kami.")
    assert (case.licence_type.code, case.requested_by.username) == ("pirt", "pemilik.amplang")
    assert page.url.endswith(case.get_absolute_url())
    page.goto(f"{demo_site}/")
    assert case.get_absolute_url() in page.locator("main").inner_html()
    context.close()
