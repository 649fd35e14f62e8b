"""The letters an office issues: its letterhead and signatory, and each recommendation letter.

A recommendation letter keeps a copy of everything it prints (letterhead, signatory, the IKM's
facts and classification) as they stood when it was issued, so that its PDF, rendered from the
record on every download (`licensing.letters`), stays the letter that was signed even after the
office changes its signatory or the IKM grows.
"""

import string

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import ExtraField
from licensing.models.licences import Licence
from registry.constants import IndustryClass, UmkScale
from registry.models import Ikm
from sentra_portal.models import Organisation, TimestampedModel
from sentra_portal.scoping import ScopedQuerySet

DEFAULT_NUMBER_PATTERN = "500.2/{sequence:04d}/Disperdagin/{year}"
NUMBER_PATTERN_FIELDS = frozenset({"sequence", "year"})
NUMBER_MAX_LENGTH = 100
# The reduced trademark fee is for micro and small businesses (UMK, PP 7/2021).
UMK_SCALES = (UmkScale.MICRO, UmkScale.SMALL)
# The licence types a letter can be for: those with a Nice class, i.e. trademarks. The
# catalogue says which types use it; no type is named in code.
TRADEMARK_FIELD = ExtraField.NICE_CLASS

nip_validator = RegexValidator(
    r"^\d{18}$", _("A civil servant's NIP has exactly 18 digits, without spaces."), code="nip"
)


