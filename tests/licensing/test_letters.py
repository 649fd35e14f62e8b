"""The recommendation letter for the UMK trademark fee: numbering, refusals, the PDF, the pages."""

import datetime
import io
import threading
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from licensing.demo_letters import letterhead_demo
from licensing.letters import in_sentence, latin1, long_date, render_recommendation_letter
from licensing.models import OfficeLetterhead, RecommendationLetter
from licensing.models.letters import validate_number_pattern
from licensing.services.letters import office_letterhead_save, recommendation_letter_issue
from registry.constants import IkmStatus
from sentra_portal.constants import Role
from sentra_portal.models import Organisation
from tests.factories import (
    IkmFactory,
    LicenceFactory,
    OfficeLetterheadFactory,
    OrganisationFactory,
    ProductFactory,
    RecommendationLetterFactory,
    UserFactory,
    licence_type,
)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
MEDIUM_INVESTMENT = 6_000_000_000  # above Rp5 billion: a medium business (PP 7/2021)
SMALL_AT_LIMIT = 5_000_000_000  # Rp5 billion is still small


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def trademark(ikm, *, brand="Amplang Kuin", nice_class=30):
    """An application for a trademark of one of the IKM's products."""
    return LicenceFactory(
        ikm=ikm,
        product=ProductFactory(ikm=ikm, brand=brand),
        licence_type=licence_type("merek"),
        applied=True,
        nice_class=nice_class,
    )


@pytest.fixture
def letterhead(banjarmasin):
    return OfficeLetterheadFactory(organisation=banjarmasin)


@pytest.fixture
def ikm(users):
    return IkmFactory(
        name="UD Amplang Kuin Jaya",
        owner_name="Salmah",
        nib="9120001234567",
        address="Jl. Kuin Utara No. 12",
        owners=[users["ikm_owner"]],
    )


def issue(users, ikm, **kwargs):
    kwargs.setdefault("brand", "Amplang Kuin")
    kwargs.setdefault("nice_class", 30)
    return recommendation_letter_issue(actor=users["officer"], ikm=ikm, **kwargs)


# The letter number pattern


@pytest.mark.parametrize(
    "pattern",
    [
        "500.2/{sequence:04d}/Disperdagin/{year}",
        "{year}/{sequence}",
        "B-{sequence:03d}/REK/{year}/{sequence}",
    ],
)
def test_a_pattern_with_sequence_and_year_is_accepted(pattern):
    validate_number_pattern(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        "500.2/{sequence:04d}/Disperdagin",  # no year
        "500.2/Disperdagin/{year}",  # no sequence
        "{sequence}/{year}/{office}",  # an unknown placeholder
        "{sequence.real}/{year}",  # attribute access
        "{}/{sequence}/{year}",  # positional
        "{sequence:zz}/{year}",  # a format that ints refuse
        "{sequence}/{year",  # unbalanced brace
        "x" * 100 + "{sequence}{year}",  # too long for the number field
    ],
)
def test_a_pattern_without_exactly_sequence_and_year_is_refused(pattern):
    with pytest.raises(ValidationError):
        validate_number_pattern(pattern)


@pytest.mark.django_db
@pytest.mark.parametrize("nip", ["19700312199503200", "1970031219950320021", "19700312199503200X"])
def test_the_signatory_nip_has_18_digits(banjarmasin, nip):
    letterhead = OfficeLetterheadFactory.build(organisation=banjarmasin, signatory_nip=nip)
    with pytest.raises(ValidationError) as error:
        letterhead.full_clean()
    assert "signatory_nip" in error.value.message_dict


# Issuing


@pytest.mark.django_db
def test_issuing_records_the_letter_with_what_it_prints(users, ikm, letterhead, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 29, 9, 0, tzinfo=WITA), tick=False)

    letter = issue(users, ikm, licence=trademark(ikm))

    assert (letter.year, letter.sequence) == (2026, 1)
    assert letter.number == "500.2/0001/Disperdagin/2026"
    assert letter.issued_on == datetime.date(2026, 11, 29)
    assert letter.office == users["officer"].organisation
    assert letter.issued_by == users["officer"]
    assert (letter.signatory_name, letter.signatory_nip) == (
        letterhead.signatory_name,
        letterhead.signatory_nip,
    )
    assert (letter.ikm_name, letter.ikm_nib, letter.ikm_umk_scale) == (
        "UD Amplang Kuin Jaya",
        "9120001234567",
        "micro",
    )
    assert letter.ikm_address.startswith("Jl. Kuin Utara No. 12, ")
    assert letter.letterhead_contact.count(",") == 2  # phone, e-mail and website


