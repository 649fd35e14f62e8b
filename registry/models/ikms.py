import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.classification import industry_class_expression, umk_scale_expression
from registry.constants import (
    Gender,
    IkmStatus,
    IndustryClass,
    LegalForm,
    MarketReach,
    UmkScale,
)
from registry.models.ikm_words import words_trigger
from registry.models.kbli import Kbli
from registry.models.sentras import Sentra
from sentra_portal.models import Region, TimestampedModel
from sentra_portal.scoping import ScopedQuerySet

nib_validator = RegexValidator(r"^\d{13}$", _("An NIB has exactly 13 digits."), code="nib")
phone_validator = RegexValidator(
    r"^\+?[0-9 -]{8,20}$",
    _("Write the number with digits only, e.g. 081234567890 or +62 812 3456 7890."),
    code="phone",
)


class BusinessFigures(models.Model):
    """Workers, investment, production and reach: on the IKM now, and on each yearly record.

    The industry class and UMK scale are generated columns computed by PostgreSQL from the
    rules in `registry.classification`, so nobody types them and every list can filter by them.
    """

    workers_male = models.PositiveIntegerField(_("male workers"), default=0)
    workers_female = models.PositiveIntegerField(_("female workers"), default=0)
    investment = models.BigIntegerField(
        _("investment (Rp)"),
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Whole rupiah, excluding land and buildings."),
    )
    production_value = models.BigIntegerField(
        _("yearly production value (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    market_reach = models.CharField(
        _("market reach"), max_length=10, choices=MarketReach.choices, default=MarketReach.LOCAL
    )
    workers_total = models.GeneratedField(
        expression=F("workers_male") + F("workers_female"),
        output_field=models.PositiveIntegerField(_("workers")),
        db_persist=True,
    )
    industry_class = models.GeneratedField(
        expression=industry_class_expression(),
        output_field=models.CharField(
            _("industry class"), max_length=6, choices=IndustryClass.choices
        ),
        db_persist=True,
    )
    umk_scale = models.GeneratedField(
        expression=umk_scale_expression(),
        output_field=models.CharField(_("UMK scale"), max_length=6, choices=UmkScale.choices),
        db_persist=True,
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(investment__gte=0) & Q(production_value__gte=0),
                name="%(class)s_money_not_negative",
            ),
        ]


class AreaCodes(models.Func):
    """``ARRAY[city, province]`` of a record's city code (63.71 -> {63.71, 63}): with the
    names' trigrams in one GIN index, a typo-tolerant search reads only the matches of the
    user's city or province (`registry.search`), not those of the whole country."""

    template = "ARRAY[(%(expressions)s)::text, left(%(expressions)s, 2)]"
    output_field = ArrayField(models.TextField())


