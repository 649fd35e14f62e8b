from django.urls import path

from registry import views

app_name = "registry"
urlpatterns = [
    path("sentra/", views.sentra_list, name="sentra_list"),
    path("sentra/<int:pk>/", views.sentra_detail, name="sentra_detail"),
    path("ikm/", views.ikm_list, name="ikm_list"),
    path("ikm/<int:pk>/", views.ikm_detail, name="ikm_detail"),
]