@pytest.mark.django_db
def test_the_sequence_runs_within_a_year_and_restarts_in_the_next(
    users, ikm, letterhead, time_machine
):
    # The office's year ends at midnight WITA (16:00 UTC), not at midnight UTC.
    time_machine.move_to(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=WITA), tick=False)
    this_year = [issue(users, ikm) for _ in range(3)]
    time_machine.move_to(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=WITA), tick=False)
    next_year = [issue(users, ikm) for _ in range(2)]

    assert [(letter.year, letter.sequence) for letter in this_year] == [
        (2026, 1),
        (2026, 2),
        (2026, 3),
    ]
    assert [(letter.year, letter.sequence) for letter in next_year] == [(2027, 1), (2027, 2)]
    assert next_year[0].number == "500.2/0001/Disperdagin/2027"
    assert next_year[0].issued_on == datetime.date(2027, 1, 1)


@pytest.mark.django_db
def test_each_office_counts_its_own_letters(users, ikm, letterhead):
    OfficeLetterheadFactory(banjarbaru=True)
    other_ikm = IkmFactory(banjarbaru=True)
    issue(users, ikm)
    other = recommendation_letter_issue(
        actor=users["other_city_officer"], ikm=other_ikm, brand="Purun", nice_class=18
    )
    assert (other.office.region_id, other.sequence) == ("63.72", 1)
    assert issue(users, ikm).sequence == 2


@pytest.mark.django_db
def test_the_database_refuses_a_sequence_twice_in_one_office_and_year(banjarmasin):
    RecommendationLetterFactory(office=banjarmasin, year=2026, sequence=7, number="A/7/2026")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationLetterFactory(office=banjarmasin, year=2026, sequence=7, number="B/7/2026")


@pytest.mark.django_db
def test_the_database_refuses_a_letter_for_a_medium_business(banjarmasin):
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationLetterFactory(office=banjarmasin, ikm_umk_scale="medium")


@pytest.mark.django_db
def test_a_medium_business_is_refused_and_nothing_is_saved(users, letterhead):
    medium = IkmFactory(investment=MEDIUM_INVESTMENT)
    with pytest.raises(ValidationError) as error:
        issue(users, medium)
    assert error.value.code == "not_eligible"
    assert medium.name in error.value.messages[0]
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
def test_a_small_business_at_the_limit_is_recommended(users, letterhead):
    small = IkmFactory(investment=SMALL_AT_LIMIT, workers_male=30)
    assert issue(users, small).ikm_umk_scale == "small"


@pytest.mark.django_db
def test_a_closed_business_is_refused(users, letterhead):
    with pytest.raises(ValidationError):
        issue(users, IkmFactory(status=IkmStatus.CLOSED))


@pytest.mark.django_db
def test_without_a_letterhead_the_refusal_says_where_to_set_it(users, ikm):
    with pytest.raises(ValidationError) as error:
        issue(users, ikm)
    assert error.value.code == "no_letterhead"
    assert reverse("licensing:letterhead_edit") in error.value.messages[0]
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner", "other_city_officer"])
def test_only_staff_of_the_ikms_city_issue_letters(users, ikm, letterhead, role):
    with pytest.raises(PermissionDenied):
        recommendation_letter_issue(actor=users[role], ikm=ikm, brand="Amplang", nice_class=30)
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
def test_the_trademark_record_must_be_the_ikms_own_trademark(users, ikm, letterhead):
    with pytest.raises(ValidationError) as error:
        issue(users, ikm, licence=trademark(IkmFactory()))
    assert "licence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        issue(users, ikm, licence=LicenceFactory(ikm=ikm))  # a P-IRT
    assert "licence" in error.value.message_dict


@pytest.mark.django_db
def test_the_nice_class_must_match_the_trademark_record(users, ikm, letterhead):
    with pytest.raises(ValidationError) as error:
        issue(users, ikm, licence=trademark(ikm, nice_class=30), nice_class=29)
    assert "nice_class" in error.value.message_dict


