from django.urls import path

from guidance import views, views_activities, views_dashboards, views_naik_kelas

app_name = "guidance"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("minta/", views.case_request, name="case_request"),
    path("batas-waktu/", views.overdue_rules, name="overdue_rules"),
    path("dasbor/", views_dashboards.dashboard, name="dashboard"),
    # Naik kelas: guidance/views_naik_kelas.py
    path("naik-kelas/", views_naik_kelas.naik_kelas_list, name="naik_kelas"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/tindakan/<slug:action>/", views.case_action, name="case_action"),
    path(
        "<int:case_pk>/dokumen/<int:pk>/",
        views.case_document_download,
        name="case_document_download",
    ),
    # Activities (kegiatan pembinaan): guidance/views_activities.py
    path("kegiatan/", views_activities.activity_list, name="activity_list"),
    path("kegiatan/baru/", views_activities.activity_create, name="activity_create"),
    path("kegiatan/laporan/", views_activities.activity_report, name="activity_report"),
    path(
        "kegiatan/laporan.<str:file_format>",
        views_activities.activity_report_export,
        name="activity_report_export",
    ),
    path("kegiatan/<int:pk>/", views_activities.activity_detail, name="activity_detail"),
    path("kegiatan/<int:pk>/ubah/", views_activities.activity_edit, name="activity_edit"),
    path(
        "kegiatan/<int:pk>/peserta/",
        views_activities.activity_participants,
        name="activity_participants",
    ),
    path(
        "kegiatan/<int:pk>/kehadiran/",
        views_activities.activity_attendance,
        name="activity_attendance",
    ),
    path(
        "kegiatan/<int:pk>/peserta/<int:participant_pk>/sertifikat/",
        views_activities.activity_certificate,
        name="activity_certificate",
    ),
    path(
        "kegiatan/<int:pk>/daftar-hadir.pdf",
        views_activities.attendance_pdf,
        name="activity_attendance_pdf",
    ),
    path(
        "kegiatan/<int:pk>/daftar-hadir.xlsx",
        views_activities.attendance_xlsx,
        name="activity_attendance_xlsx",
    ),
]
