from django.urls import path

from registry.views import records

app_name = "registry"
urlpatterns = [
    path("sentra/", records.sentra_list, name="sentra_list"),
    path("sentra/<int:pk>/", records.sentra_detail, name="sentra_detail"),
    path("ikm/", records.ikm_list, name="ikm_list"),
    path("ikm/<int:pk>/", records.ikm_detail, name="ikm_detail"),
]
