"""People, organisations and the regions they answer for."""

import re

import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sentra_portal.constants import (
    CITY_STAFF_ROLES,
    STAFF_ROLES,
    OrganisationKind,
    RegionLevel,
    Role,
)
from sentra_portal.notifications import Notification

__all__ = ["Notification", "Organisation", "Region", "TimestampedModel", "User"]


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# A Kemendagri region code: 63, 63.71, 63.71.03, 63.71.03.1003.
REGION_CODE = re.compile(r"\d{2}(\.\d{2}){0,2}(\.\d{4})?")


class RegionCodeUnder(models.Lookup):
    """``code__under="63.71"``: the codes of the regions within 63.71 (63.71.03, 63.71.03.1003),
    as ``LIKE '63.71.%'`` with the code written into the statement, not bound.

    The portal's reads are prepared (`sentra_portal.postgresql`), and PostgreSQL may then plan
    a statement once for any value. With the pattern bound, that plan knows nothing of the
    area: for a province's 12,000 expiring licences of 3,000,000 it expected 11. Written in,
    each province, city or district has its own statement, planned for its own share. Only a
    region code is written, never another text."""

    lookup_name = "under"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, str) or not REGION_CODE.fullmatch(self.rhs):
            raise ValueError(f"not a region code: {self.rhs!r}")
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs}::text LIKE '{self.rhs}.%%'", params


class Region(models.Model):
    """An administrative region with its Kemendagri code, e.g. 63.71.03.1003."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"], name="region_level_code_idx")]

    def __str__(self):
        return self.name


Region._meta.get_field("code").register_lookup(RegionCodeUnder)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Organisation(TimestampedModel):
    """A government office: a city (kab/kota) Disperdagin or a province office."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "kind"], name="one_office_per_region"),
        ]

    def __str__(self):
        return self.name


# What a user's name is made of (`User.__str__`).
NAME_COLUMNS = ("username", "first_name", "last_name")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    exclude=["password", "last_login"],
)
class User(AbstractUser):
    """A person who signs in: office staff (with an organisation) or an IKM owner."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    phone = models.CharField(_("phone/WhatsApp"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.IKM_OWNER, organisation__isnull=True)
                    | Q(role__in=sorted(STAFF_ROLES), organisation__isnull=False)
                ),
                name="staff_have_an_organisation_owners_none",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @staticmethod
    def name_columns(*relations: str) -> list[str]:
        """The columns that `__str__` reads, through each of `relations` (to users): for
        `only()`, when a page shows people by name."""
        return [f"{relation}__{column}" for relation in relations for column in NAME_COLUMNS]

    @property
    def is_city_staff(self) -> bool:
        return self.role in CITY_STAFF_ROLES

    @property
    def is_provincial_officer(self) -> bool:
        return self.role == Role.PROVINCIAL_OFFICER

    @property
    def is_ikm_owner(self) -> bool:
        return self.role == Role.IKM_OWNER
