"""The portal's URLs, plus the stock Django admin that the benchmark measures it against."""

from django.urls import path

from benchmarks.reference_admin import site
from sentra_portal import urls as portal

urlpatterns = [*portal.urlpatterns, path("reference-admin/", site.urls)]

handler403 = portal.handler403
handler404 = portal.handler404
handler500 = portal.handler500