@pytest.fixture(scope="module")
def reference_data_reloaded(django_db_blocker):
    """The reference data again after the module: a transactional test's end empties every
    table (see tests/e2e/conftest.py)."""
    yield
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_letters_issued_at_the_same_moment_get_different_numbers(reference_data_reloaded):
    call_command("load_reference", stdout=io.StringIO())  # another transactional test may have run
    office = OrganisationFactory()
    OfficeLetterheadFactory(organisation=office)
    officers = [UserFactory(role=Role.OFFICER, organisation=office) for _ in range(2)]
    ikm = IkmFactory()
    start = threading.Barrier(len(officers))
    results, errors = [], []

    def issue_one(officer):
        try:
            start.wait()
            results.append(
                recommendation_letter_issue(actor=officer, ikm=ikm, brand="Amplang", nice_class=30)
            )
        except Exception as error:  # noqa: BLE001 -- reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue_one, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(letter.sequence for letter in results) == [1, 2]
    assert len({letter.number for letter in results}) == 2


# The PDF


@pytest.mark.django_db
def test_the_pdf_names_the_brand_the_ikm_and_the_number(users, ikm, letterhead):
    letter = issue(users, ikm, brand="Amplang Kuin", nice_class=30)
    text = pdf_text(render_recommendation_letter(letter))
    for expected in (
        "Amplang Kuin",
        "UD Amplang Kuin Jaya",
        letter.number,
        "Salmah",
        "9120001234567",
        "PEMERINTAH KOTA BANJARMASIN",
        letterhead.signatory_name,
        f"NIP. {letterhead.signatory_nip}",
        long_date(letter.issued_on),
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_the_pdf_is_a4_and_the_same_bytes_on_every_download(users, ikm, letterhead):
    letter = issue(users, ikm)
    first = render_recommendation_letter(letter)
    again = render_recommendation_letter(RecommendationLetter.objects.get(pk=letter.pk))
    assert first == again
    page = PdfReader(io.BytesIO(first)).pages[0]
    width_mm, height_mm = (float(value) * 25.4 / 72 for value in page.mediabox.upper_right)
    assert (round(width_mm), round(height_mm)) == (210, 297)


@pytest.mark.django_db
def test_a_new_signatory_does_not_change_a_letter_already_issued(users, ikm, letterhead):
    old = issue(users, ikm)
    before = render_recommendation_letter(old)
    office_letterhead_save(
        actor=users["administrator"],
        expected_version=letterhead.version,
        **{
            **{name: getattr(letterhead, name) for name in ("government_name", "office_name")},
            "address": "Jl. Baru No. 2",
            "place_name": "Banjarmasin",
            "number_pattern": letterhead.number_pattern,
            "signatory_name": "H. Penjabat Baru, S.T.",
            "signatory_title": "Plt. Kepala Dinas",
            "signatory_nip": "198001012005011001",
        },
    )
    old.refresh_from_db()
    assert render_recommendation_letter(old) == before
    new_text = pdf_text(render_recommendation_letter(issue(users, ikm)))
    assert "H. Penjabat Baru, S.T." in new_text
    assert "Jl. Baru No. 2" in new_text


@pytest.mark.django_db
def test_typographic_marks_and_foreign_letters_are_printed_plainly(users, ikm, letterhead):
    letter = issue(users, ikm, brand="“Ş̧ambal” Mama—Ani")
    assert '"Sambal" Mama-Ani' in pdf_text(render_recommendation_letter(letter))


def test_latin1_keeps_indonesian_and_latin1_text():
    assert latin1("Café · Banjarmasin – “Kuin”") == 'Café · Banjarmasin - "Kuin"'
    assert latin1("漢") == "?"
    assert latin1("S\u0327") == "S"  # a combining accent is dropped


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("DINAS PERDAGANGAN DAN INDUSTRI", "Dinas Perdagangan dan Industri"),
        (
            "DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN",
            "Dinas Koperasi, Usaha Mikro dan Perdagangan",
        ),
        ("Dinas Perindustrian dan Perdagangan", "Dinas Perindustrian dan Perdagangan"),
    ],
)
def test_an_office_name_in_capitals_reads_as_a_sentence(typed, sentence):
    assert in_sentence(typed) == sentence


def test_the_date_line_names_the_month_in_indonesian():
    assert long_date(datetime.date(2026, 8, 17)) == "17 Agustus 2026"


# Pages