class SearchedNames(models.Func):
    """The business and owner names in one text, for the typo-tolerant search."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = models.TextField()

    def __init__(self):
        super().__init__(F("name"), F("owner_name"))


class NameWords(models.Func):
    """The words of the business and owner names, split as `registry.models.ikm_words`
    splits them (lower case, at anything that is not a letter or a digit). Beside the area
    codes in one GIN index, the IKMs of an area that have every word of a search are one
    index scan (`registry.search`)."""

    template = "regexp_split_to_array(lower(%(expressions)s), '[^[:alnum:]]+')"
    output_field = ArrayField(models.TextField())

    def __init__(self):
        super().__init__(SearchedNames())


def ikm_city_field() -> models.ForeignKey:
    """The city of a record's IKM, kept on the record itself by `city_copied_from_ikm`.

    Licences and cases are listed, counted and scoped by city and province by the hundred
    thousand; with the city on their own table, one index answers without joining the IKMs.
    """
    return models.ForeignKey(
        Region,
        verbose_name=_("city/regency"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,  # filled by the database, never by a form
    )


def city_copied_from_ikm(name: str) -> pgtrigger.Trigger:
    """Before every write, the database copies the IKM's city into the record's `city`.

    An IKM never moves to another city (services act only within the actor's own city).
    """
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update,
        func="NEW.city_id := (SELECT city_id FROM registry_ikm WHERE id = NEW.ikm_id); RETURN NEW;",
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Ikm(TimestampedModel, BusinessFigures):
    """An industri kecil dan menengah: one business in the registry."""

    name = models.CharField(_("business name"), max_length=200)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        null=True,
        blank=True,
        unique=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha from OSS, 13 digits, e.g. 9120001234567."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=15, choices=LegalForm.choices, default=LegalForm.INDIVIDUAL
    )
    owner_name = models.CharField(_("owner name"), max_length=200)
    owner_gender = models.CharField(_("owner gender"), max_length=1, choices=Gender.choices)
    phone = models.CharField(
        _("phone/WhatsApp"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.ForeignKey(
        Region, verbose_name=_("city/regency"), on_delete=models.PROTECT, related_name="+"
    )
    kelurahan = models.ForeignKey(
        Region, verbose_name=_("village"), on_delete=models.PROTECT, related_name="ikms"
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    sentra = models.ForeignKey(
        Sentra,
        verbose_name=_("sentra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    primary_kbli = models.ForeignKey(
        Kbli,
        verbose_name=_("primary KBLI"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    other_kbli = models.ManyToManyField(
        Kbli, verbose_name=_("other KBLI codes"), blank=True, related_name="+"
    )
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IkmStatus.choices, default=IkmStatus.ACTIVE
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("owner accounts"), blank=True, related_name="ikms"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "city"
    owner_field = "owners"

    class Meta:
        verbose_name = _("IKM")
        verbose_name_plural = _("IKMs")
        ordering = ["name"]
        indexes = [
            # The IKM list pages by keyset: one (sort column, id) index per sort key, behind
            # the city for city staff, and alone for the sorts provincial officers use most.
            models.Index(fields=["city", "name", "id"], name="ikm_city_name_idx"),
            models.Index(fields=["name", "id"], name="ikm_name_idx"),
            models.Index(fields=["city", "owner_name", "id"], name="ikm_city_owner_idx"),
            models.Index(F("city"), Coalesce("nib", Value("")), F("id"), name="ikm_city_nib_idx"),
            models.Index(fields=["city", "kelurahan", "id"], name="ikm_city_kelurahan_idx"),
            models.Index(fields=["city", "workers_total", "id"], name="ikm_city_workers_idx"),
            models.Index(fields=["workers_total", "id"], name="ikm_workers_idx"),
            models.Index(fields=["city", "investment", "id"], name="ikm_city_investment_idx"),
            models.Index(fields=["investment", "id"], name="ikm_investment_idx"),
            # The typo-tolerant search box (pg_trgm word similarity).
            GinIndex(
                AreaCodes("city"),
                OpClass(SearchedNames(), name="gin_trgm_ops"),
                name="ikm_area_names_trgm_idx",
            ),
            # The same search, word by word (`registry.search`).
            GinIndex(AreaCodes("city"), NameWords(), name="ikm_area_words_idx"),
        ]
        constraints = [
            *BusinessFigures.Meta.constraints,
            models.CheckConstraint(
                condition=Q(nib__regex=r"^\d{13}$") | Q(nib__isnull=True),
                name="ikm_nib_13_digits",
            ),
            models.CheckConstraint(
                condition=Q(founding_year__range=(1900, 2100)) | Q(founding_year__isnull=True),
                name="ikm_founding_year_range",
            ),
        ]
        triggers = [words_trigger()]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:ikm_detail", args=[self.pk])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Product(TimestampedModel):
    """What an IKM makes; published products appear in the public directory."""

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("product name"), max_length=200)
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    kbli = models.ForeignKey(
        Kbli, verbose_name=_("KBLI"), on_delete=models.PROTECT, null=True, blank=True
    )
    capacity = models.DecimalField(
        _("production capacity"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=30, blank=True, help_text=_("e.g. kg/bulan, lembar/bulan")
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("The IKM agrees to show this product in the public directory."),
    )

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "ikm__city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0) | Q(capacity__isnull=True),
                name="product_capacity_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.brand})" if self.brand else self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class YearlySnapshot(BusinessFigures):
    """Pendataan: the IKM's figures as recorded for one year."""

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.CASCADE, related_name="snapshots"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "ikm__city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("yearly data")
        verbose_name_plural = _("yearly data")
        ordering = ["ikm", "year"]
        constraints = [
            *BusinessFigures.Meta.constraints,
            models.UniqueConstraint(fields=["ikm", "year"], name="one_snapshot_per_ikm_and_year"),
        ]

    def __str__(self):
        return f"{self.ikm} {self.year}"
