"""The stock Django admin configured for the portal's five lists: the benchmark's reference.

Each changelist shows the columns of the portal's list, filters on the same fields, searches
the same columns (``icontains``, the admin's way) and pages with the default paginator, which
counts every matching row and, with a filter, every row as well: that is the cost the portal's
keyset pages and capped count avoid. Pages hold 25 rows, as the portal's do, so that both render
the same amount. Columns the portal computes (a sentra's member figures, a case's days open)
are left out: the reference errs in the admin's favour.

The portal shows each role its own city or province; `AreaFilter` gives the admin the same rows
(``?wilayah=63`` a province, ``63.71`` a city, ``63.71.04`` a district), so that both answer
the same query. Mounted only by `benchmarks.urls`, never in the real portal.
"""

from django.contrib import admin
from django.db.models import Q

from guidance.constants import ActivityOrganiser
from guidance.models import Activity, Case
from guidance.models.activities import province_code
from licensing.models import Licence
from registry.models import Ikm, Sentra
from sentra_portal.pagination import PAGE_SIZE

site = admin.AdminSite(name="reference_admin")

PROVINCE_DEPTH = 0  # "63": no dot
CITY_DEPTH = 1  # "63.71"


class AreaFilter(admin.SimpleListFilter):
    """The rows of one province, city or district, by region code (codes nest: 63 > 63.71),
    through the model's own path to its city (`jurisdiction_city_field`), as the portal scopes."""

    title = "wilayah"
    parameter_name = "wilayah"

    def lookups(self, request, model_admin):
        # The area in use only: the reference spends no query on listing every region.
        return [(self.value(), self.value())] if self.value() else []

    def queryset(self, request, queryset):
        code = self.value()
        if not code:
            return queryset
        city = queryset.model.jurisdiction_city_field
        depth = code.count(".")
        if depth == PROVINCE_DEPTH:
            return queryset.filter(**{f"{city}__code__startswith": f"{code}."})
        if depth == CITY_DEPTH:
            return queryset.filter(**{city: code})
        # A district: only the IKM list is filtered by one.
        return queryset.filter(kelurahan__code__startswith=f"{code}.")


class OfficeAreaFilter(AreaFilter):
    """The activities the offices of an area see (as `ActivityQuerySet.visible_to`): a city's
    own and its province's; a province's own and those of its cities."""

    def queryset(self, request, queryset):
        code = self.value()
        if not code:
            return queryset
        if code.count(".") == PROVINCE_DEPTH:
            return queryset.filter(
                Q(province_office__region=code)
                | Q(city_office__region__code__startswith=f"{code}.")
            )
        province_wide = Q(
            organiser=ActivityOrganiser.PROVINCE, province_office__region=province_code(code)
        )
        return queryset.filter(Q(city_office__region=code) | province_wide)


class QueueFilter(admin.SimpleListFilter):
    """Open or closed cases: the portal's case list always shows one queue."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("open", "open"), ("closed", "closed")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "closed":
            return queryset.closed()
        return queryset


class ReferenceAdmin(admin.ModelAdmin):
    list_per_page = PAGE_SIZE


@admin.register(Sentra, site=site)
class SentraAdmin(ReferenceAdmin):
    list_display = ["name", "commodity", "city", "status"]
    list_select_related = ["city"]
    list_filter = [AreaFilter, "status"]
    search_fields = ["name", "commodity"]


@admin.register(Ikm, site=site)
class IkmAdmin(ReferenceAdmin):
    list_display = [
        "name",
        "owner_name",
        "nib",
        "kelurahan",
        "sentra",
        "primary_kbli",
        "industry_class",
        "umk_scale",
        "workers_total",
        "investment",
        "market_reach",
        "city",
    ]
    list_select_related = ["kelurahan", "sentra", "primary_kbli", "city"]
    list_filter = [AreaFilter, "status", "market_reach"]
    search_fields = ["name", "owner_name", "nib"]


@admin.register(Licence, site=site)
class LicenceAdmin(ReferenceAdmin):
    list_display = [
        "ikm",
        "product",
        "licence_type",
        "number",
        "status",
        "valid_until",
        "ikm__kelurahan",
        "ikm__sentra",
        "ikm__city",
    ]
    list_select_related = [
        "ikm__kelurahan",
        "ikm__sentra",
        "ikm__city",
        "product",
        "licence_type",
    ]
    list_filter = [AreaFilter, "licence_type", "status"]
    search_fields = ["number", "ikm__name"]
    ordering = ["valid_until"]  # the portal's default order


@admin.register(Case, site=site)
class CaseAdmin(ReferenceAdmin):
    list_display = [
        "created_at",
        "ikm",
        "ikm__kelurahan",
        "ikm__city",
        "goal",
        "status",
        "assigned_to",
    ]
    list_select_related = ["ikm__kelurahan", "ikm__city", "assigned_to"]
    list_filter = [AreaFilter, QueueFilter, "goal"]
    search_fields = ["ikm__name"]
    ordering = ["pk"]  # the portal's default order: oldest request first


@admin.register(Activity, site=site)
class ActivityAdmin(ReferenceAdmin):
    list_display = ["starts_on", "title", "venue", "kind", "organiser", "budget_source"]
    list_filter = [OfficeAreaFilter, "kind", "organiser", "budget_source"]
    search_fields = ["title", "venue"]
