"""Writes to people and organisations."""

import pghistory
from django.contrib.auth.models import Permission
from django.db import transaction

from sentra_portal.constants import Role
from sentra_portal.models import Organisation, User

# What an office administrator may do in the Django admin: reference data and the
# accounts of their own office (the admin's user list is scoped to the office).
ADMINISTRATOR_PERMISSIONS = [
    ("sentra_portal", "view_region"),
    ("registry", "view_kbli"),
    ("registry", "change_kbli"),
    ("licensing", "view_licencetype"),
    ("licensing", "change_licencetype"),
    ("sentra_portal", "view_user"),
    ("sentra_portal", "add_user"),
    ("sentra_portal", "change_user"),
]


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    role: Role,
    password: str | None,
    organisation: Organisation | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    with pghistory.context(user=actor.pk if actor else None):
        user = User(
            username=username,
            role=role,
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_staff=role == Role.ADMINISTRATOR,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        if role == Role.ADMINISTRATOR:
            user.user_permissions.set(_permissions(ADMINISTRATOR_PERMISSIONS))
    return user


def _permissions(pairs):
    permissions = Permission.objects.none()
    for app_label, codename in pairs:
        permissions |= Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    return list(permissions)
