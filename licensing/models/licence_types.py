import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import (
    ExtraField,
    LicenceCategory,
    LicenceScope,
    ValidityBasis,
)

# Bases whose valid-until date is a number of months after a date of the licence.
COUNTED_BASES = [ValidityBasis.ISSUE_DATE, ValidityBasis.FILING_DATE]


def validate_pattern(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(
            _("Not a valid regular expression: %(error)s"), params={"error": error}
        ) from error


class LicenceType(models.Model):
    """One kind of licence or certificate, loaded from `licensing.catalogue`.

    The English texts (name, number label and format, validity note) are marked for
    translation in the catalogue and shown through `gettext`.
    """

    code = models.SlugField(_("code"), max_length=30, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=LicenceCategory.choices)
    issuer = models.CharField(_("issuer"), max_length=100)
    scope = models.CharField(_("held"), max_length=10, choices=LicenceScope.choices)
    number_label = models.CharField(_("number label"), max_length=60)
    number_format = models.CharField(_("number format"), max_length=200)
    number_pattern = models.CharField(
        _("number pattern"),
        max_length=200,
        validators=[validate_pattern],
        help_text=_("A regular expression that the whole number must match."),
    )
    number_example = models.CharField(_("number example"), max_length=60)
    registration_pattern = models.CharField(
        _("registration number pattern"),
        max_length=200,
        blank=True,
        validators=[validate_pattern],
    )
    registration_example = models.CharField(
        _("registration number example"), max_length=60, blank=True
    )
    validity_basis = models.CharField(_("validity"), max_length=20, choices=ValidityBasis.choices)
    default_validity_months = models.PositiveSmallIntegerField(
        _("default validity (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when the validity is not counted from a date."),
    )
    validity_note = models.CharField(_("validity note"), max_length=200, blank=True)
    extra_fields = ArrayField(
        models.CharField(max_length=30, choices=ExtraField.choices),
        verbose_name=_("extra fields"),
        default=list,
        blank=True,
    )
    required_fields = ArrayField(
        models.CharField(max_length=30, choices=ExtraField.choices),
        verbose_name=_("fields required once issued"),
        default=list,
        blank=True,
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("licence type")
        verbose_name_plural = _("licence types")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    default_validity_months__isnull=False,
                    validity_basis__in=COUNTED_BASES,
                )
                | models.Q(
                    models.Q(default_validity_months__isnull=True),
                    ~models.Q(validity_basis__in=COUNTED_BASES),
                ),
                name="licence_type_months_when_counted_from_a_date",
            ),
        ]

    def __str__(self):
        return gettext(self.name)

    @property
    def is_per_product(self) -> bool:
        return self.scope == LicenceScope.PRODUCT

    def uses(self, extra_field: str) -> bool:
        return extra_field in self.extra_fields

    def number_help_text(self) -> str:
        return gettext("%(label)s: %(format)s, e.g. %(example)s") % {
            "label": gettext(self.number_label).capitalize(),
            "format": gettext(self.number_format),
            "example": self.number_example,
        }

    def match_number(self, number: str) -> re.Match | None:
        return re.fullmatch(self.number_pattern, number)

    def registration_number_is_valid(self, number: str) -> bool:
        return not self.registration_pattern or bool(
            re.fullmatch(self.registration_pattern, number)
        )
