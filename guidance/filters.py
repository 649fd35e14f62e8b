"""The staff's work queues of cases: mine, unassigned, overdue, all open (and closed), with
filters by goal, officer and area, and the sort keys of the list.

The queue is a filter like the others, so a queue's URL can be bookmarked and combined with
them. Without one, officers see their own cases and everyone else every open case.
"""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guidance.constants import (
    ActivityKind,
    ActivityOrganiser,
    BudgetSource,
    CaseGoal,
    CaseQueue,
    CaseStatus,
)
from guidance.models import Activity, Case
from guidance.permissions import ASSIGNABLE_ROLES
from licensing.dates import office_today
from registry.filters import SEARCH_MAX_LENGTH, AreaChoiceFilter, AreaFilterSet, SearchInput
from registry.search import NameSearch
from sentra_portal.constants import Role
from sentra_portal.models import Region, User
from sentra_portal.pagination import DateAsDays, SortKey, SortOptions

# The id grows with the time of the request (a JSON-friendly keyset value, served by the
# primary key): sorting by it is sorting by the date asked. Oldest first: a work queue.
CASE_SORTS = SortOptions(
    SortKey("created", "id", value_type=int),
    SortKey("ikm", "ikm__name"),
    default="created",
)
ANY = _("Any")


def default_queue(user: User) -> str:
    return CaseQueue.MINE if user.role == Role.OFFICER else CaseQueue.OPEN


def queues_for(user: User) -> list[tuple[str, str]]:
    """The queues the user may choose: "mine" only for those who can be assigned cases."""
    return [
        (value, label)
        for value, label in CaseQueue.choices
        if value != CaseQueue.MINE or user.role in ASSIGNABLE_ROLES
    ]


class CaseQueueFilter(AreaFilterSet):
    queue = django_filters.ChoiceFilter(
        choices=CaseQueue.choices, method="in_queue", label=_("Queue"), empty_label=None
    )
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput,
        help_text=_("The IKM's name; small typos are forgiven."),
    )
    goal = django_filters.ChoiceFilter(choices=CaseGoal.choices, label=_("Goal"), empty_label=ANY)
    officer = django_filters.ModelChoiceFilter(
        field_name="assigned_to",
        queryset=User.objects.none(),
        label=_("Officer"),
        empty_label=ANY,
    )
    city = AreaChoiceFilter(
        field_name="city",
        queryset=Region.objects.none(),
        label=_("City/regency"),
        empty_label=ANY,
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("queue"):
            data["queue"] = default_queue(user)
        super().__init__(data, queryset, user=user, **kwargs)
        self.filters["queue"].extra["choices"] = queues_for(user)
        if user.is_city_staff:
            self.filters["officer"].queryset = User.objects.filter(
                organisation=user.organisation_id, role__in=sorted(ASSIGNABLE_ROLES)
            ).order_by("first_name", "last_name", "username")
        else:
            del self.filters["officer"]

    @property
    def chosen_queue(self) -> str:
        return self.data["queue"]

    @property
    def has_filters(self) -> bool:
        """Whether a filter besides the queue and the search box is in use."""
        return any(self.data.get(name) for name in self.filters if name not in ("q", "queue"))

    def in_queue(self, queryset, name, value):
        if value == CaseQueue.MINE:
            return queryset.open().filter(assigned_to=self.user)
        if value == CaseQueue.UNASSIGNED:
            return queryset.filter(status=CaseStatus.SUBMITTED)
        if value == CaseQueue.OVERDUE:
            return queryset.filter(is_overdue=True)
        if value == CaseQueue.CLOSED:
            return queryset.closed()
        return queryset.open()

    def search(self, queryset, name, value):
        self.name_search = NameSearch.of(value.strip(), area=self.search_area)
        return queryset.filter(ikm__in=self.name_search.ikm_ids())

    def in_kecamatan(self, queryset, name, value):
        # Region codes nest (63.71.04 > 63.71.04.1009): no join to the district needed.
        return queryset.filter(ikm__kelurahan__code__under=value.code)


# Activities (kegiatan pembinaan)

# Dates as whole days (`DateAsDays`): an indexable key that a cursor carries as a number.
ACTIVITY_SORTS = SortOptions(
    SortKey("starts_on", DateAsDays("starts_on"), value_type=int, descending_first=True),
    SortKey("title", "title"),
    default="-starts_on",
)
FIRST_ACTIVITY_YEAR = 2000


def activity_years() -> list[tuple[int, int]]:
    """The years to choose from: the office's years up to next year, newest first."""
    # Labels as text: a number would be shown with a thousands separator (2.026).
    return [
        (year, str(year)) for year in range(office_today().year + 1, FIRST_ACTIVITY_YEAR - 1, -1)
    ]


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput,
        help_text=_("Title or venue of the activity."),
    )
    kind = django_filters.ChoiceFilter(
        choices=ActivityKind.choices, label=_("Kind"), empty_label=ANY
    )
    year = django_filters.ChoiceFilter(
        choices=activity_years,
        method="in_year",
        label=_("Year"),
        empty_label=ANY,
    )
    organiser = django_filters.ChoiceFilter(
        choices=ActivityOrganiser.choices, label=_("Organiser"), empty_label=ANY
    )
    budget_source = django_filters.ChoiceFilter(
        choices=BudgetSource.choices, label=_("Budget source"), empty_label=ANY
    )

    class Meta:
        model = Activity
        fields = []

    @property
    def has_filters(self) -> bool:
        return any(self.data.get(name) for name in self.filters if name != "q")

    def search(self, queryset, name, value):
        text = value.strip()
        return queryset.filter(Q(title__icontains=text) | Q(venue__icontains=text))

    def in_year(self, queryset, name, value):
        # A range on the date itself, which the (starts_on, id) index serves.
        value = int(value)
        return queryset.filter(
            starts_on__gte=datetime.date(value, 1, 1), starts_on__lte=datetime.date(value, 12, 31)
        )
