"""Every URL of the project × every role: the answer each must get.

A URL pattern without an entry here fails `test_every_url_pattern_has_an_entry`, so a new
page cannot ship without its permissions being decided and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import IkmFactory, SentraFactory

ROLES = [
    "anonymous",
    "administrator",
    "supervisor",
    "officer",
    "provincial_officer",
    "ikm_owner",
    "other_city_officer",
]
CITY_STAFF = ["administrator", "supervisor", "officer"]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def answers(default, **by_role):
    return {role: by_role.get(role, default) for role in ROLES}


def signed_in(status, **by_role):
    """`status` for every signed-in role, the login redirect for anonymous."""
    return answers(status, anonymous=302, **by_role)


# url name -> (path builder, expected status per role). Builders get the test objects.
MATRIX = {
    "home": (lambda o: "/", signed_in(200)),
    "login": (lambda o: "/akun/masuk/", answers(302, anonymous=200)),
    "logout": (lambda o: "/akun/keluar/", signed_in(405)),
    "password_change": (lambda o: "/akun/sandi/ubah/", signed_in(200)),
    "password_change_done": (lambda o: "/akun/sandi/ubah/selesai/", signed_in(200)),
    "password_reset": (lambda o: "/akun/sandi/reset/", answers(200)),
    "password_reset_done": (lambda o: "/akun/sandi/reset/terkirim/", answers(200)),
    "password_reset_confirm": (lambda o: "/akun/sandi/reset/MQ/bad-token/", answers(200)),
    "password_reset_complete": (lambda o: "/akun/sandi/reset/selesai/", answers(200)),
    "set_language": (lambda o: "/bahasa/", answers(405)),
    "registry:sentra_list": (lambda o: "/registri/sentra/", signed_in(200, ikm_owner=403)),
    "registry:sentra_detail": (
        lambda o: f"/registri/sentra/{o['sentra'].pk}/",
        signed_in(200, ikm_owner=404, other_city_officer=404),
    ),
    "registry:ikm_list": (lambda o: "/registri/ikm/", signed_in(200, ikm_owner=403)),
    "registry:ikm_detail": (
        lambda o: f"/registri/ikm/{o['ikm'].pk}/",
        signed_in(200, other_city_officer=404),
    ),
    "admin:index": (lambda o: "/admin/", signed_in(302, administrator=200)),
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if inner == "admin:":
                # Django's own admin: its index stands for it here; its model pages are
                # guarded by Django's permissions and tested in tests/sentra_portal.
                yield "admin:index"
                continue
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_has_an_entry():
    names = set(_url_names(get_resolver().url_patterns))
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these matrix entries match no URL"


@pytest.fixture
def objects(users):
    sentra = SentraFactory(name="Sentra Ikan Kuin")
    return {"sentra": sentra, "ikm": IkmFactory(sentra=sentra, owners=[users["ikm_owner"]])}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(client, users, objects, name, role):
    build_path, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(build_path(objects))
    assert response.status_code == expected[role], (name, role)
