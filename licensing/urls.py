from django.urls import path

from licensing.views import lists, records

app_name = "licensing"
urlpatterns = [
    path("", lists.licence_list, name="licence_list"),
    path("ekspor.<str:file_format>", lists.licence_export, name="licence_export"),
    path("<int:pk>/", records.licence_detail, name="licence_detail"),
    path("<int:pk>/tindakan/<slug:action>/", records.licence_action, name="licence_action"),
    path("<int:pk>/dokumen/", records.document_upload, name="document_upload"),
    path(
        "<int:licence_pk>/dokumen/<int:pk>/",
        records.document_download,
        name="document_download",
    ),
]
