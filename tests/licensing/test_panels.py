"""The licensing panels of the registry's IKM and sentra pages (licensing/panels.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format

from licensing.dates import add_months, office_today
from registry import panels
from tests.factories import (
    IkmFactory,
    P3dnParticipationFactory,
    ProductFactory,
    SentraFactory,
    UserFactory,
    licence_of,
)

pytestmark = pytest.mark.django_db

TODAY = office_today()


def test_the_licensing_app_registers_its_panels():
    from licensing.panels import ikm_licence_panel, sentra_coverage_panel

    assert ikm_licence_panel in panels._ikm_panels
    assert sentra_coverage_panel in panels._sentra_panels


@pytest.fixture
def ikm(users):
    return IkmFactory(name="Amplang Kuin", owners=[users["ikm_owner"]])


def page(client, user, ikm) -> str:
    client.force_login(user)
    response = client.get(ikm.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def panel_of(text: str) -> str:
    return text.split('id="licences-heading"', 1)[1].split("</section>", 1)[0]


def test_licences_are_listed_by_type_order_then_product(client, users, ikm):
    bingka = ProductFactory(ikm=ikm, name="Bingka")
    amplang = ProductFactory(ikm=ikm, name="Amplang")
    tkdn = licence_of("tkdn", ikm=ikm, product=amplang)
    pirt_bingka = licence_of("pirt", ikm=ikm, product=bingka)
    pirt_amplang = licence_of("pirt", ikm=ikm, product=amplang)
    nib = licence_of("nib", ikm=ikm)
    text = panel_of(page(client, users["officer"], ikm))
    positions = [
        text.index(f'data-licence="{licence.pk}"')
        for licence in (nib, pirt_amplang, pirt_bingka, tkdn)
    ]
    assert positions == sorted(positions)


def test_each_licence_shows_its_number_standing_and_link(client, users, ikm):
    valid = licence_of("pirt", ikm=ikm)
    expired = licence_of("pirt", ikm=ikm, expired=True)
    text = panel_of(page(client, users["ikm_owner"], ikm))
    assert valid.number in text
    assert valid.get_absolute_url() in text
    assert "standing--good" in text
    assert expired.get_absolute_url() in text
    assert "standing--danger" in text


def test_a_licence_replaced_by_a_granted_renewal_is_named_in_its_renewal_s_row(client, users, ikm):
    old = licence_of("pirt", ikm=ikm, expired=True)
    renewal = licence_of("pirt", ikm=ikm, product=old.product, renews=old)
    text = panel_of(page(client, users["officer"], ikm))
    assert f'data-licence="{old.pk}"' not in text
    assert f'data-licence="{renewal.pk}"' in text
    assert f'data-renews="{old.pk}"' in text
    valid_until = date_format(old.valid_until, "DATE_FORMAT")
    assert (
        f'Memperpanjang <a href="{old.get_absolute_url()}">{old.number}</a>'
        f" · berlaku sampai {valid_until}</p>"
    ) in text


def test_while_a_renewal_is_under_way_both_are_listed(client, users, ikm):
    old = licence_of("pirt", ikm=ikm, issued_on=add_months(TODAY, -59))
    renewal = licence_of("pirt", ikm=ikm, product=old.product, renews=old, applied=True)
    text = panel_of(page(client, users["officer"], ikm))
    assert f'data-licence="{old.pk}"' in text
    assert f'data-licence="{renewal.pk}"' in text
    # The expiring licence needs no step from the owner: its badge says it expires soon.
    assert "standing--warning" in text


def test_city_staff_get_the_add_link_and_the_p3dn_form(client, users, ikm):
    text = panel_of(page(client, users["officer"], ikm))
    assert f'href="/perizinan/ikm/{ikm.pk}/baru/"' in text
    assert f'action="/perizinan/ikm/{ikm.pk}/p3dn/"' in text
    assert f'href="/perizinan/ikm/{ikm.pk}/kesiapan-ekatalog/"' in text


@pytest.mark.parametrize("role", ["ikm_owner", "provincial_officer"])
def test_owners_and_the_province_get_neither(client, users, ikm, role):
    text = panel_of(page(client, users[role], ikm))
    assert "/baru/" not in text
    assert "/p3dn/" not in text
    assert f'href="/perizinan/ikm/{ikm.pk}/kesiapan-ekatalog/"' in text


def test_tkdn_e_katalog_and_p3dn_are_shown_together(client, users, ikm):
    product = ProductFactory(ikm=ikm)
    tkdn = licence_of("tkdn", ikm=ikm, product=product, tkdn_percent=42, bmp_percent=5)
    listing = licence_of("e_katalog", ikm=ikm, product=product)
    participation = P3dnParticipationFactory(ikm=ikm, note="Temu bisnis Pemprov Kalsel")
    text = page(client, users["ikm_owner"], ikm)
    procurement = text.split('id="procurement-heading"', 1)[1].split("</section>", 1)[0]
    assert f'data-licence="{tkdn.pk}"' in procurement
    assert "TKDN 42" in procurement
    assert f'data-licence="{listing.pk}"' in procurement
    assert listing.listing_id in procurement
    assert f'data-participation="{participation.pk}"' in procurement
    assert "Temu bisnis Pemprov Kalsel" in procurement


def test_an_owner_sees_only_their_own_ikm_s_page(client, ikm):
    client.force_login(UserFactory(owner=True))
    assert client.get(ikm.get_absolute_url()).status_code == 404


def test_the_panel_adds_a_constant_number_of_queries(client, users, ikm):
    client.force_login(users["officer"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ikm.get_absolute_url()).status_code == 200
        return len(captured)

    product = ProductFactory(ikm=ikm)
    licence_of("pirt", ikm=ikm, product=product)
    few = queries()
    licence_of("nib", ikm=ikm)
    for _ in range(6):
        product = ProductFactory(ikm=ikm)
        old = licence_of("pirt", ikm=ikm, product=product, expired=True)
        licence_of("pirt", ikm=ikm, product=product, renews=old)
        licence_of("halal", ikm=ikm, product=product, applied=True)
        licence_of("tkdn", ikm=ikm, product=product)
        licence_of("e_katalog", ikm=ikm, product=product)
        P3dnParticipationFactory(ikm=ikm)
    assert queries() == few


def test_the_sentra_panel_is_for_staff_only(rf, users):
    from licensing.panels import sentra_coverage_panel

    sentra = SentraFactory()
    request = rf.get("/")
    request.user = users["ikm_owner"]
    assert sentra_coverage_panel(request, sentra) is None
    for role in ("officer", "provincial_officer"):
        request.user = users[role]
        assert sentra_coverage_panel(request, sentra).context == {"sentra": sentra}
