"""The IKMs that naik kelas in a year (``?tahun=``): the list behind the dashboards' figure,
per sentra and per village, with each IKM's class and market reach before and after.

The rule is `guidance.selectors_naik_kelas.naik_kelas`, as on the dashboards.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from guidance import selectors_naik_kelas
from guidance.forms_activities import ReportYearForm
from licensing.dates import office_today
from registry.constants import IndustryClass, MarketReach
from registry.filters import AreaChoiceFilter, AreaFilterSet, regions_under
from registry.models import Sentra, YearlySnapshot
from sentra_portal.constants import STAFF_ROLES, RegionLevel
from sentra_portal.models import Region
from sentra_portal.pagination import SortKey, SortOptions, count_rows, keyset_page
from sentra_portal.scoping import role_required

NAIK_KELAS_SORTS = SortOptions(SortKey("ikm", "ikm__name"), default="ikm")
CLASS_LABELS = dict(IndustryClass.choices)
REACH_LABELS = dict(MarketReach.choices)
ANY = _("Any")


class NaikKelasFilter(AreaFilterSet):
    """City (provincial officers), district, village and sentra of the IKM."""

    kelurahan = AreaChoiceFilter(
        queryset=Region.objects.none(),
        field_name="ikm__kelurahan",
        label=_("Village"),
        empty_label=ANY,
    )
    sentra = AreaChoiceFilter(
        queryset=Sentra.objects.none(), field_name="ikm__sentra", label=_("Sentra"), empty_label=ANY
    )

    class Meta:
        model = YearlySnapshot
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, user=user, **kwargs)
        if "city" in self.filters:
            self.filters["city"].field_name = "ikm__city"
        villages_of = self.chosen_kecamatan or self.area
        self.filters["kelurahan"].queryset = regions_under(villages_of, RegionLevel.VILLAGE)
        self.filters["sentra"].queryset = (
            Sentra.objects.visible_to(user).filter(city=self.area).only("name").order_by("name")
            if self.area
            else Sentra.objects.none()
        )
        if self.area is None:
            for name in ("kelurahan", "sentra"):
                self.filters[name].extra["help_text"] = _("Choose a city/regency first.")

    def in_kecamatan(self, queryset, name, value):
        return queryset.filter(ikm__kelurahan__code__under=value.code)


@role_required(*STAFF_ROLES)
@require_safe
def naik_kelas_list(request):
    """The IKMs in the user's scope that went up a class or a market reach in ``?tahun=``
    (this year by default), filtered by area and sentra, a keyset page at a time."""
    this_year = office_today().year
    # Without ``?tahun=`` (a bookmarked filter), this year, not a "required" error.
    year_form = ReportYearForm(
        request.GET if "tahun" in request.GET else None, initial={"tahun": this_year}
    )
    year = year_form.cleaned_data["tahun"] if year_form.is_valid() else this_year
    user = request.user
    filterset = NaikKelasFilter(
        request.GET,
        queryset=selectors_naik_kelas.naik_kelas_list(user=user, year=year),
        user=user,
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    ordering = NAIK_KELAS_SORTS.ordering(request.GET)
    page = keyset_page(queryset, ordering, request.GET)
    for row in page.object_list:
        row.class_up = (row.previous_class_rank is not None) and (
            row.class_rank > row.previous_class_rank
        )
        row.reach_up = (row.previous_reach_rank is not None) and (
            row.reach_rank > row.previous_reach_rank
        )
        row.previous_class_label = CLASS_LABELS.get(row.previous_class, "")
        row.previous_reach_label = REACH_LABELS.get(row.previous_reach, "")
    context = {
        "year": year,
        "year_form": year_form,
        "filterset": filterset,
        "page": page,
        "count": count_rows(queryset),
        "page_links": page.links(request.GET),
        "sort_links": NAIK_KELAS_SORTS.links(request.GET, ordering),
        "ordering": ordering,
    }
    return render(request, "guidance/naik_kelas_list.html", context)
