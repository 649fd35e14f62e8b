"""The activity pages: list with filters and keyset pages, the activity page, the organiser's
forms (record, edit, participants with search, attendance, certificates) and the attendance
list as XLSX and PDF; pinned query counts."""

import datetime
import io
import zipfile

import pytest
from django.db import connection
from pypdf import PdfReader

from guidance.filters import ActivityFilter
from guidance.models import Activity, ActivityParticipant
from licensing.dates import office_today
from tests.factories import (
    ActivityFactory,
    ActivityParticipantFactory,
    IkmFactory,
    LicenceFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/pendampingan/kegiatan/"


def _rows(response):
    return [activity.pk for activity in response.context["page"].object_list]


# The list


def test_the_list_shows_what_the_user_sees_filtered(client, users, banjarmasin, banjarbaru, kalsel):
    bimtek = ActivityFactory(city_office=banjarmasin, kind="bimtek", budget_source="apbd_kota")
    pameran = ActivityFactory(
        province=True,
        province_office=kalsel,
        kind="pameran",
        starts_on=datetime.date(2025, 8, 1),
        ends_on=datetime.date(2025, 8, 3),
    )
    ActivityFactory(city_office=banjarbaru)  # not Banjarmasin's
    client.force_login(users["officer"])
    assert set(_rows(client.get(LIST_URL))) == {bimtek.pk, pameran.pk}
    assert _rows(client.get(LIST_URL, {"kind": "pameran"})) == [pameran.pk]
    assert _rows(client.get(LIST_URL, {"year": "2025"})) == [pameran.pk]
    assert _rows(client.get(LIST_URL, {"organiser": "city"})) == [bimtek.pk]
    assert _rows(client.get(LIST_URL, {"budget_source": "apbd_provinsi"})) == [pameran.pk]
    assert _rows(client.get(LIST_URL, {"year": "1890"})) == []  # refused: shows nothing


def test_the_search_finds_title_or_venue_in_any_case_through_trigram_indexes(users, banjarmasin):
    bantuan = ActivityFactory(city_office=banjarmasin, title="Bantuan Peralatan Sasirangan")
    in_venue = ActivityFactory(city_office=banjarmasin, venue="Aula Bantuan Kota")
    ActivityFactory(city_office=banjarmasin, title="Pelatihan Anyaman")
    officer = users["officer"]
    found = ActivityFilter({"q": "BANTUAN"}, queryset=Activity.objects.visible_to(officer))
    assert set(found.qs) == {bantuan, in_venue}
    with connection.cursor() as cursor:
        # A handful of rows is cheaper to read whole; the question is whether the trigram
        # indexes can answer the search at all, as they must among 20,000 activities. (Within
        # an office's scope its own indexes answer first here: the search alone is asked.)
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    unscoped = ActivityFilter({"q": "BANTUAN"}, queryset=Activity.objects.all())
    plan = unscoped.qs.order_by().explain()
    assert "activity_title_trgm_idx" in plan
    assert "activity_venue_trgm_idx" in plan


def test_the_list_pages_by_keyset_newest_first(client, users, banjarmasin):
    today = office_today()
    activities = [
        ActivityFactory(
            city_office=banjarmasin,
            starts_on=today - datetime.timedelta(days=days),
            ends_on=today - datetime.timedelta(days=days),
        )
        for days in range(30)
    ]
    client.force_login(users["officer"])
    first = client.get(LIST_URL)
    assert _rows(first) == [activity.pk for activity in activities[:25]]
    following = client.get(LIST_URL + first.context["page_links"].next)
    assert _rows(following) == [activity.pk for activity in activities[25:]]


def test_the_list_queries_do_not_grow_with_rows(
    client, users, banjarmasin, django_assert_max_num_queries
):
    ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    client.force_login(users["officer"])
    with django_assert_max_num_queries(12) as few:
        client.get(LIST_URL)
    for activity in ActivityFactory.create_batch(10, city_office=banjarmasin):
        ActivityParticipantFactory.create_batch(2, activity=activity)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert len(_rows(response)) == 11


# The activity page


def test_the_page_shows_participants_attendance_and_certificates(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    came = ActivityParticipantFactory(activity=activity, attended=True)
    licence = LicenceFactory(ikm=came.ikm)
    came.certificates.add(licence)
    ActivityParticipantFactory(activity=activity, attended=False)
    client.force_login(users["provincial_officer"])
    response = client.get(activity.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-certificate="{licence.pk}"' in content
    assert content.count('data-attended="yes"') == 1
    assert content.count('data-attended="no"') == 1
    assert response.context["attended_count"] == 1
    # The province reads a city's activity: no form of the organiser is offered.
    assert response.context["can_edit"] is False
    assert f"/pendampingan/kegiatan/{activity.pk}/ubah/" not in content


def test_the_page_queries_do_not_grow_with_participants(
    client, users, banjarmasin, django_assert_max_num_queries
):
    activity = ActivityFactory(city_office=banjarmasin)
    ActivityParticipantFactory(activity=activity)
    client.force_login(users["officer"])
    with django_assert_max_num_queries(13) as few:
        client.get(activity.get_absolute_url())
    for participant in ActivityParticipantFactory.create_batch(5, activity=activity):
        participant.certificates.add(LicenceFactory(ikm=participant.ikm))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(activity.get_absolute_url())
    assert len(response.context["participants"]) == 6


def test_a_joint_activity_page_offers_the_forms_only_to_its_organiser(
    client, users, banjarmasin, kalsel
):
    joint = ActivityFactory(
        joint=True, city_office=banjarmasin, province_office=kalsel, owner_office=kalsel
    )
    client.force_login(users["officer"])
    assert client.get(joint.get_absolute_url()).context["can_edit"] is False
    assert client.get(f"{joint.get_absolute_url()}ubah/").status_code == 404
    client.force_login(users["provincial_officer"])
    assert client.get(joint.get_absolute_url()).context["can_edit"] is True
    assert client.get(f"{joint.get_absolute_url()}ubah/").status_code == 200


# Recording and editing


def _post_data(**changes):
    today = office_today()
    return {
        "kind": "pelatihan",
        "title": "Pelatihan sasirangan",
        "starts_on": today.isoformat(),
        "ends_on": today.isoformat(),
        "venue": "UPT Sasirangan",
        "organiser": "city",
        "budget_source": "apbd_kota",
        "outputs": "",
        **changes,
    }


def test_city_staff_record_an_activity(client, users, banjarmasin):
    client.force_login(users["officer"])
    response = client.post(f"{LIST_URL}baru/", _post_data())
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert (activity.owner_office, activity.organiser) == (banjarmasin, "city")


def test_a_bad_activity_is_refused_and_nothing_saved(client, users):
    client.force_login(users["officer"])
    yesterday = (office_today() - datetime.timedelta(days=1)).isoformat()
    response = client.post(f"{LIST_URL}baru/", _post_data(ends_on=yesterday))
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    # The province organiser is not a choice of a city office.
    response = client.post(f"{LIST_URL}baru/", _post_data(organiser="province"))
    assert response.context["form"].errors["organiser"]
    assert not Activity.objects.exists()


def test_the_province_records_a_joint_activity_with_a_city(client, users, banjarbaru, kalsel):
    client.force_login(users["provincial_officer"])
    response = client.post(
        f"{LIST_URL}baru/",
        _post_data(organiser="joint", city_office=banjarbaru.pk, budget_source="apbd_provinsi"),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.city_office, activity.province_office, activity.owner_office) == (
        banjarbaru,
        kalsel,
        kalsel,
    )


def test_an_edit_saves_and_a_stale_one_shows_the_conflict(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    client.force_login(users["officer"])
    url = f"{activity.get_absolute_url()}ubah/"
    data = _post_data(version=1, starts_on=activity.starts_on, ends_on=activity.ends_on)
    data.pop("organiser")
    assert client.post(url, {**data, "venue": "Balai Kota"}).status_code == 302
    response = client.post(url, {**data, "venue": "Aula"})  # still on version 1
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    activity.refresh_from_db()
    assert (activity.venue, activity.version) == ("Balai Kota", 2)


# Participants, attendance, certificates


def test_participants_are_found_by_search_and_added_by_ticking(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    amplang = IkmFactory(name="Amplang Haruan", nib="1234567890123")
    IkmFactory(name="Amplang Banjarbaru", banjarbaru=True)  # another city's: not offered
    taking_part = ActivityParticipantFactory(activity=activity, ikm__name="Amplang Lama").ikm
    client.force_login(users["officer"])
    url = f"{activity.get_absolute_url()}peserta/"
    found = client.get(url, {"q": "amplang"}).context["candidates"]
    assert found == [amplang]
    assert client.get(url, {"q": "1234567"}).context["candidates"] == [amplang]
    response = client.post(url, {"ikms": [amplang.pk]})
    assert response.status_code == 302
    assert set(activity.participants.values_list("ikm", flat=True)) == {amplang.pk, taking_part.pk}


def test_an_ikm_the_user_does_not_see_cannot_be_added(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    elsewhere = IkmFactory(banjarbaru=True)
    client.force_login(users["officer"])
    response = client.post(f"{activity.get_absolute_url()}peserta/", {"ikms": [elsewhere.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ActivityParticipant.objects.exists()


def test_attendance_is_marked_on_its_form(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    came, absent = ActivityParticipantFactory.create_batch(2, activity=activity)
    client.force_login(users["officer"])
    response = client.post(
        f"{activity.get_absolute_url()}kehadiran/",
        {
            f"attended_{came.pk}": "yes",
            f"attended_{absent.pk}": "no",
            f"note_{absent.pk}": "Berhalangan",
        },
    )
    assert response.status_code == 302
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.attended, absent.attended, absent.note) == (True, False, "Berhalangan")


def test_attendance_of_a_future_activity_is_refused_with_a_message(client, users, banjarmasin):
    today = office_today()
    activity = ActivityFactory(
        city_office=banjarmasin,
        starts_on=today + datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=5),
    )
    participant = ActivityParticipantFactory(activity=activity)
    client.force_login(users["officer"])
    response = client.post(
        f"{activity.get_absolute_url()}kehadiran/", {f"attended_{participant.pk}": "yes"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    participant.refresh_from_db()
    assert participant.attended is None


def test_a_certificate_is_linked_from_its_form(client, users, banjarmasin):
    participant = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    licence = LicenceFactory(ikm=participant.ikm)
    other = LicenceFactory()
    client.force_login(users["officer"])
    url = f"{participant.activity.get_absolute_url()}peserta/{participant.pk}/sertifikat/"
    assert list(client.get(url).context["form"].fields["licence"].queryset) == [licence]
    assert client.post(url, {"licence": other.pk}).status_code == 200  # not a choice
    assert client.post(url, {"licence": licence.pk}).status_code == 302
    assert list(participant.certificates.all()) == [licence]


def test_another_activitys_participant_is_not_found(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    stranger = ActivityParticipantFactory(activity=ActivityFactory(city_office=banjarmasin))
    client.force_login(users["officer"])
    url = f"{activity.get_absolute_url()}peserta/{stranger.pk}/sertifikat/"
    assert client.get(url).status_code == 404


# The attendance list


def test_the_attendance_xlsx_lists_the_participants(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    ActivityParticipantFactory(activity=activity, ikm__name="Bakery Zahra", attended=True)
    ActivityParticipantFactory(activity=activity, ikm__name="Amplang Haruan")
    client.force_login(users["provincial_officer"])
    response = client.get(f"{activity.get_absolute_url()}daftar-hadir.xlsx")
    assert response.status_code == 200
    book = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.index("Amplang Haruan") < sheet.index("Bakery Zahra")
    assert '<c r="A3" s="2"><v>2</v></c>' in sheet  # numbered rows


def test_the_attendance_pdf_has_every_participant_and_their_owner(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin, title="Bimtek Kemasan Sasirangan")
    for name, owner in (("Amplang Haruan", "Hj. Masliani"), ("Sasirangan Ummi", "Siti Ummi")):
        ActivityParticipantFactory(activity=activity, ikm__name=name, ikm__owner_name=owner)
    client.force_login(users["officer"])
    response = client.get(f"{activity.get_absolute_url()}daftar-hadir.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Bimtek Kemasan Sasirangan", "Amplang Haruan", "Hj. Masliani", "Siti Ummi"):
        assert expected in text


def test_a_long_attendance_list_runs_over_pages(client, users, banjarmasin):
    activity = ActivityFactory(city_office=banjarmasin)
    ActivityParticipantFactory.create_batch(40, activity=activity)
    client.force_login(users["officer"])
    response = client.get(f"{activity.get_absolute_url()}daftar-hadir.pdf")
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 2


def test_an_officer_s_activities_are_found_through_the_offices_indexes(users, banjarmasin):
    """The scope's two conditions (the office's own, the province's) each answered by an
    index: read through `IN (subquery)`, the province's was checked activity by activity."""
    ActivityFactory(city_office=banjarmasin)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Activity.objects.visible_to(users["officer"]).order_by().explain()
    assert "Index Cond: (city_office_id = " in plan, plan
    assert "Index Cond: (province_office_id = ANY " in plan, plan
