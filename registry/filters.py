"""The filters, search and sort keys of the sentra and IKM lists (and of their exports).

Choices come from the user's jurisdiction: a city's staff choose among their city's districts,
villages and sentras; a provincial officer first chooses a city of the province, and the
district, village and sentra choices follow that city. A value that no longer fits (a village
of the city chosen before) is dropped rather than refused, so changing the city never leaves
the list stuck on an error.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from registry.constants import IkmStatus, IndustryClass, MarketReach, SentraStatus, UmkScale
from registry.filter_panels import panel_cache_key
from registry.models import Ikm, Sentra
from registry.search import (
    FEW_FOUND,
    NameSearch,
    close_in_any,
    close_to_every_word,
    words_of,
)
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region
from sentra_portal.pagination import Ordering, SortKey, SortOptions

SEARCH_MAX_LENGTH = 100
# The word that every sentra's name has ("Sentra Tempe Sumbersari"): a search looks for the
# others.
EVERY_SENTRAS_WORD = "sentra"
NIB_PREFIX_MIN_DIGITS = 2
CITY_CODE = re.compile(r"\d{2}\.\d{2}")

IKM_SORTS = SortOptions(
    SortKey("name", "name"),
    SortKey("owner", "owner_name"),
    # IKMs without an NIB sort as the empty string: a keyset needs a value in every row.
    SortKey("nib", Coalesce("nib", Value(""))),
    # By village code: villages of one district together, districts in their official order.
    SortKey("kelurahan", "kelurahan_id"),
    SortKey("workers", "workers_total", value_type=int, descending_first=True),
    SortKey("investment", "investment", value_type=int, descending_first=True),
    SortKey("city", "city_id"),
    default="name",
)
SENTRA_SORTS = SortOptions(
    SortKey("name", "name"),
    SortKey("commodity", "commodity"),
    SortKey("status", "status"),
    SortKey("city", "city_id"),
    default="name",
)

kbli_prefix_validator = RegexValidator(
    r"^\d{2,5}$",
    _("Write 2 to 5 digits of a KBLI code, e.g. 10 or 10792."),
    code="kbli_prefix",
)


class SearchInput(forms.TextInput):
    input_type = "search"


class NamedChoices(django_filters.fields.ModelChoiceIterator):
    """The options as (pk, name) rows, without a model instance each (a city has hundreds of
    villages): for models whose str() is their name."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class FollowingChoiceField(django_filters.fields.ModelChoiceField):
    """A choice outside the current choices (they follow the chosen area) is dropped."""

    iterator = NamedChoices

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


class AreaChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = FollowingChoiceField


def _any(label=None):
    return {"empty_label": _("Any"), **({"label": label} if label else {})}


def regions_under(prefix: str | None, level: RegionLevel):
    if prefix is None:
        return Region.objects.none()
    return (
        Region.objects.filter(level=level, code__startswith=f"{prefix}.")
        .only("code", "name")
        .order_by("name")
    )


class AreaFilterSet(django_filters.FilterSet):
    """City (provincial officers only) and district, with choices from the user's area."""

    city = AreaChoiceFilter(queryset=Region.objects.none(), **_any(_("City/regency")))
    kecamatan = AreaChoiceFilter(
        queryset=Region.objects.none(), method="in_kecamatan", **_any(_("District"))
    )

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.user = user
        region = user.organisation.region_id
        if user.is_provincial_officer:
            self.filters["city"].queryset = regions_under(region, RegionLevel.CITY)
            chosen = self.data.get("city", "")
            in_province = chosen.startswith(f"{region}.") and CITY_CODE.fullmatch(chosen)
            self.area = chosen if in_province else None
        else:
            del self.filters["city"]
            self.area = region
        self.filters["kecamatan"].queryset = regions_under(self.area, RegionLevel.DISTRICT)
        if self.area is None:
            self.filters["kecamatan"].extra["help_text"] = _("Choose a city/regency first.")

    name_search = None  # the search box's `NameSearch`, once the rows are filtered

    def reading_order(self, ordering: Ordering) -> Ordering:
        """`ordering`, in the terms the found rows are best read in (the same order)."""
        return ordering

    def counted(self, rows: QuerySet) -> QuerySet:
        """What the list's result count counts: the rows found, or the same number of rows
        that are cheaper to count."""
        return rows

    @property
    def search_area(self) -> str:
        """The narrowest area holding the user's rows: the city, else the province."""
        return self.area or self.user.organisation.region_id

    @property
    def chosen_kecamatan(self) -> str | None:
        chosen = self.data.get("kecamatan", "")
        return chosen if self.area and chosen.startswith(f"{self.area}.") else None

    @property
    def has_filters(self) -> bool:
        """Whether any filter other than the search box is in use (the panel opens)."""
        return any(self.data.get(name) for name in self.filters if name != "q")

    @property
    def panel_cache_key(self) -> str:
        return panel_cache_key(self)


