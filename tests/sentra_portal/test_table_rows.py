"""The long lists' rows, written in Python (sentra_portal/table_rows.py): what users typed is
escaped in every list, and each helper shows a value as the template did."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from sentra_portal.pagination import SortLink
from sentra_portal.table_rows import DASH, date, or_dash, rows, shown, url_format
from sentra_portal.templatetags.tables import sort_header
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    IkmFactory,
    LicenceFactory,
    SentraFactory,
)

TYPED = '<b>Amplang & "Pipih"</b>'
ESCAPED = "&lt;b&gt;Amplang &amp; &quot;Pipih&quot;&lt;/b&gt;"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/registri/sentra/", "/registri/ikm/", "/perizinan/", "/pendampingan/?queue=open"]
    + ["/pendampingan/kegiatan/"],
)
def test_every_list_escapes_what_users_typed(client, users, url):
    sentra = SentraFactory(name=TYPED, commodity=TYPED)
    ikm = IkmFactory(name=TYPED, owner_name=TYPED, sentra=sentra)
    LicenceFactory(ikm=ikm, product__name=TYPED)
    CaseFactory(ikm=ikm)
    kalsel = users["provincial_officer"].organisation
    ActivityFactory(
        joint=True, title=TYPED, venue=TYPED, city_office__name=TYPED, province_office=kalsel
    )
    client.force_login(users["provincial_officer"])

    page = client.get(url).content.decode()

    assert ESCAPED in page
    assert "<b>Amplang" not in page


@pytest.mark.django_db
def test_the_ikm_page_s_licence_rows_escape_what_users_typed(client, users):
    ikm = IkmFactory(name="Amplang Kuin")
    old = LicenceFactory(ikm=ikm, product__name=TYPED, number=TYPED)
    LicenceFactory(ikm=ikm, product=old.product, licence_type=old.licence_type, renews=old)
    client.force_login(users["officer"])

    page = client.get(ikm.get_absolute_url()).content.decode()

    # The product (its table and the renewal's row) and the renewed licence's number.
    assert page.count(ESCAPED) >= 3
    assert "<b>Amplang" not in page


def test_rows_escape_each_value_but_keep_safe_markup():
    html = rows("<tr><td>{}</td><td>{}</td></tr>", [("a < b", rows("<i>{}</i>", [("x",)]))])

    assert html == "<tr><td>a &lt; b</td><td><i>x</i></td></tr>"


def test_or_dash_stands_for_nothing_only():
    assert [or_dash(None), or_dash(""), or_dash(0), or_dash("NIB")] == [DASH, DASH, 0, "NIB"]


def test_values_are_shown_in_the_languages_formats_and_the_offices_time_zone():
    late_evening_utc = datetime.datetime(2026, 12, 6, 17, 30, tzinfo=datetime.UTC)
    with translation.override("id"):
        assert shown(1_234_567) == "1.234.567"
        assert date(late_evening_utc) == "7 Desember 2026"  # 01:30 WITA
        assert date(datetime.date(2027, 3, 1), "SHORT_DATE_FORMAT") == "01-03-2027"
        assert date(None) == DASH
    with translation.override("en"):  # the same day again, in another language
        assert shown(1_234_567) == "1,234,567"
        assert "Dec" in date(late_evening_utc)
        assert "Desember" not in date(late_evening_utc)
    assert timezone.get_current_timezone_name() == "Asia/Makassar"


def test_a_url_format_gives_each_rows_own_address():
    assert url_format("registry:ikm_detail").format(42) == reverse("registry:ikm_detail", args=[42])


def test_a_sort_header_says_how_the_list_is_sorted():
    ascending = sort_header(SortLink("?sort=name", "ascending"), "Nama <usaha>")
    unsorted = sort_header(SortLink("?sort=-workers", None), "Pekerja", numeric=True)

    assert ascending == (
        '<th scope="col" aria-sort="ascending"><a href="?sort=name">Nama &lt;usaha&gt;'
        ' <span aria-hidden="true">▲</span></a></th>'
    )
    assert unsorted == ('<th scope="col" class="number"><a href="?sort=-workers">Pekerja</a></th>')