@pytest.mark.django_db
def test_the_form_is_filled_in_from_the_ikms_trademark_record(client, users, ikm, letterhead):
    record = trademark(ikm, brand="Amplang Kuin", nice_class=30)
    client.force_login(users["officer"])
    response = client.get(reverse("licensing:letter_create", args=[ikm.pk]))
    form = response.context["form"]
    assert (form["licence"].value(), form["brand"].value(), form["nice_class"].value()) == (
        record.pk,
        "Amplang Kuin",
        30,
    )
    assert b'value="Amplang Kuin"' in response.content


@pytest.mark.django_db
def test_issuing_from_the_page_redirects_to_the_letter(client, users, ikm, letterhead):
    record = trademark(ikm, brand="Amplang Kuin", nice_class=30)
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("licensing:letter_create", args=[ikm.pk]),
        {"licence": record.pk, "brand": "", "nice_class": ""},
    )
    letter = RecommendationLetter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("licensing:letter_pdf", args=[letter.pk])
    assert (letter.licence, letter.brand, letter.nice_class) == (record, "Amplang Kuin", 30)
    assert letter.issued_by == users["supervisor"]


@pytest.mark.django_db
def test_without_a_record_the_brand_and_class_must_be_typed(client, users, ikm, letterhead):
    client.force_login(users["officer"])
    response = client.post(reverse("licensing:letter_create", args=[ikm.pk]), {"brand": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"brand", "nice_class"}
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
def test_the_page_refuses_a_medium_business_before_and_after_the_form(client, users, letterhead):
    medium = IkmFactory(investment=MEDIUM_INVESTMENT)
    client.force_login(users["officer"])
    url = reverse("licensing:letter_create", args=[medium.pk])
    assert b'id="letter-refused"' in client.get(url).content
    response = client.post(url, {"brand": "Amplang", "nice_class": 30})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
def test_the_page_says_when_the_office_has_no_letterhead(client, users, ikm):
    client.force_login(users["administrator"])
    url = reverse("licensing:letter_create", args=[ikm.pk])
    response = client.get(url)
    assert b'id="letter-no-letterhead"' in response.content
    assert reverse("licensing:letterhead_edit").encode() in response.content
    client.post(url, {"brand": "Amplang", "nice_class": 30})
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("provincial_officer", 403), ("ikm_owner", 403), ("other_city_officer", 404)],
)
def test_only_the_ikms_city_staff_may_post_a_letter(client, users, ikm, letterhead, role, status):
    client.force_login(users[role])
    response = client.post(
        reverse("licensing:letter_create", args=[ikm.pk]), {"brand": "Amplang", "nice_class": 30}
    )
    assert response.status_code == status
    assert not RecommendationLetter.objects.exists()


@pytest.mark.django_db
def test_the_pdf_is_shown_inline_under_the_letters_number(client, users, ikm, letterhead):
    letter = issue(users, ikm)
    client.force_login(users["officer"])
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="surat-rekomendasi-500.2-0001-Disperdagin-{letter.year}.pdf"'
    )
    assert letter.number in pdf_text(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("provincial_officer", 200),
        ("ikm_owner", 200),  # owns the IKM
        ("other_city_officer", 404),
        ("other_owner", 404),
    ],
)
def test_who_may_download_a_letter(client, users, ikm, letterhead, role, status):
    letter = issue(users, ikm)
    other_owner = UserFactory(owner=True)
    IkmFactory(owners=[other_owner])
    client.force_login(other_owner if role == "other_owner" else users[role])
    assert client.get(letter.get_absolute_url()).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("administrator", 200), ("supervisor", 403), ("officer", 403), ("provincial_officer", 403)],
)
def test_only_administrators_set_the_letterhead(client, users, letterhead, role, status):
    client.force_login(users[role])
    assert client.get(reverse("licensing:letterhead_edit")).status_code == status
    response = client.post(reverse("licensing:letterhead_edit"), {"signatory_name": "X"})
    assert response.status_code == status  # the administrator's form comes back with errors
    letterhead.refresh_from_db()
    assert letterhead.signatory_name != "X"


