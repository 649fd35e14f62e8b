from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guidance import views as guidance_views
from sentra_portal import views, views_notifications

urlpatterns = [
    path("", guidance_views.home, name="home"),
    path("akun/masuk/", views.LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/sandi/ubah/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/sandi/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/sandi/reset/terkirim/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/sandi/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/sandi/reset/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("bahasa/", views.set_language, name="set_language"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("notifikasi/", views_notifications.notification_list, name="notifications"),
    path(
        "notifikasi/<int:pk>/",
        views_notifications.notification_open,
        name="notification_open",
    ),
    path("registri/", include("registry.urls")),
    path("perizinan/", include("licensing.urls")),
    path("pendampingan/", include("guidance.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sentra_portal.views.permission_denied"
handler404 = "sentra_portal.views.page_not_found"
handler500 = "sentra_portal.views.server_error"
