"""The interface speaks Indonesian, formats for Indonesia, and is safe by default."""

import datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db


def test_login_page_is_in_indonesian_by_default(client):
    page = client.get("/akun/masuk/")
    assert page.status_code == 200
    assert '<html lang="id">' in page.content.decode()
    assert "Masuk" in page.content.decode()


def test_english_can_be_chosen(client):
    response = client.post("/bahasa/", {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302
    page = client.get("/akun/masuk/").content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page


def test_every_page_needs_login_unless_public(client):
    response = client.get("/registri/sentra/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")


def test_login_through_the_form(client, users):
    response = client.post("/akun/masuk/", {"username": "petugas", "password": "test-password-123"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_repeated_failed_logins_lock_the_account(client, users):
    for _attempt in range(5):
        client.post("/akun/masuk/", {"username": "petugas", "password": "wrong"})
    response = client.post("/akun/masuk/", {"username": "petugas", "password": "test-password-123"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_password_reset_sends_a_link_in_indonesian(client, users):
    client.post("/akun/sandi/reset/", {"email": "petugas@example.org"})
    assert len(mail.outbox) == 1
    assert "/akun/sandi/reset/" in mail.outbox[0].body
    assert "kata sandi" in mail.outbox[0].subject.lower()


def test_not_found_page_is_in_indonesian(client, users):
    client.force_login(users["officer"])
    response = client.get("/registri/sentra/999999999/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_forbidden_page_is_in_indonesian(client, users):
    client.force_login(users["ikm_owner"])
    response = client.get("/registri/sentra/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/akun/masuk/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_rupiah_is_written_the_indonesian_way_in_every_language():
    template = Template("{% load formatting %}{{ amount|rupiah }}")
    for language in ("id", "en"):
        with translation.override(language):
            assert template.render(Context({"amount": 1_250_000})) == "Rp 1.250.000"
    assert template.render(Context({"amount": None})) == "—"


def test_dates_and_times_are_indonesian_and_in_wita():
    moment = datetime.datetime(2027, 3, 12, 1, 30, tzinfo=datetime.UTC)
    template = Template('{{ moment|date:"DATE_FORMAT" }} · {{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override("id"), timezone.override("Asia/Makassar"):
        assert template.render(Context({"moment": moment})) == (
            "12 Maret 2027 · 12 Maret 2027, 09.30 WITA"
        )


def test_numbers_are_grouped_with_dots_in_indonesian():
    with translation.override("id"):
        assert Template("{{ n }}").render(Context({"n": 1250000})) == "1.250.000"
