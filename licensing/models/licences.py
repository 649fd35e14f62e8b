import datetime

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Left, Upper
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import (
    DJKI_PENDING_STAGES,
    GRANTED_STATUSES,
    CatalogueKind,
    DjkiStage,
    ExtraField,
    HalalRoute,
    LicenceCategory,
    LicenceStatus,
    RiskLevel,
    ValidityBasis,
)
from licensing.dates import office_today
from licensing.models.licence_types import LicenceType
from registry.models import Ikm, Product
from registry.models.ikms import city_copied_from_ikm, ikm_city_field
from sentra_portal.models import TimestampedModel
from sentra_portal.pagination import DateAsDays
from sentra_portal.scoping import ScopedQuerySet

NOT_GRANTED = sorted(set(LicenceStatus.values) - GRANTED_STATUSES)
# Licences by expiry, those that never expire last: the default order of the licence list.
VALID_UNTIL_ORDER = DateAsDays("valid_until")
# The province code that a city code begins with (63.71 → 63), for indexes by province.
PROVINCE_OF_CITY = Left("city", 2)
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def effective_status_expression(today: datetime.date) -> Case:
    """The status as it stands on `today`: an issued licence past its date is expired."""
    return Case(
        When(status=LicenceStatus.ISSUED, valid_until__lt=today, then=Value(LicenceStatus.EXPIRED)),
        default=F("status"),
        output_field=models.CharField(),
    )


