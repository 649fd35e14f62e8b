"""An owner asks the office for help with a trademark; the supervisor assigns the request to an
officer, who visits the IKM and records the filed application; the owner then sees the case
progress: each person in their own browser, in the real Chromium, on Indonesian pages."""

import datetime

import pytest

from guidance.constants import CaseEntryKind, CaseStatus
from guidance.models import Case
from licensing.constants import LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence
from registry import demo
from registry.models import Ikm
from tests.e2e.checkers import axe_violations, install_axe

pytestmark = pytest.mark.browser

DESCRIPTION = "Kami ingin mendaftarkan merek 'Amplang Salmah' untuk amplang kami."
APPLICATION = "DID2026012345"
PLACE = "Rumah produksi Bu Salmah, Kuin Utara"
ATTENDEES = "Salmah (pemilik); Ahmad Fauzi (petugas)"


def signed_in(browser, site, username):
    """A page in a new browser context (its own cookies) of `username`, signed in."""
    context = browser.new_context(locale="id-ID")
    install_axe(context)
    page = context.new_page()
    page.goto(f"{site}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.goto(f"{site}/")
    body = " ".join(page.inner_text("body").split())[:400]
    assert page.locator("form[action='/akun/keluar/']").count() == 1, (
        f"{username} is not signed in at {page.url}: {body}"
    )
    return page


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_owner_asks_for_trademark_help_and_sees_the_officer_visit_and_file_it(browser, demo_site):
    ikm = Ikm.objects.get(name=demo.OWNED_IKM)

    # The owner asks for help with a trademark from their home page.
    owner = signed_in(browser, demo_site, "pemilik.amplang")
    submit(owner, f"main a.button[href$='?ikm={ikm.pk}']")
    owner.select_option("#id_goal", "licence")
    owner.select_option("#id_licence_type", "merek")
    owner.fill("#id_description", DESCRIPTION)
    assert axe_violations(owner) == []
    submit(owner, "main form button[type=submit]")
    case = Case.objects.get(description=DESCRIPTION)
    assert (case.ikm_id, case.licence_type_id, case.status) == (
        ikm.pk,
        "merek",
        CaseStatus.SUBMITTED,
    )
    assert owner.url.endswith(case.get_absolute_url())
    owner.context.close()

    # The supervisor finds it in the queue and assigns it to the officer.
    supervisor = signed_in(browser, demo_site, "kabid.bjm")
    supervisor.goto(f"{demo_site}/pendampingan/")
    assert axe_violations(supervisor) == []
    submit(supervisor, f"main a[href='{case.get_absolute_url()}']")
    supervisor.click("#action-assign summary")
    supervisor.select_option("#id_assign-officer", label="Ahmad Fauzi")
    submit(supervisor, "#action-assign button[type=submit]")
    case.refresh_from_db()
    assert (case.status, case.assigned_to.username) == (CaseStatus.ASSIGNED, "petugas.bjm")
    assert "Ahmad Fauzi" in supervisor.locator(".case-officer").inner_text()
    supervisor.context.close()

    # The officer starts the work, records the visit, and records and links the application.
    officer = signed_in(browser, demo_site, "petugas.bjm")
    officer.goto(f"{demo_site}{case.get_absolute_url()}")
    officer.click("#action-start summary")
    submit(officer, "#action-start button[type=submit]")
    visit_date = office_today() - datetime.timedelta(days=1)
    officer.click("#action-visit summary")
    officer.fill("#id_visit-date", visit_date.isoformat())
    officer.fill("#id_visit-place", PLACE)
    officer.fill("#id_visit-attendees", ATTENDEES)
    officer.fill("#id_visit-note", "Logo dan contoh kemasan diperiksa bersama.")
    submit(officer, "#action-visit button[type=submit]")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    visit = case.entries.get(kind=CaseEntryKind.VISIT)
    assert (visit.visit_date, visit.visit_place) == (visit_date, PLACE)

    officer.goto(f"{demo_site}/perizinan/ikm/{ikm.pk}/baru/?type=merek")
    officer.select_option("#id_product", label="Amplang ikan pipih (Salmah)")
    officer.check(f"input[name=status][value={LicenceStatus.APPLIED}]")
    officer.fill("#id_number", APPLICATION)
    officer.fill("#id_applied_on", visit_date.isoformat())
    officer.select_option("#id_djki_stage", "filed")
    officer.fill("#id_nice_class", "29")  # fish products
    assert axe_violations(officer) == []
    submit(officer, "main form button[type=submit]")
    licence = Licence.objects.get(ikm=ikm, number=APPLICATION)
    assert (licence.licence_type_id, licence.status) == ("merek", LicenceStatus.APPLIED)

    officer.goto(f"{demo_site}{case.get_absolute_url()}")
    officer.click("#action-licence summary")
    officer.select_option("#id_licence-licence", str(licence.pk))
    submit(officer, "#action-licence button[type=submit]")
    assert case.entries.filter(kind=CaseEntryKind.LICENCE, licence=licence).exists()
    assert list(case.licences.all()) == [licence]
    officer.context.close()

    # The owner signs in again: the case is in progress, with the officer, visit and application.
    owner = signed_in(browser, demo_site, "pemilik.amplang")
    case_link = owner.locator(f"a[href='{case.get_absolute_url()}']")
    assert "Ahmad Fauzi" in owner.locator("main .owner-cases li", has=case_link).inner_text()
    submit(owner, f"main .owner-cases a[href='{case.get_absolute_url()}']")
    assert owner.locator("[data-status]").get_attribute("data-status") == CaseStatus.IN_PROGRESS
    assert "Ahmad Fauzi" in owner.locator(".case-officer").inner_text()
    visit_entry = owner.locator(".case-timeline [data-entry-kind=visit]")
    assert PLACE in visit_entry.inner_text()
    assert "Salmah (pemilik)" in visit_entry.inner_text()
    linked = owner.locator(f".case-licences [data-licence='{licence.pk}']")
    assert APPLICATION in linked.inner_text()
    assert owner.locator(".case-timeline [data-entry-kind=licence]").count() == 1
    assert axe_violations(owner) == []
    owner.context.close()
