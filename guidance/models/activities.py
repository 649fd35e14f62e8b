"""Guidance activities (kegiatan pembinaan): sosialisasi, bimtek, training, exhibitions, …
organised by a city office, the province office, or both, and the IKMs that took part.

Who sees and who changes an activity is decided by `ActivityQuerySet` (see its docstring):
the offices involved, and the staff of the province's cities for what the province organises.
"""

import pghistory
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidance.constants import ActivityKind, ActivityOrganiser, BudgetSource
from licensing.models import Licence
from registry.models import Ikm
from sentra_portal.models import Organisation, TimestampedModel
from sentra_portal.pagination import DateAsDays
from sentra_portal.scoping import OneOf, ScopedQuerySet


def province_code(region_code: str) -> str:
    """The province of a region code: 63.71 → 63 (Kemendagri codes nest)."""
    return region_code.split(".", 1)[0]


class ActivityQuerySet(ScopedQuerySet):
    """Access to activities, by office rather than by the IKM's city.

    - A city activity: its city office's staff; the province's officers read it.
    - A province activity: the province's officers, and the staff of every city office of the
      province (they read it; their IKMs take part).
    - A joint activity: the city office and the province office it names (both read it).
    - Only the organising office (`owner_office`: the office that recorded it) changes it:
      city staff for their city office, provincial officers for their province office.
    - IKM owners see no activity here (their participation shows elsewhere).
    """

    def visible_to(self, user) -> "ActivityQuerySet":
        if not user.is_authenticated or not user.is_active or user.organisation_id is None:
            return self.none()
        region = user.organisation.region_id
        # The offices as subqueries, not joins: joined, PostgreSQL misjudged how many
        # activities an office has, and read and sorted them all for a page.
        if user.is_city_staff:
            province_offices = Organisation.objects.filter(region=province_code(region))
            return self.filter(
                Q(city_office=user.organisation_id)
                | Q(
                    OneOf("province_office", province_offices.values("pk")),
                    organiser=ActivityOrganiser.PROVINCE,
                )
            )
        if user.is_provincial_officer:
            city_offices = Organisation.objects.filter(region__code__startswith=f"{region}.")
            return self.filter(
                Q(province_office=user.organisation_id)
                | Q(OneOf("city_office", city_offices.values("pk")))
            )
        return self.none()

    def editable_by(self, user) -> "ActivityQuerySet":
        if not user.is_authenticated or not user.is_active or user.organisation_id is None:
            return self.none()
        if not (user.is_city_staff or user.is_provincial_officer):
            return self.none()
        return self.filter(owner_office=user.organisation_id)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Activity(TimestampedModel):
    """One activity of the office's guidance programme: what, when, where, who organised it
    and from which budget; the IKMs that took part are its `participants`."""

    kind = models.CharField(_("kind"), max_length=14, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=10, choices=ActivityOrganiser.choices)
    city_office = models.ForeignKey(
        Organisation,
        verbose_name=_("city/regency office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    province_office = models.ForeignKey(
        Organisation,
        verbose_name=_("province office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_office = models.ForeignKey(
        Organisation,
        verbose_name=_("recorded by office"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organising office: the only one that changes the activity."),
    )
    budget_source = models.CharField(
        _("budget source"), max_length=14, choices=BudgetSource.choices
    )
    outputs = models.TextField(_("outputs"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ActivityQuerySet.as_manager()
    # Not scoped by an IKM's city: `ActivityQuerySet` overrides both scopes.
    jurisdiction_city_field = "city_office__region"
    owner_field = None

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="activity_starts_on_idx"),
            models.Index(DateAsDays("starts_on"), F("id"), name="activity_starts_on_days_idx"),
            # The search box (title or venue containing the text, whatever its case: the
            # `UPPER(…) LIKE` of `icontains`), without reading every activity.
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="activity_title_trgm_idx"),
            GinIndex(OpClass(Upper("venue"), name="gin_trgm_ops"), name="activity_venue_trgm_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="activity_ends_on_after_start",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        organiser=ActivityOrganiser.CITY,
                        city_office__isnull=False,
                        province_office__isnull=True,
                        owner_office=F("city_office"),
                    )
                    | Q(
                        organiser=ActivityOrganiser.PROVINCE,
                        city_office__isnull=True,
                        province_office__isnull=False,
                        owner_office=F("province_office"),
                    )
                    | (
                        Q(
                            organiser=ActivityOrganiser.JOINT,
                            city_office__isnull=False,
                            province_office__isnull=False,
                        )
                        & (Q(owner_office=F("city_office")) | Q(owner_office=F("province_office")))
                    )
                ),
                name="activity_offices_match_organiser",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guidance:activity_detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": gettext("The activity cannot end before it starts.")})


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ActivityParticipant(models.Model):
    """An IKM taking part in an activity: whether it attended (None: not marked yet), and the
    certificates (licence records of that IKM) it obtained through the activity."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.PROTECT, related_name="activity_participations"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    certificates = models.ManyToManyField(
        Licence,
        verbose_name=_("certificates obtained"),
        blank=True,
        related_name="activity_participations",
        help_text=_("Licence records of this IKM that the activity helped it obtain."),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["activity", "ikm__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "ikm"], name="activity_participant_once_per_ikm"
            ),
        ]

    def __str__(self):
        return f"{self.ikm} · {self.activity}"
