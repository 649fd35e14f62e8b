"""An officer registers an IKM in the Kuin sentra through the forms, finds it again by a
misspelt name, and exports the list: in the real Chromium, as a person would."""

import io

import openpyxl
import pytest

from registry import demo
from registry.models import Ikm
from tests.e2e.checkers import install_axe

pytestmark = pytest.mark.browser

NEW_IKM = "Amplang Haruan Kuin Sejahtera"


def log_in(page, site, username):
    page.goto(f"{site}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_officer_registers_an_ikm_finds_it_by_a_misspelt_name_and_exports_it(browser, demo_site):
    context = browser.new_context(accept_downloads=True)
    install_axe(context)
    page = context.new_page()
    log_in(page, demo_site, "petugas.bjm")

    page.goto(f"{demo_site}/registri/ikm/")
    page.click("main a[href='/registri/ikm/baru/']")
    page.fill("#id_name", NEW_IKM)
    page.fill("#id_nib", "9120001234567")
    page.fill("#id_owner_name", "Siti Rahmah")
    page.select_option("#id_owner_gender", "P")
    page.select_option("#id_kelurahan", "63.71.04.1009")  # Kuin Utara
    page.select_option("#id_sentra", label="Sentra Pengolahan Ikan Kuin")
    page.fill("#id_primary_kbli", "10794")
    page.fill("#id_workers_male", "2")
    page.fill("#id_workers_female", "4")
    page.fill("#id_investment", "150000000")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    ikm = Ikm.objects.get(name=NEW_IKM)
    assert (ikm.sentra.name, ikm.kelurahan_id, ikm.industry_class) == (
        "Sentra Pengolahan Ikan Kuin",
        "63.71.04.1009",
        "small",
    )
    assert page.url.endswith(ikm.get_absolute_url())

    page.goto(f"{demo_site}/registri/ikm/")
    page.fill("#id_q", "amplang haruan kuin sejahtra")  # a letter missing
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    results = page.locator("#results tbody tr")
    assert NEW_IKM in results.first.inner_text()

    with page.expect_download() as download_info:
        page.click("a[href*='ekspor.xlsx']")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as saved:
        workbook = openpyxl.load_workbook(io.BytesIO(saved.read()))
    names = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert NEW_IKM in names
    assert len(names) == results.count()
    context.close()