def validate_number_pattern(value: str) -> None:
    """`{sequence}` and `{year}` (with an optional format such as `{sequence:04d}`), once
    or more, and no other placeholder."""
    invalid = ValidationError(
        _(
            "Write the number with the placeholders {sequence} and {year} and nothing else "
            "in braces, e.g. %(example)s."
        ),
        params={"example": DEFAULT_NUMBER_PATTERN},
        code="number_pattern",
    )
    try:
        names = {
            name
            for _text, name, _spec, _conv in string.Formatter().parse(value)
            if name is not None
        }
        formatted = value.format(sequence=1, year=2026)
    except (ValueError, KeyError, IndexError, AttributeError) as error:
        raise invalid from error
    if names != NUMBER_PATTERN_FIELDS or len(formatted) > NUMBER_MAX_LENGTH - 4:
        raise invalid


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OfficeLetterhead(TimestampedModel):
    """A city office's letterhead, letter numbering and signatory, set by its administrator."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="letterhead",
    )
    government_name = models.CharField(
        _("government"), max_length=120, help_text=_("e.g. PEMERINTAH KOTA BANJARMASIN")
    )
    office_name = models.CharField(
        _("office name"), max_length=200, help_text=_("e.g. DINAS PERDAGANGAN DAN INDUSTRI")
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        help_text=_("Street, number and postal code, as the letterhead prints it."),
    )
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(
        _("website"), max_length=100, blank=True, help_text=_("e.g. disperdagin.example.go.id")
    )
    place_name = models.CharField(
        _("place in the date line"),
        max_length=60,
        help_text=_("The city the letters are dated from, e.g. Banjarmasin."),
    )
    number_pattern = models.CharField(
        _("letter number"),
        max_length=NUMBER_MAX_LENGTH,
        default=DEFAULT_NUMBER_PATTERN,
        validators=[validate_number_pattern],
        help_text=_(
            "{sequence} is the letter's number in its year, {year} the year; {sequence:04d} "
            "writes it with four digits. e.g. 500.2/{sequence:04d}/Disperdagin/{year}"
        ),
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        help_text=_("With academic titles, as it is signed."),
    )
    signatory_title = models.CharField(
        _("signatory's position"), max_length=200, help_text=_("e.g. Kepala Dinas")
    )
    signatory_nip = models.CharField(
        _("signatory's NIP"), max_length=18, validators=[nip_validator]
    )
    signatory_rank = models.CharField(
        _("signatory's rank"),
        max_length=100,
        blank=True,
        help_text=_("Pangkat and grade, e.g. Pembina Utama Muda (IV/c)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "organisation__region"
    owner_field = None

    class Meta:
        verbose_name = _("office letterhead")
        verbose_name_plural = _("office letterheads")
        constraints = [
            models.CheckConstraint(
                condition=Q(signatory_nip__regex=r"^\d{18}$"),
                name="letterhead_nip_18_digits",
            ),
        ]

    def __str__(self):
        return f"{self.office_name} · {self.government_name}"

    def format_number(self, *, sequence: int, year: int) -> str:
        return self.number_pattern.format(sequence=sequence, year=year)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class RecommendationLetter(models.Model):
    """A letter recommending an IKM for the reduced trademark fee of micro and small business
    (surat rekomendasi UMK), numbered from its office's yearly sequence.

    Issued only through `licensing.services.recommendation_letter_issue`.
    """

    office = models.ForeignKey(
        Organisation,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="recommendation_letters",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("letter number"), max_length=NUMBER_MAX_LENGTH)
    ikm = models.ForeignKey(
        Ikm,
        verbose_name=_("IKM"),
        on_delete=models.PROTECT,
        related_name="recommendation_letters",
    )
    licence = models.ForeignKey(
        Licence,
        verbose_name=_("trademark record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendation_letters",
        help_text=_("Empty when the trademark is not recorded yet."),
    )
    brand = models.CharField(_("brand"), max_length=100)
    nice_class = models.PositiveSmallIntegerField(
        _("Nice class"),
        validators=[MinValueValidator(1), MaxValueValidator(45)],
        help_text=_("1–34 for goods, 35–45 for services."),
    )
    issued_on = models.DateField(_("date"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # As printed when it was issued: see the module's docstring.
    signatory_name = models.CharField(_("signatory's name"), max_length=200)
    signatory_title = models.CharField(_("signatory's position"), max_length=200)
    signatory_nip = models.CharField(_("signatory's NIP"), max_length=18)
    signatory_rank = models.CharField(_("signatory's rank"), max_length=100, blank=True)
    letterhead_government = models.CharField(_("government"), max_length=120)
    letterhead_office = models.CharField(_("office name"), max_length=200)
    letterhead_address = models.CharField(_("address"), max_length=300)
    letterhead_contact = models.CharField(_("contact line"), max_length=300, blank=True)
    place_name = models.CharField(_("place in the date line"), max_length=60)
    office_region_name = models.CharField(_("office's region"), max_length=100)
    ikm_name = models.CharField(_("business name"), max_length=200)
    ikm_owner_name = models.CharField(_("owner name"), max_length=200)
    ikm_address = models.CharField(_("address"), max_length=300, blank=True)
    ikm_nib = models.CharField(_("NIB"), max_length=13, blank=True)
    ikm_umk_scale = models.CharField(_("UMK scale"), max_length=6, choices=UmkScale.choices)
    ikm_industry_class = models.CharField(
        _("industry class"), max_length=6, choices=IndustryClass.choices
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "office__region"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("recommendation letter")
        verbose_name_plural = _("recommendation letters")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"],
                name="letter_one_sequence_per_office_year",
            ),
            models.UniqueConstraint(
                fields=["office", "number"],
                name="letter_number_unique_per_office",
                violation_error_message=_(
                    "The office has already issued a letter with this number: check its "
                    "number pattern."
                ),
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="letter_sequence_positive"),
            models.CheckConstraint(
                condition=Q(nice_class__range=(1, 45)), name="letter_nice_class_1_to_45"
            ),
            models.CheckConstraint(
                condition=Q(ikm_umk_scale__in=[scale.value for scale in UMK_SCALES]),
                name="letter_only_for_micro_and_small",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("licensing:letter_pdf", args=[self.pk])

    def clean(self):
        self.brand = self.brand.strip()
        if self.licence_id is None or self.ikm_id is None:
            return
        licence = self.licence
        if licence.ikm_id != self.ikm_id or not licence.licence_type.uses(TRADEMARK_FIELD):
            raise ValidationError({"licence": gettext("Choose a trademark record of this IKM.")})
        if licence.nice_class and self.nice_class and licence.nice_class != self.nice_class:
            raise ValidationError(
                {
                    "nice_class": gettext("The trademark record is in Nice class %(class)s.")
                    % {"class": licence.nice_class}
                }
            )

    @property
    def filename(self) -> str:
        """The PDF's file name, from the letter number (slashes and spaces as hyphens)."""
        safe = "".join(
            c if c.isascii() and (c.isalnum() or c in ".-_") else "-" for c in self.number
        )
        return f"surat-rekomendasi-{safe.strip('-')}.pdf"
