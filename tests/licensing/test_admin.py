"""The licence-type catalogue in the Django admin: administrators only, rules guarded."""

import pytest
from django.contrib.admin.helpers import AdminForm

from licensing.models import LicenceType
from tests.factories import LicenceFactory, licence_type

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/licensing/licencetype/"


def change_path(code: str) -> str:
    return f"{CHANGELIST}{code}/change/"


def form_data(kind: LicenceType, **changes) -> dict:
    data = {
        "code": kind.code,
        "name": kind.name,
        "category": kind.category,
        "issuer": kind.issuer,
        "scope": kind.scope,
        "number_label": kind.number_label,
        "number_format": kind.number_format,
        "number_pattern": kind.number_pattern,
        "number_example": kind.number_example,
        "registration_pattern": kind.registration_pattern,
        "registration_example": kind.registration_example,
        "validity_basis": kind.validity_basis,
        "default_validity_months": kind.default_validity_months or "",
        "validity_note": kind.validity_note,
        "extra_fields": ",".join(kind.extra_fields),
        "required_fields": ",".join(kind.required_fields),
        "sort_order": kind.sort_order,
    }
    return data | changes


def editable_fields(response) -> set[str]:
    admin_form: AdminForm = response.context["adminform"]
    return set(admin_form.form.fields)


def test_an_administrator_opens_the_licence_type_list(client, users):
    client.force_login(users["administrator"])
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert change_path("pirt") in response.content.decode()


@pytest.mark.parametrize("role", ["officer", "supervisor", "provincial_officer", "ikm_owner"])
def test_other_roles_cannot_open_it(client, users, role):
    client.force_login(users[role])
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_code_is_never_editable_and_the_rules_not_once_used(client, users):
    client.force_login(users["administrator"])
    unused = editable_fields(client.get(change_path("paten")))
    assert "code" not in unused
    assert {"name", "number_pattern", "scope", "sort_order"} <= unused
    LicenceFactory()  # a P-IRT
    used = editable_fields(client.get(change_path("pirt")))
    assert {"name", "number_label", "number_format", "validity_note"} <= used
    assert {"sort_order", "default_validity_months", "issuer"} <= used
    assert not used & {"code", "number_pattern", "scope", "extra_fields", "validity_basis"}


def test_an_administrator_changes_the_label_but_not_the_pattern_of_a_used_type(client, users):
    LicenceFactory()
    kind = licence_type("pirt")
    client.force_login(users["administrator"])
    response = client.post(
        change_path("pirt"),
        form_data(kind, number_label="nomor SPP-IRT", number_pattern=r"^\d+$", sort_order=50),
    )
    assert response.status_code == 302
    kind.refresh_from_db()
    assert (kind.number_label, kind.sort_order) == ("nomor SPP-IRT", 50)
    assert kind.number_pattern == r"^\d{13}(?P<expiry_year>\d{2})$"


def test_an_example_that_does_not_match_the_pattern_is_refused(client, users):
    kind = licence_type("paten")
    client.force_login(users["administrator"])
    response = client.post(change_path("paten"), form_data(kind, number_example="12345"))
    assert response.status_code == 200
    assert "number_example" in response.context["adminform"].form.errors
    kind.refresh_from_db()
    assert kind.number_example == "P00202012345"


def test_types_are_neither_added_nor_deleted_in_the_admin(client, users):
    client.force_login(users["administrator"])
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}pirt/delete/").status_code == 403
