from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("minta/", views.case_request, name="case_request"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
]
