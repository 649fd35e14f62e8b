import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidance.constants import CaseEntryKind, CaseGoal, CaseOutcome, CaseStatus
from licensing.dates import office_today
from licensing.models import LicenceType
from registry.models import Ikm
from sentra_portal.models import TimestampedModel
from sentra_portal.scoping import ScopedQuerySet


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Case(TimestampedModel):
    """A guidance case (pendampingan): an IKM's request for help and the office's work on it.

    The status changes only through `guidance.services`, along `guidance.transitions`.
    """

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.PROTECT, related_name="cases"
    )
    goal = models.CharField(_("goal"), max_length=12, choices=CaseGoal.choices)
    licence_type = models.ForeignKey(
        LicenceType,
        verbose_name=_("licence type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The licence or certificate the IKM wants, when that is the goal."),
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    outcome = models.CharField(_("outcome"), max_length=14, choices=CaseOutcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "ikm__city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("guidance case")
        verbose_name_plural = _("guidance cases")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="case_status_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(goal=CaseGoal.LICENCE, licence_type__isnull=False)
                | (~Q(goal=CaseGoal.LICENCE) & Q(licence_type__isnull=True)),
                name="case_licence_goal_has_licence_type",
                violation_error_message=_("Choose the licence type when the goal is a licence."),
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.DONE, outcome__in=CaseOutcome.values)
                | (~Q(status=CaseStatus.DONE) & Q(outcome="")),
                name="case_outcome_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.goal_label} · {self.ikm}"

    def get_absolute_url(self):
        return reverse("guidance:case_detail", args=[self.pk])

    @property
    def days_open(self) -> int:
        """Whole days since the request, counted in the office's days; until closed."""
        end = timezone.localdate(self.closed_at) if self.closed_at else office_today()
        return (end - timezone.localdate(self.created_at)).days

    @property
    def goal_label(self) -> str:
        if self.goal == CaseGoal.LICENCE and self.licence_type_id:
            return str(self.licence_type)
        return self.get_goal_display()

    def clean(self):
        if self.goal == CaseGoal.LICENCE and not self.licence_type_id:
            raise ValidationError(
                {"licence_type": gettext("Choose the licence or certificate you need.")}
            )
        if self.goal != CaseGoal.LICENCE:
            self.licence_type = None


class CaseEntry(models.Model):
    """One line of a case's timeline: a status change or a note, who wrote it and when.

    Written by the services in the same transaction as the change; never edited.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=CaseEntryKind.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=CaseStatus.choices, blank=True)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "case__ikm__city"
    owner_field = "case__ikm__owners"

    class Meta:
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")
        ordering = ["case", "created_at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()}"
