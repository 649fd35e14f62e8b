import datetime
import uuid
from pathlib import PurePath

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Aggregate,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidance.constants import (
    DEFAULT_OVERDUE_DAYS,
    MAX_OVERDUE_DAYS,
    OPEN_CASE_STATUSES,
    CaseEntryKind,
    CaseGoal,
    CaseOutcome,
    CaseStatus,
)
from licensing.dates import office_today
from licensing.models import Licence, LicenceType
from registry.models import Ikm
from registry.models.ikms import city_copied_from_ikm, ikm_city_field
from sentra_portal.constants import OrganisationKind
from sentra_portal.models import Organisation, TimestampedModel
from sentra_portal.scoping import ScopedQuerySet
from sentra_portal.uploads import document_validators

OPEN_STATUS_LIST = sorted(OPEN_CASE_STATUSES)


class JSONBObjectAgg(Aggregate):
    """``jsonb_object_agg(key, value)``: one JSON object of the rows' keys and values."""

    function = "JSONB_OBJECT_AGG"
    output_field = models.JSONField()


class JSONBText(Func):
    """``object ->> key``: the text at a key computed per row (`KT` takes fixed keys only)."""

    arg_joiner = " ->> "
    template = "(%(expressions)s)"
    output_field = models.TextField()


def _rule_key(city: str) -> Concat:
    """An overdue limit's key: the city's code and the goal ("63.71 licence")."""
    return Concat(F(city), Value(" "), F("goal"), output_field=models.TextField())


def _overdue_limits() -> Subquery:
    """Every city office's limits as one JSON object, {"63.71 licence": 3, ...}: one
    aggregate over all the rules (grouped by a constant, so not by rule)."""
    rules = OverdueRule.objects.filter(organisation__kind=OrganisationKind.CITY_OFFICE)
    return Subquery(
        rules.order_by()
        .annotate(all_rules=Value(1))
        .values("all_rules")
        .annotate(limits=JSONBObjectAgg(_rule_key("organisation__region"), "days"))
        .values("limits")
    )


class CaseQuerySet(ScopedQuerySet):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=OPEN_STATUS_LIST)

    def closed(self) -> "CaseQuerySet":
        return self.exclude(status__in=OPEN_STATUS_LIST)

    def with_overdue(self, today: datetime.date | None = None) -> "CaseQuerySet":
        """Annotate, in SQL: `overdue_days` (the limit the IKM's city office set for the
        case's goal, or the default) and `is_overdue` (open, and open longer than its limit
        on `today`: asked before the office's midnight that many days before today).

        The city offices' limits are read once per statement, as one map of "city goal" to
        days, and each case looks its own up in it: a subquery per case cost a province's
        dashboard (29,000 open cases) some 60 ms. The request's time is compared with that
        midnight, not turned into the office's date (another 20-40 ms there). The office's
        time zone has no daylight saving: a day is 24 hours."""
        today = today or office_today()
        midnight = datetime.datetime.combine(
            today, datetime.time(), tzinfo=timezone.get_default_timezone()
        )
        latest_in_time = ExpressionWrapper(
            Value(midnight) - F("overdue_days") * Value(datetime.timedelta(days=1)),
            output_field=DateTimeField(),
        )
        limit = Cast(JSONBText(_overdue_limits(), _rule_key("city")), models.IntegerField())
        return self.annotate(
            overdue_days=Coalesce(limit, Value(DEFAULT_OVERDUE_DAYS)),
        ).annotate(
            is_overdue=ExpressionWrapper(
                Q(status__in=OPEN_STATUS_LIST, created_at__lt=latest_in_time),
                output_field=models.BooleanField(),
            )
        )

    def overdue(self, today: datetime.date | None = None) -> "CaseQuerySet":
        return self.with_overdue(today).filter(is_overdue=True)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Case(TimestampedModel):
    """A guidance case (pendampingan): an IKM's request for help and the office's work on it.

    The status changes only through `guidance.services`, along `guidance.transitions`.
    """

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.PROTECT, related_name="cases"
    )
    city = ikm_city_field()
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
        db_index=False,  # case_assignee_idx leads with it
    )
    outcome = models.CharField(_("outcome"), max_length=14, choices=CaseOutcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    licences = models.ManyToManyField(
        Licence,
        verbose_name=_("licence records"),
        blank=True,
        related_name="facilitating_cases",
        help_text=_("The licence records this case helped the IKM to obtain or apply for."),
    )

    objects = CaseQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("guidance case")
        verbose_name_plural = _("guidance cases")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="case_status_created_idx"),
            models.Index(fields=["city", "id"], name="case_city_idx"),
            models.Index(
                fields=["city", "status", "created_at"], name="case_city_status_created_idx"
            ),
            # A city's open cases in the queue's order, the page read in it (migration 0008).
            models.Index(
                fields=["city", "created_at", "id"],
                condition=Q(status__in=OPEN_STATUS_LIST),
                name="case_open_city_created_idx",
            ),
            # An officer's open cases counted from the index alone (migration 0007 also
            # tells PostgreSQL that an officer's cases are of one city).
            models.Index(fields=["assigned_to", "status", "city"], name="case_assignee_idx"),
        ]
        triggers = [city_copied_from_ikm("case_city_from_ikm")]
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
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES

    @property
    def goal_label(self) -> str:
        """The licence's type for a licence goal, else the goal's label (from the enum: a
        tenth of the cost of ``get_goal_display`` in a long list)."""
        if self.goal == CaseGoal.LICENCE and self.licence_type_id:
            return str(self.licence_type)
        return str(CaseGoal(self.goal).label)

    def clean(self):
        if self.goal == CaseGoal.LICENCE and not self.licence_type_id:
            raise ValidationError(
                {"licence_type": gettext("Choose the licence or certificate you need.")}
            )
        if self.goal != CaseGoal.LICENCE:
            self.licence_type = None


