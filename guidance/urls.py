from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("minta/", views.case_request, name="case_request"),
    path("batas-waktu/", views.overdue_rules, name="overdue_rules"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/tindakan/<slug:action>/", views.case_action, name="case_action"),
    path(
        "<int:case_pk>/dokumen/<int:pk>/",
        views.case_document_download,
        name="case_document_download",
    ),
]