class LicenceQuerySet(ScopedQuerySet):
    """Licences with their expiry derived from the dates, for every list, filter and count."""

    def with_effective_status(self, today: datetime.date | None = None):
        return self.annotate(effective_status=effective_status_expression(today or office_today()))

    def in_effective_status(self, status: str, today: datetime.date | None = None):
        """Filter on the derived status with plain conditions that indexes can serve."""
        today = today or office_today()
        if status == LicenceStatus.EXPIRED:
            return self.filter(
                Q(status=LicenceStatus.EXPIRED)
                | Q(status=LicenceStatus.ISSUED, valid_until__lt=today)
            )
        if status == LicenceStatus.ISSUED:
            return self.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=today),
                status=LicenceStatus.ISSUED,
            )
        return self.filter(status=status)

    def expiring_within(self, days: int, today: datetime.date | None = None):
        """Issued licences still valid today whose valid-until falls in the next `days` days."""
        today = today or office_today()
        return self.filter(
            status=LicenceStatus.ISSUED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=days),
        )

    def passed_expiry(self, today: datetime.date | None = None):
        """Licences recorded as issued whose valid-until date has passed."""
        return self.filter(status=LicenceStatus.ISSUED, valid_until__lt=today or office_today())


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Licence(TimestampedModel):
    """A licence or certificate that an IKM holds, has applied for, or needs.

    The status changes only through `licensing.services`, which follow the table in
    `licensing.transitions`. Expiry is also derived: see `LicenceQuerySet`.
    """

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.PROTECT, related_name="licences"
    )
    city = ikm_city_field()
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licences",
        help_text=_("Required for licences held per product; empty for those per business."),
    )
    licence_type = models.ForeignKey(
        LicenceType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="licences"
    )
    number = models.CharField(
        _("number"),
        max_length=60,
        blank=True,
        help_text=_("May stay empty until the number is known."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LicenceStatus.choices, default=LicenceStatus.PLANNED
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the expiry reminders, with the owners."),
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )
    # The fields only some types use (LicenceType.extra_fields says which).
    risk_level = models.CharField(
        _("risk level"), max_length=12, choices=RiskLevel.choices, blank=True
    )
    halal_route = models.CharField(
        _("halal route"), max_length=12, choices=HalalRoute.choices, blank=True
    )
    sni_standard = models.CharField(
        _("SNI standard"), max_length=60, blank=True, help_text=_("e.g. SNI 2354.1:2010")
    )
    tkdn_percent = models.DecimalField(
        _("TKDN %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    bmp_percent = models.DecimalField(
        _("BMP %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text=_("Bobot manfaat perusahaan."),
    )
    nice_class = models.PositiveSmallIntegerField(
        _("Nice class"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(45)],
        help_text=_("1–34 for goods, 35–45 for services."),
    )
    djki_stage = models.CharField(
        _("DJKI stage"), max_length=25, choices=DjkiStage.choices, blank=True
    )
    registration_number = models.CharField(_("registration number"), max_length=40, blank=True)
    catalogue_kind = models.CharField(
        _("catalogue"), max_length=10, choices=CatalogueKind.choices, blank=True
    )
    listing_id = models.CharField(_("listing id"), max_length=60, blank=True)
    distribution_permit = models.ForeignKey(
        "self",
        verbose_name=_("distribution permit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
        help_text=_("The product's P-IRT or MD that the listing relies on."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = LicenceQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["ikm", "licence_type", "-issued_on", "pk"]
        indexes = [
            # With the city: a province's expiring licences counted from the index alone
            # (`guidance.dashboards.expiring_figures`).
            models.Index(
                fields=["status", "valid_until"],
                include=["city"],
                name="licence_status_valid_city_idx",
            ),
            models.Index(fields=["licence_type", "status"], name="licence_type_status_idx"),
            models.Index(
                fields=["city", "status", "valid_until"], name="licence_city_status_valid_idx"
            ),
            models.Index(
                fields=["city", "licence_type", "status", "ikm"], name="licence_city_type_idx"
            ),
            models.Index(VALID_UNTIL_ORDER, F("id"), name="licence_valid_until_order_idx"),
            # The search by number's beginning, whatever its case (`istartswith`).
            models.Index(
                OpClass(Upper("number"), name="text_pattern_ops"), name="licence_number_upper_idx"
            ),
            models.Index(
                F("city"), VALID_UNTIL_ORDER, F("id"), name="licence_city_valid_until_idx"
            ),
            # A city's licences of one type by expiry: the NIBs, which never expire, come
            # after every other licence of the city in the list's order (16,000 read past).
            models.Index(
                F("city"),
                F("licence_type"),
                VALID_UNTIL_ORDER,
                F("id"),
                name="licence_city_type_valid_idx",
            ),
            # A province's licences by expiry, of one type or all (`LicenceFilter`). The
            # province leads both: PostgreSQL judges an index by how its first column follows
            # the table's order, and with the type first it read the province's index instead
            # for a type, past every licence of other types (0.5 s).
            models.Index(
                PROVINCE_OF_CITY,
                F("licence_type"),
                VALID_UNTIL_ORDER,
                F("id"),
                name="licence_province_type_idx",
            ),
            models.Index(
                PROVINCE_OF_CITY, VALID_UNTIL_ORDER, F("id"), name="licence_province_valid_idx"
            ),
        ]
        triggers = [city_copied_from_ikm("licence_city_from_ikm")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("issued_on"))
                | Q(valid_until__isnull=True)
                | Q(issued_on__isnull=True),
                name="licence_valid_until_after_issued_on",
                violation_error_message=_("Valid until must be later than the issue date."),
            ),
            models.CheckConstraint(
                condition=Q(issued_on__gte=F("applied_on"))
                | Q(issued_on__isnull=True)
                | Q(applied_on__isnull=True),
                name="licence_issued_on_not_before_applied_on",
                violation_error_message=_("The issue date cannot be before the filing date."),
            ),
            models.CheckConstraint(
                condition=Q(tkdn_percent__range=(0, 100)) | Q(tkdn_percent__isnull=True),
                name="licence_tkdn_percent_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(bmp_percent__range=(0, 100)) | Q(bmp_percent__isnull=True),
                name="licence_bmp_percent_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(nice_class__range=(1, 45)) | Q(nice_class__isnull=True),
                name="licence_nice_class_1_to_45",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NOT_GRANTED) | (~Q(number="") & Q(issued_on__isnull=False)),
                name="licence_granted_has_number_and_issue_date",
                violation_error_message=_("An issued licence needs its number and issue date."),
            ),
            models.UniqueConstraint(
                fields=["renews"],
                condition=Q(renews__isnull=False)
                & ~Q(status__in=[LicenceStatus.REJECTED, LicenceStatus.WITHDRAWN]),
                name="licence_one_live_renewal",
                violation_error_message=_("This licence already has a renewal under way."),
            ),
        ]

    def __str__(self):
        subject = self.product if self.product_id else self.ikm
        return f"{self.licence_type} · {subject}"

    def get_absolute_url(self):
        return reverse("licensing:licence_detail", args=[self.pk])

    def status_on(self, day: datetime.date) -> str:
        """The effective status on `day`, as `effective_status_expression` computes it."""
        if self.status == LicenceStatus.ISSUED and self.valid_until and self.valid_until < day:
            return LicenceStatus.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        """The label of the `effective_status` that the selectors annotate."""
        return LicenceStatus(self.effective_status).label

    def clean(self):
        self.number = self.number.strip()
        self.registration_number = self.registration_number.strip()
        errors: dict[str, list] = {}
        if self.licence_type_id:
            for name, message in self._type_errors():
                errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _type_errors(self):
        """(field, message) for every rule of the licence's type that the record breaks."""
        kind = self.licence_type
        yield from self._scope_errors(kind)
        yield from self._number_errors(kind)
        yield from self._extra_field_errors(kind)
        yield from self._validity_errors(kind)
        if self.renews_id and (
            self.renews.ikm_id != self.ikm_id
            or self.renews.product_id != self.product_id
            or self.renews.licence_type_id != self.licence_type_id
        ):
            yield "renews", gettext("A renewal is for the same IKM, product and type.")

    def _scope_errors(self, kind: LicenceType):
        if kind.is_per_product and not self.product_id:
            yield (
                "product",
                gettext("%(type)s is held per product: choose the product.") % {"type": kind},
            )
        elif not kind.is_per_product and self.product_id:
            yield (
                "product",
                gettext("%(type)s is held by the business, not per product.") % {"type": kind},
            )
        elif self.product_id and self.product.ikm_id != self.ikm_id:
            yield "product", gettext("The product belongs to another IKM.")

    def _number_errors(self, kind: LicenceType):
        if not self.number:
            return
        match = kind.match_number(self.number)
        if match is None:
            yield (
                "number",
                gettext("This is not a valid number. %(format)s")
                % {"format": kind.number_help_text()},
            )
            return
        groups = match.groupdict()
        expiry_year = groups.get("expiry_year")
        if expiry_year and self.valid_until and self.valid_until.year % 100 != int(expiry_year):
            yield (
                "number",
                gettext(
                    "The last two digits say the licence expires in 20%(digits)s, "
                    "but it is valid until %(year)s."
                )
                % {"digits": expiry_year, "year": self.valid_until.year},
            )
        filing_year = groups.get("filing_year")
        if filing_year and self.applied_on and self.applied_on.year != int(filing_year):
            yield (
                "number",
                gettext(
                    "The number says it was filed in %(number_year)s, but the filing date is in "
                    "%(year)s."
                )
                % {"number_year": filing_year, "year": self.applied_on.year},
            )

    def _extra_field_errors(self, kind: LicenceType):
        for extra in ExtraField:
            value = getattr(self, _attname(extra))
            present = value not in (None, "")
            if present and not kind.uses(extra):
                yield extra.value, gettext("%(type)s does not use this field.") % {"type": kind}
            elif not present and extra in kind.required_fields and self.is_granted:
                yield extra.value, gettext("Required once the licence is issued.")
        if (
            self.registration_number
            and kind.uses(ExtraField.REGISTRATION_NUMBER)
            and not kind.registration_number_is_valid(self.registration_number)
        ):
            yield (
                "registration_number",
                gettext("Not a valid registration number, e.g. %(example)s.")
                % {"example": kind.registration_example},
            )
        if self.djki_stage and not djki_stage_fits(self.status, self.djki_stage):
            yield (
                "djki_stage",
                gettext("This stage does not fit the status “%(status)s”.")
                % {"status": self.get_status_display()},
            )
        if self.distribution_permit_id:
            permit = self.distribution_permit
            if (
                permit.licence_type.category != LicenceCategory.DISTRIBUTION_PERMIT
                or permit.ikm_id != self.ikm_id
                or permit.product_id != self.product_id
            ):
                yield "distribution_permit", gettext("Choose the P-IRT or MD of the same product.")

    def _validity_errors(self, kind: LicenceType):
        if kind.validity_basis == ValidityBasis.NO_EXPIRY and self.valid_until:
            yield (
                "valid_until",
                gettext("%(type)s does not expire: leave this empty.") % {"type": kind},
            )
        if (
            kind.validity_basis == ValidityBasis.CERTIFICATE
            and self.is_granted
            and not self.valid_until
        ):
            yield "valid_until", gettext("Copy the date from the certificate.")

    @property
    def is_granted(self) -> bool:
        return self.status in GRANTED_STATUSES


def _attname(extra: ExtraField) -> str:
    return "distribution_permit_id" if extra == ExtraField.DISTRIBUTION_PERMIT else extra.value


def djki_stage_fits(status: str, stage: str) -> bool:
    """Registered once granted, refused once rejected, one of the pending stages before."""
    if status in GRANTED_STATUSES:
        return stage == DjkiStage.REGISTERED
    if status == LicenceStatus.REJECTED:
        return stage == DjkiStage.REFUSED
    return stage in DJKI_PENDING_STAGES
