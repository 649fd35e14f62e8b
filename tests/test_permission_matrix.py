"""Every URL of the project × every role: the answer each must get.

A URL pattern without an entry here fails `test_every_url_pattern_has_an_entry`, so a new
page cannot ship without its permissions being decided and tested.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import (
    PNG_BYTES,
    ActivityParticipantFactory,
    CaseDocumentFactory,
    CaseFactory,
    ChangeProposalFactory,
    IkmFactory,
    LicenceDocumentFactory,
    LicenceFactory,
    NotificationFactory,
    RecommendationLetterFactory,
    SentraFactory,
    YearlySnapshotFactory,
)

ROLES = [
    "anonymous",
    "administrator",
    "supervisor",
    "officer",
    "provincial_officer",
    "ikm_owner",
    "other_city_officer",
]
CITY_STAFF = ["administrator", "supervisor", "officer"]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def answers(default, **by_role):
    return {role: by_role.get(role, default) for role in ROLES}


def signed_in(status, **by_role):
    """`status` for every signed-in role, the login redirect for anonymous."""
    return answers(status, anonymous=302, **by_role)


# A page for city staff only, and one about a record of Banjarmasin.
CITY_FORM = signed_in(200, provincial_officer=403, ikm_owner=403)
RECORD_FORM = signed_in(200, provincial_officer=403, ikm_owner=403, other_city_officer=404)
# A form of the office that organises a Banjarmasin activity.
ACTIVITY_FORM = signed_in(200, provincial_officer=404, ikm_owner=403, other_city_officer=404)

# url name -> (path builder, expected status per role). Builders get the test objects.
MATRIX = {
    "home": (lambda o: "/", signed_in(200)),
    "login": (lambda o: "/akun/masuk/", answers(302, anonymous=200)),
    "logout": (lambda o: "/akun/keluar/", signed_in(405)),
    "password_change": (lambda o: "/akun/sandi/ubah/", signed_in(200)),
    "password_change_done": (lambda o: "/akun/sandi/ubah/selesai/", signed_in(200)),
    "password_reset": (lambda o: "/akun/sandi/reset/", answers(200)),
    "password_reset_done": (lambda o: "/akun/sandi/reset/terkirim/", answers(200)),
    "password_reset_confirm": (lambda o: "/akun/sandi/reset/MQ/bad-token/", answers(200)),
    "password_reset_complete": (lambda o: "/akun/sandi/reset/selesai/", answers(200)),
    "set_language": (lambda o: "/bahasa/", answers(405)),
    "favicon": (lambda o: "/favicon.ico", answers(301)),
    # Notifications: everyone signed in has their own; one of the owner's is theirs alone.
    "notifications": (lambda o: "/notifikasi/", signed_in(200)),
    "notification_open": (
        lambda o: f"/notifikasi/{o['notification'].pk}/",
        signed_in(404, ikm_owner=302),
    ),
    "registry:sentra_list": (lambda o: "/registri/sentra/", signed_in(200, ikm_owner=403)),
    "registry:sentra_export": (
        lambda o: "/registri/sentra/ekspor.xlsx",
        signed_in(200, ikm_owner=403),
    ),
    "registry:sentra_detail": (
        lambda o: f"/registri/sentra/{o['sentra'].pk}/",
        signed_in(200, ikm_owner=404, other_city_officer=404),
    ),
    "registry:ikm_list": (lambda o: "/registri/ikm/", signed_in(200, ikm_owner=403)),
    "registry:ikm_export": (lambda o: "/registri/ikm/ekspor.csv", signed_in(200, ikm_owner=403)),
    "registry:ikm_detail": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/",
        signed_in(200, other_city_officer=404),
    ),
    # Import: city staff only. An upload is its uploader's alone (tests/registry/test_imports.py
    # opens a real one); here, one that no one uploaded.
    "registry:ikm_import": (
        lambda o: "/registri/ikm/impor/",
        signed_in(200, provincial_officer=403, ikm_owner=403),
    ),
    "registry:ikm_import_template": (
        lambda o: "/registri/ikm/impor/templat.xlsx",
        signed_in(200, provincial_officer=403, ikm_owner=403),
    ),
    "registry:ikm_import_preview": (
        lambda o: "/registri/ikm/impor/00000000-0000-4000-8000-000000000000/",
        signed_in(404, provincial_officer=403, ikm_owner=403),
    ),
    "registry:ikm_import_done": (
        lambda o: "/registri/ikm/impor/00000000-0000-4000-8000-000000000000/selesai/",
        signed_in(404, provincial_officer=403, ikm_owner=403),
    ),
    # Record pages: city staff change their own city's records; the province only reads;
    # owners propose changes to their own IKM (and may not use the officers' forms).
    "registry:sentra_create": (lambda o: "/registri/sentra/baru/", CITY_FORM),
    "registry:sentra_edit": (lambda o: f"/registri/sentra/{o['sentra'].pk}/ubah/", RECORD_FORM),
    "registry:sentra_photo": (
        lambda o: f"/registri/sentra/{o['sentra'].pk}/foto/",
        signed_in(200, ikm_owner=404, other_city_officer=404),
    ),
    "registry:ikm_create": (lambda o: "/registri/ikm/baru/", CITY_FORM),
    "registry:ikm_edit": (lambda o: f"/registri/ikm/{o['ikm'].pk}/ubah/", RECORD_FORM),
    "registry:product_create": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/produk/baru/",
        RECORD_FORM,
    ),
    "registry:product_edit": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/produk/{o['product'].pk}/ubah/",
        RECORD_FORM,
    ),
    "registry:snapshot_create": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/pendataan/baru/",
        RECORD_FORM,
    ),
    "registry:snapshot_edit": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/pendataan/{o['snapshot'].year}/",
        RECORD_FORM,
    ),
    "registry:owner_account_create": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/akun-pemilik/",
        RECORD_FORM,
    ),
    "registry:contact_proposal": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/usulan/kontak/",
        signed_in(403, ikm_owner=200),
    ),
    "registry:product_proposal": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/usulan/produk/",
        signed_in(403, ikm_owner=200),
    ),
    "registry:product_change_proposal": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/usulan/produk/{o['product'].pk}/",
        signed_in(403, ikm_owner=200),
    ),
    "registry:proposal_queue": (lambda o: "/registri/usulan/", CITY_FORM),
    "registry:proposal_review": (
        lambda o: f"/registri/usulan/{o['proposal'].pk}/",
        RECORD_FORM,
    ),
    "licensing:licence_list": (lambda o: "/perizinan/", signed_in(200, ikm_owner=403)),
    "licensing:licence_export": (
        lambda o: "/perizinan/ekspor.csv",
        signed_in(200, ikm_owner=403),
    ),
    "licensing:licence_detail": (
        lambda o: f"/perizinan/{o['licence'].pk}/",
        signed_in(200, other_city_officer=404),
    ),
    "licensing:licence_create": (lambda o: f"/perizinan/ikm/{o['ikm'].pk}/baru/", RECORD_FORM),
    "licensing:licence_edit": (lambda o: f"/perizinan/{o['licence'].pk}/ubah/", RECORD_FORM),
    # Actions and uploads are POST forms: GET is refused once the role may use them at all.
    "licensing:licence_action": (
        lambda o: f"/perizinan/{o['licence'].pk}/tindakan/revoke/",
        signed_in(405, provincial_officer=403, ikm_owner=403),
    ),
    "licensing:document_upload": (
        lambda o: f"/perizinan/{o['licence'].pk}/dokumen/",
        signed_in(405, provincial_officer=403),
    ),
    "licensing:document_download": (
        lambda o: o["document"].get_absolute_url(),
        signed_in(200, other_city_officer=404),
    ),
    # P3DN is recorded by city staff (GET shows the form on its own page); readiness is for
    # whoever sees the IKM; the coverage matrix is for staff (owners never see sentras).
    "licensing:p3dn_record": (lambda o: f"/perizinan/ikm/{o['ikm'].pk}/p3dn/", RECORD_FORM),
    "licensing:ekatalog_readiness": (
        lambda o: f"/perizinan/ikm/{o['ikm'].pk}/kesiapan-ekatalog/",
        signed_in(200, other_city_officer=404),
    ),
    "licensing:sentra_coverage": (
        lambda o: f"/perizinan/sentra/{o['sentra'].pk}/cakupan/",
        signed_in(200, ikm_owner=403, other_city_officer=404),
    ),
    "licensing:sentra_coverage_export": (
        lambda o: f"/perizinan/sentra/{o['sentra'].pk}/cakupan/ekspor.xlsx",
        signed_in(200, ikm_owner=403, other_city_officer=404),
    ),
    # Letters: city staff issue them from the IKM (the form page answers without a
    # letterhead too); staff and the province list them; the IKM's owners download theirs;
    # the letterhead is the administrator's.
    "licensing:letter_list": (lambda o: "/perizinan/surat/", signed_in(200, ikm_owner=403)),
    "licensing:letter_create": (
        lambda o: f"/perizinan/ikm/{o['ikm'].pk}/surat-rekomendasi-merek/",
        RECORD_FORM,
    ),
    "licensing:letter_pdf": (
        lambda o: RecommendationLetterFactory(ikm=o["ikm"]).get_absolute_url(),
        signed_in(200, other_city_officer=404),
    ),
    "licensing:letterhead_edit": (
        lambda o: "/perizinan/surat/kop/",
        signed_in(403, administrator=200),
    ),
    # Guidance: owners ask for help for their own IKMs, city staff open cases for theirs.
    "guidance:case_list": (lambda o: "/pendampingan/", signed_in(200, ikm_owner=403)),
    "guidance:case_request": (
        lambda o: "/pendampingan/minta/",
        signed_in(200, provincial_officer=403),
    ),
    "guidance:case_detail": (
        lambda o: f"/pendampingan/{o['case'].pk}/",
        signed_in(200, other_city_officer=404),
    ),
    # Case actions are POST forms (tests/guidance/test_case_views.py posts them); the
    # overdue limits are the administrator's; a case's document goes to whoever sees the case.
    "guidance:case_action": (
        lambda o: f"/pendampingan/{o['case'].pk}/tindakan/note/",
        signed_in(405, provincial_officer=403),
    ),
    "guidance:overdue_rules": (
        lambda o: "/pendampingan/batas-waktu/",
        signed_in(403, administrator=200),
    ),
    # The dashboard: a city's for its staff, the province's for a provincial officer.
    "guidance:dashboard": (lambda o: "/pendampingan/dasbor/", signed_in(200, ikm_owner=403)),
    # The IKMs that naik kelas in a year: the list behind the dashboards' figure.
    "guidance:naik_kelas": (
        lambda o: "/pendampingan/naik-kelas/?tahun=2025",
        signed_in(200, ikm_owner=403),
    ),
    "guidance:case_document_download": (
        lambda o: CaseDocumentFactory(case=o["case"]).get_absolute_url(),
        signed_in(200, other_city_officer=404),
    ),
    # Activities: staff of the offices involved see one (a Banjarmasin activity here: the
    # province reads it); only the organising office's forms open; owners see none.
    "guidance:activity_list": (lambda o: "/pendampingan/kegiatan/", signed_in(200, ikm_owner=403)),
    "guidance:activity_create": (
        lambda o: "/pendampingan/kegiatan/baru/",
        signed_in(200, ikm_owner=403),
    ),
    "guidance:activity_report": (
        lambda o: "/pendampingan/kegiatan/laporan/?tahun=2026",
        signed_in(200, ikm_owner=403),
    ),
    "guidance:activity_report_export": (
        lambda o: "/pendampingan/kegiatan/laporan.xlsx?tahun=2026",
        signed_in(200, ikm_owner=403),
    ),
    "guidance:activity_detail": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/",
        signed_in(200, ikm_owner=403, other_city_officer=404),
    ),
    "guidance:activity_edit": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/ubah/",
        ACTIVITY_FORM,
    ),
    "guidance:activity_participants": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/peserta/?q=IKM",
        ACTIVITY_FORM,
    ),
    "guidance:activity_attendance": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/kehadiran/",
        ACTIVITY_FORM,
    ),
    "guidance:activity_certificate": (
        lambda o: (
            f"/pendampingan/kegiatan/{o['activity'].pk}/peserta/"
            f"{o['activity'].participants.get().pk}/sertifikat/"
        ),
        ACTIVITY_FORM,
    ),
    "guidance:activity_attendance_pdf": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/daftar-hadir.pdf",
        signed_in(200, ikm_owner=403, other_city_officer=404),
    ),
    "guidance:activity_attendance_xlsx": (
        lambda o: f"/pendampingan/kegiatan/{o['activity'].pk}/daftar-hadir.xlsx",
        signed_in(200, ikm_owner=403, other_city_officer=404),
    ),
    "admin:index": (lambda o: "/admin/", signed_in(302, administrator=200)),
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if inner == "admin:":
                # Django's own admin: its index stands for it here; its model pages are
                # guarded by Django's permissions and tested in tests/sentra_portal.
                yield "admin:index"
                continue
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_has_an_entry():
    names = set(_url_names(get_resolver().url_patterns))
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these matrix entries match no URL"


@pytest.fixture
def objects(users):
    sentra = SentraFactory(name="Sentra Ikan Kuin", photo=ContentFile(PNG_BYTES, name="kuin.png"))
    ikm = IkmFactory(sentra=sentra, owners=[users["ikm_owner"]])
    document = LicenceDocumentFactory(licence=LicenceFactory(ikm=ikm))
    return {
        "sentra": sentra,
        "ikm": ikm,
        "licence": document.licence,
        "document": document,
        "product": document.licence.product,
        "snapshot": YearlySnapshotFactory(ikm=ikm),
        "proposal": ChangeProposalFactory(ikm=ikm, proposed_by=users["ikm_owner"]),
        "case": CaseFactory(ikm=ikm, requested_by=users["ikm_owner"]),
        "notification": NotificationFactory(recipient=users["ikm_owner"]),
        "activity": ActivityParticipantFactory(ikm=ikm).activity,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(client, users, objects, name, role):
    build_path, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(build_path(objects))
    assert response.status_code == expected[role], (name, role)