class IkmFilter(AreaFilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput,
        help_text=_("Business name, owner name or NIB; small typos are forgiven."),
    )
    kelurahan = AreaChoiceFilter(queryset=Region.objects.none(), **_any(_("Village")))
    sentra = AreaChoiceFilter(queryset=Sentra.objects.none(), **_any(_("Sentra")))
    kbli = django_filters.CharFilter(
        method="in_kbli",
        label=_("KBLI code"),
        max_length=5,
        validators=[kbli_prefix_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("A primary KBLI code, or its first digits (10 = all food industries)."),
    )
    industry_class = django_filters.ChoiceFilter(
        choices=IndustryClass.choices, **_any(_("Industry class"))
    )
    umk_scale = django_filters.ChoiceFilter(choices=UmkScale.choices, **_any(_("UMK scale")))
    status = django_filters.ChoiceFilter(choices=IkmStatus.choices, **_any(_("Status")))
    market_reach = django_filters.ChoiceFilter(
        choices=MarketReach.choices, **_any(_("Market reach"))
    )
    has_nib = django_filters.ChoiceFilter(
        choices=[("yes", _("Has an NIB")), ("no", _("No NIB yet"))],
        method="with_nib",
        **_any(_("NIB")),
    )

    class Meta:
        model = Ikm
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, user=user, **kwargs)
        villages_of = self.chosen_kecamatan or self.area
        self.filters["kelurahan"].queryset = regions_under(villages_of, RegionLevel.VILLAGE)
        self.filters["sentra"].queryset = (
            Sentra.objects.visible_to(user).filter(city=self.area).only("name")
            if self.area
            else Sentra.objects.none()
        )
        if self.area is None:
            for name in ("kelurahan", "sentra"):
                self.filters[name].extra["help_text"] = _("Choose a city/regency first.")

    def search(self, queryset, name, value):
        """By name (`registry.search.NameSearch`); by the NIB's beginning too once the text
        is digits enough, except for a common word: its join to the word rows would drop
        the IKMs found by NIB alone (no NIB begins with a word of a thousand names)."""
        text = value.strip()
        self.name_search = NameSearch.of(text, area=self.search_area)
        condition = self.name_search.ikm_condition()
        digits = re.sub(r"[\s.-]", "", text)
        nib_prefix = digits.isdigit() and len(digits) >= NIB_PREFIX_MIN_DIGITS
        if nib_prefix and self.name_search.common_word is None:
            condition |= Q(nib__startswith=digits)
        return queryset.filter(condition)

    def reading_order(self, ordering: Ordering) -> Ordering:
        if self.name_search is None:
            return ordering
        return self.name_search.by_name(ordering)

    def counted(self, rows: QuerySet) -> QuerySet:
        """A common word searched alone: its word rows in the area, one per IKM found. They
        count from one index, and PostgreSQL estimates them from the word's statistics (the
        join to the IKMs it judged three times too small)."""
        if self.name_search is None or self.name_search.common_word is None:
            return rows
        return rows if self.has_filters else self.name_search.word_rows()

    def in_kecamatan(self, queryset, name, value):
        # Region codes nest (63.71.04 > 63.71.04.1009): no join needed.
        return queryset.filter(kelurahan__code__under=value.code)

    def in_kbli(self, queryset, name, value):
        return queryset.filter(primary_kbli__code__startswith=value)

    def with_nib(self, queryset, name, value):
        return queryset.filter(nib__isnull=value != "yes")


class SentraFilter(AreaFilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput,
        help_text=_("Sentra name or commodity; small typos are forgiven."),
    )
    status = django_filters.ChoiceFilter(choices=SentraStatus.choices, **_any(_("Status")))
    commodity = django_filters.CharFilter(
        field_name="commodity", lookup_expr="icontains", label=_("Commodity"), max_length=100
    )
    kbli = django_filters.CharFilter(
        method="in_kbli",
        label=_("KBLI code"),
        max_length=5,
        validators=[kbli_prefix_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("One of the sentra's KBLI codes, or its first digits."),
    )

    class Meta:
        model = Sentra
        fields = []

    def search(self, queryset, name, value):
        """Sentras with every word close to a word of their name or commodity, in any order;
        when none has them all, those with a stretch close to the whole text, which forgives
        more ("olahan ikn").

        Every sentra is called "Sentra …": the whole text's trigrams matched all of a
        province's names, and each was compared (20-30 ms). Word by word, without that word,
        the index gives the few sentras with every other word; their ids, read once, then
        serve the page and its count (a statement of trigram conditions took 3 ms to plan)."""
        text = value.strip()
        typed = words_of(text)
        words = [word for word in typed if word != EVERY_SENTRAS_WORD]
        if words and len(typed) > 1:
            every_word = queryset.filter(close_to_every_word(words, "name", "commodity"))
            found = list(every_word.order_by().values_list("pk", flat=True)[: FEW_FOUND + 1])
            if len(found) > FEW_FOUND:
                return every_word
            if found:
                return queryset.filter(pk__in=found)
        return queryset.filter(close_in_any(text, "name", "commodity"))

    def in_kecamatan(self, queryset, name, value):
        villages = Sentra.kelurahans.through.objects.filter(
            sentra=OuterRef("pk"), region__code__under=value.code
        )
        return queryset.filter(Exists(villages))

    def in_kbli(self, queryset, name, value):
        codes = Sentra.kbli_codes.through.objects.filter(
            sentra=OuterRef("pk"), kbli__code__startswith=value
        )
        return queryset.filter(Exists(codes))
