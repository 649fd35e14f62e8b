"""A provincial officer compares Banjarmasin and Banjarbaru on the dashboard and clicks through a
Banjarbaru figure to the list behind it: in the real Chromium, on Indonesian pages."""

import pytest

from registry import demo
from registry.models import Ikm
from sentra_portal.models import Region
from tests.e2e.checkers import axe_violations, install_axe

pytestmark = pytest.mark.browser

BANJARMASIN, BANJARBARU = "63.71", "63.72"


def test_provincial_officer_compares_the_cities_and_opens_the_banjarbaru_ikms(browser, demo_site):
    counts = {city: Ikm.objects.filter(city_id=city).count() for city in (BANJARMASIN, BANJARBARU)}
    assert counts[BANJARMASIN] > counts[BANJARBARU] > 0  # two different figures to compare
    names = dict(Region.objects.filter(pk__in=counts).values_list("pk", "name"))

    context = browser.new_context(locale="id-ID")
    install_axe(context)
    page = context.new_page()
    page.goto(f"{demo_site}/akun/masuk/")
    page.fill("#id_username", "provinsi.kalsel")
    page.fill("#id_password", demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    page.goto(f"{demo_site}/pendampingan/dasbor/")
    assert page.locator("html").get_attribute("lang") == "id"
    ikm_list = "/registri/ikm/"
    for city, count in counts.items():
        row = page.locator(f"#cities-table tbody tr[data-city='{city}']")
        assert names[city] in row.locator("th").inner_text()
        assert row.locator(f"a[href='{ikm_list}?city={city}']").inner_text() == str(count)
    # Side by side: both cities in the one table, and in the chart above it.
    chart = page.locator("#cities-chart").text_content()
    assert names[BANJARMASIN] in chart and names[BANJARBARU] in chart
    assert axe_violations(page) == []

    row = page.locator(f"#cities-table tbody tr[data-city='{BANJARBARU}']")
    with page.expect_navigation():
        row.locator(f"a[href='{ikm_list}?city={BANJARBARU}']").click()
    assert page.url.endswith(f"{ikm_list}?city={BANJARBARU}")
    rows = page.locator("#results tbody tr")
    assert rows.count() == counts[BANJARBARU]
    shown = {rows.nth(i).locator("a").first.get_attribute("href") for i in range(rows.count())}
    expected = {ikm.get_absolute_url() for ikm in Ikm.objects.filter(city_id=BANJARBARU)}
    assert shown == expected
    for i in range(rows.count()):
        assert names[BANJARBARU] in rows.nth(i).inner_text()
    assert str(counts[BANJARBARU]) in page.locator("#results .result-count").inner_text()
    assert axe_violations(page) == []
    context.close()
