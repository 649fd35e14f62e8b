from django.urls import path

from licensing.views import coverage, editing, letters, lists, records

app_name = "licensing"
urlpatterns = [
    path("", lists.licence_list, name="licence_list"),
    path("ekspor.<str:file_format>", lists.licence_export, name="licence_export"),
    path("<int:pk>/", records.licence_detail, name="licence_detail"),
    path("<int:pk>/ubah/", editing.licence_edit, name="licence_edit"),
    path("ikm/<int:ikm_pk>/baru/", editing.licence_create, name="licence_create"),
    path("<int:pk>/tindakan/<slug:action>/", records.licence_action, name="licence_action"),
    path("<int:pk>/dokumen/", records.document_upload, name="document_upload"),
    path(
        "<int:licence_pk>/dokumen/<int:pk>/",
        records.document_download,
        name="document_download",
    ),
    # Across records: an IKM's P3DN participations and e-Katalog readiness, a sentra's coverage.
    path("ikm/<int:ikm_pk>/p3dn/", coverage.p3dn_record, name="p3dn_record"),
    path(
        "ikm/<int:ikm_pk>/kesiapan-ekatalog/",
        coverage.ekatalog_readiness,
        name="ekatalog_readiness",
    ),
    path("sentra/<int:sentra_pk>/cakupan/", coverage.sentra_coverage, name="sentra_coverage"),
    path(
        "sentra/<int:sentra_pk>/cakupan/ekspor.<str:file_format>",
        coverage.sentra_coverage_export,
        name="sentra_coverage_export",
    ),
    # Letters: the UMK trademark-fee recommendation, its PDF, the office's letterhead.
    path("surat/", letters.letter_list, name="letter_list"),
    path("surat/kop/", letters.letterhead_edit, name="letterhead_edit"),
    path("surat/<int:pk>.pdf", letters.letter_pdf, name="letter_pdf"),
    path(
        "ikm/<int:ikm_pk>/surat-rekomendasi-merek/",
        letters.letter_create,
        name="letter_create",
    ),
]