def letterhead_post(**changes):
    data = {
        "government_name": "PEMERINTAH KOTA BANJARMASIN",
        "office_name": "DINAS PERDAGANGAN DAN INDUSTRI",
        "address": "Jl. Pramuka No. 7, Banjarmasin 70238",
        "phone": "",
        "email": "",
        "website": "",
        "place_name": "Banjarmasin",
        "number_pattern": "500.2/{sequence:04d}/Disperdagin/{year}",
        "signatory_name": "Dr. Hj. Rahmawati, S.E., M.Si.",
        "signatory_title": "Kepala Dinas",
        "signatory_nip": "197003121995032002",
        "signatory_rank": "",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_administrator_creates_the_letterhead_from_the_offices_region(client, users):
    client.force_login(users["administrator"])
    url = reverse("licensing:letterhead_edit")
    form = client.get(url).context["form"]
    assert form["place_name"].value() == "Banjarmasin"
    assert form["number_pattern"].value() == "500.2/{sequence:04d}/Disperdagin/{year}"
    response = client.post(url, letterhead_post())
    assert response.status_code == 302
    assert OfficeLetterhead.objects.get().organisation == users["administrator"].organisation


@pytest.mark.django_db
def test_a_letterhead_change_is_kept_in_its_history(client, users, letterhead):
    client.force_login(users["administrator"])
    url = reverse("licensing:letterhead_edit")
    client.post(url, letterhead_post(signatory_name="H. Baru", version=letterhead.version))
    letterhead.refresh_from_db()
    assert (letterhead.signatory_name, letterhead.version) == ("H. Baru", 2)
    history = client.get(url).context["history"]
    assert any(
        after == "H. Baru" and entry.who == users["administrator"]
        for entry in history
        for _label, _before, after in entry.changes
    )


@pytest.mark.django_db
def test_a_bad_letterhead_is_refused_next_to_its_fields(client, users, letterhead):
    client.force_login(users["administrator"])
    response = client.post(
        reverse("licensing:letterhead_edit"),
        letterhead_post(
            signatory_nip="1970", number_pattern="500/{nomor}", version=letterhead.version
        ),
    )
    assert response.status_code == 200
    assert {"signatory_nip", "number_pattern"} <= set(response.context["form"].errors)
    letterhead.refresh_from_db()
    assert letterhead.version == 1


@pytest.mark.django_db
def test_a_stale_letterhead_form_shows_the_conflict(client, users, letterhead):
    client.force_login(users["administrator"])
    url = reverse("licensing:letterhead_edit")
    client.post(url, letterhead_post(signatory_name="H. Pertama", version=1))
    response = client.post(url, letterhead_post(signatory_name="H. Kedua", version=1))
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    letterhead.refresh_from_db()
    assert letterhead.signatory_name == "H. Pertama"


@pytest.mark.django_db
def test_the_list_shows_the_offices_letters_by_year(client, users, banjarmasin, banjarbaru):
    this_year = RecommendationLetterFactory(office=banjarmasin, year=2026, sequence=1)
    last_year = RecommendationLetterFactory(office=banjarmasin, year=2025, sequence=1)
    other_city = RecommendationLetterFactory(
        office=banjarbaru, ikm=IkmFactory(banjarbaru=True), year=2026, sequence=1
    )
    url = reverse("licensing:letter_list")
    client.force_login(users["officer"])
    shown = {letter.pk for letter in client.get(url).context["page"].object_list}
    assert shown == {this_year.pk, last_year.pk}
    shown = {letter.pk for letter in client.get(url, {"year": 2025}).context["page"].object_list}
    assert shown == {last_year.pk}
    client.force_login(users["provincial_officer"])
    response = client.get(url, {"year": 2026})
    assert {letter.pk for letter in response.context["page"].object_list} == {
        this_year.pk,
        other_city.pk,
    }
    client.force_login(users["ikm_owner"])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_list_queries_do_not_grow_with_its_rows(
    client, users, banjarmasin, django_assert_max_num_queries
):
    officers = [UserFactory(organisation=banjarmasin) for _ in range(3)]
    for sequence in range(1, 31):
        RecommendationLetterFactory(
            office=banjarmasin, year=2026, sequence=sequence, issued_by=officers[sequence % 3]
        )
    client.force_login(users["provincial_officer"])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("licensing:letter_list"), {"year": 2026})
    assert len(response.context["page"].object_list) == 25


# Demo data


@pytest.mark.django_db
def test_the_demo_letterhead_is_created_once(banjarmasin):
    first = letterhead_demo()
    assert letterhead_demo() == first
    assert OfficeLetterhead.objects.filter(organisation=banjarmasin).count() == 1
    first.full_clean()


@pytest.mark.django_db
def test_no_demo_letterhead_without_the_demo_office():
    Organisation.objects.filter(region_id="63.71").delete()
    assert letterhead_demo() is None