def case_document_path(document: "CaseDocument", filename: str) -> str:
    """A random name under the case's folder: the uploader's file name is kept apart."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"case-documents/{document.case_id}/{uuid.uuid4().hex}{suffix}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class CaseDocument(models.Model):
    """A document of a case (a photo of the packaging, a draft label, a form), stored
    privately: `guidance.views.case_document_download` hands it to whoever sees the case."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(
        _("file"),
        upload_to=case_document_path,
        max_length=200,
        validators=document_validators,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "case__ikm__city"
    owner_field = "case__ikm__owners"

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["case", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("guidance:case_document_download", args=[self.case_id, self.pk])


def _present_when(kind: str, *conditions: Q) -> Q:
    """A constraint condition: entries of `kind` meet `conditions`; others need not."""
    required = Q(kind=kind)
    for condition in conditions:
        required &= condition
    return required | ~Q(kind=kind)


class CaseEntry(models.Model):
    """One line of a case's timeline, who wrote it and when: a status change, a note, a
    reassignment, a visit, a document, a linked licence record.

    Written by the services in the same transaction as the change; never edited. An entry
    that gives the case to an officer (the status change to assigned, or a reassignment)
    names the officer in `officer`, and a reassignment the one before in `previous_officer`.
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
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The officer the case was given to by this entry."),
    )
    previous_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("previous officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visit_date = models.DateField(_("visit date"), null=True, blank=True)
    visit_place = models.CharField(_("place"), max_length=200, blank=True)
    visit_attendees = models.TextField(_("who attended"), blank=True)
    document = models.OneToOneField(
        CaseDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entry",
    )
    licence = models.ForeignKey(
        Licence,
        verbose_name=_("licence record"),
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
        constraints = [
            models.CheckConstraint(
                condition=_present_when(CaseEntryKind.STATUS, ~Q(to_status="")),
                name="case_entry_status_has_target",
            ),
            models.CheckConstraint(
                condition=_present_when(
                    CaseEntryKind.REASSIGNMENT,
                    Q(officer__isnull=False),
                    Q(previous_officer__isnull=False),
                ),
                name="case_entry_reassignment_names_officers",
            ),
            models.CheckConstraint(
                condition=_present_when(
                    CaseEntryKind.VISIT, Q(visit_date__isnull=False), ~Q(visit_place="")
                ),
                name="case_entry_visit_has_date_and_place",
            ),
            models.CheckConstraint(
                condition=_present_when(CaseEntryKind.DOCUMENT, Q(document__isnull=False)),
                name="case_entry_document_has_document",
            ),
            models.CheckConstraint(
                condition=_present_when(CaseEntryKind.LICENCE, Q(licence__isnull=False)),
                name="case_entry_licence_has_licence",
            ),
        ]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OverdueRule(TimestampedModel):
    """How many days a case of `goal` may stay open at `organisation` before it is overdue.

    Set by the office's administrator; a goal without a rule uses `DEFAULT_OVERDUE_DAYS`.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="overdue_rules",
    )
    goal = models.CharField(_("goal"), max_length=12, choices=CaseGoal.choices)
    days = models.PositiveSmallIntegerField(
        _("days"), validators=[MinValueValidator(1), MaxValueValidator(MAX_OVERDUE_DAYS)]
    )

    class Meta:
        verbose_name = _("overdue rule")
        verbose_name_plural = _("overdue rules")
        ordering = ["organisation", "goal"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "goal"], name="overdue_rule_once_per_office_and_goal"
            ),
            models.CheckConstraint(
                condition=Q(days__gte=1, days__lte=MAX_OVERDUE_DAYS),
                name="overdue_rule_days_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_goal_display()} ({self.days})"
