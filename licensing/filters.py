"""The filters, search and sort keys of the licence list (and of its export).

The status filter and the expiry windows read the status as it stands today (an issued
licence past its valid-until date counts as expired), with conditions an index can serve.
City, district, village and sentra follow the user's area as in the registry lists.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from licensing.constants import ExpiryWindow, LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence, LicenceType
from licensing.models.licences import PROVINCE_OF_CITY, VALID_UNTIL_ORDER
from registry.filters import (
    SEARCH_MAX_LENGTH,
    AreaChoiceFilter,
    AreaFilterSet,
    SearchInput,
    regions_under,
)
from registry.models import Sentra
from registry.search import FEW_FOUND, NameSearch
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region
from sentra_portal.pagination import SortKey, SortOptions

LICENCE_SORTS = SortOptions(
    # Licences without expiry last.
    SortKey("valid_until", VALID_UNTIL_ORDER, value_type=int),
    SortKey("ikm", "ikm__name"),
    SortKey("type", "licence_type__sort_order", value_type=int),
    SortKey("number", "number"),
    default="valid_until",
)
ANY = _("Any")


class LicenceFilter(AreaFilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput,
        help_text=_("Licence number, or the IKM's name; small typos are forgiven."),
    )
    licence_type = django_filters.ModelChoiceFilter(
        queryset=LicenceType.objects.all(), method="of_type", label=_("Type"), empty_label=ANY
    )
    status = django_filters.ChoiceFilter(
        choices=LicenceStatus.choices, method="in_status", label=_("Status"), empty_label=ANY
    )
    expiring = django_filters.ChoiceFilter(
        choices=ExpiryWindow.choices,
        method="expiring_within",
        label=_("Expires"),
        empty_label=ANY,
    )
    city = AreaChoiceFilter(
        field_name="city",
        queryset=Region.objects.none(),
        label=_("City/regency"),
        empty_label=ANY,
    )
    kelurahan = AreaChoiceFilter(
        field_name="ikm__kelurahan",
        queryset=Region.objects.none(),
        label=_("Village"),
        empty_label=ANY,
    )
    sentra = AreaChoiceFilter(
        field_name="ikm__sentra", queryset=Sentra.objects.none(), label=_("Sentra"), empty_label=ANY
    )

    class Meta:
        model = Licence
        fields = []

    def __init__(self, data=None, queryset=None, *, user, today=None, **kwargs):
        super().__init__(data, queryset, user=user, **kwargs)
        self.today = today or office_today()
        self.filters["kelurahan"].queryset = regions_under(
            self.chosen_kecamatan or self.area, RegionLevel.VILLAGE
        )
        if self.area is None:
            self.filters["sentra"].queryset = Sentra.objects.none()
            for name in ("kelurahan", "sentra"):
                self.filters[name].extra["help_text"] = _("Choose a city/regency first.")
        else:
            self.filters["sentra"].queryset = (
                Sentra.objects.visible_to(user).filter(city=self.area).only("name")
            )

    def search(self, queryset, name, value):
        """By the IKM's name; by the number's beginning too once the text has a digit (every
        licence number has digits). When numbers and names find a few licences (up to
        `FEW_FOUND`), their ids are read first and listed: PostgreSQL then reads them by key
        (given an OR of the two, it read all of the area's licences to find a few). Many
        matches ("91", the beginning of every NIB) lie all along the list's order, and the
        OR finds a page of them at once."""
        text = value.strip()
        self.name_search = NameSearch.of(text, area=self.search_area)
        named = Q(ikm__in=self.name_search.ikm_ids())
        if not any(character.isdigit() for character in text):
            return queryset.filter(named)
        numbered = Q(number__istartswith=text)
        ids = queryset.order_by().values_list("pk", flat=True)
        found = ids.filter(numbered).union(ids.filter(named), all=True)
        few = list(found[: FEW_FOUND + 1])
        if len(few) <= FEW_FOUND:
            return queryset.filter(pk__in=few)
        return queryset.filter(numbered | named)

    def filter_queryset(self, queryset):
        """The whole province's licences are said to be the province's in the terms of its
        indexes (its scope says "a city code beginning with 35.", which they cannot read)."""
        if self.area is None:
            queryset = queryset.alias(province=PROVINCE_OF_CITY).filter(
                province=self.user.organisation.region_id
            )
        return super().filter_queryset(queryset)

    def of_type(self, queryset, name, value):
        return queryset.filter(licence_type=value)

    def in_status(self, queryset, name, value):
        return queryset.in_effective_status(value, self.today)

    def expiring_within(self, queryset, name, value):
        return queryset.expiring_within(int(value), self.today)

    def in_kecamatan(self, queryset, name, value):
        # Region codes nest (63.71.04 > 63.71.04.1009): no join to the district needed.
        return queryset.filter(ikm__kelurahan__code__under=value.code)
