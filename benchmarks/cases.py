"""What the benchmark requests, looked up in the database under test so that each request means
the same at any scale.

- Each list (sentras, IKMs, licences, cases, activities), as an officer and as a provincial
  officer: the first page; a deep page; the last page; the filter value with the most rows for
  that user (an officer's largest district, a provincial officer's largest city, the commonest
  status, licence type, goal or kind); a selective search (an NIB, a licence number, a whole
  name); a broad search (the commonest word of the names, e.g. "Kerupuk"); a misspelt name.
  The case list shows the open cases (``queue=open``), an officer's own queue being too small.
- Each record page as the officer; the owner's IKM page and home; both dashboards; the IKM
  export (XLSX) as the provincial officer, with the filter that leaves closest to 100,000 rows.

The deep page: the portal pages by keyset (`sentra_portal.pagination`), each page starting after
the sort value and id of the last row of the page before. Its URL is made here for the row half
way through the list, found once with OFFSET outside the measured requests, with
`KeysetPage.links`, exactly as the page before it would link to it (following 20,000 ``next``
links to get there would measure nothing more). The reference admin's deep page is its page
number at the same position (``?p=``), which its paginator serves with OFFSET.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, Model, QuerySet
from django.db.models.functions import Left
from django.http import QueryDict
from django.urls import reverse

from benchmarks.reference_admin import AreaFilter
from guidance.filters import ACTIVITY_SORTS, CASE_SORTS
from guidance.models import Activity, Case
from licensing.filters import LICENCE_SORTS
from licensing.models import Licence
from registry.filters import IKM_SORTS, SENTRA_SORTS
from registry.models import Ikm, Sentra
from sentra_portal.models import User
from sentra_portal.pagination import AFTER_PARAM, LAST_PARAM, PAGE_SIZE, KeysetPage, SortOptions

ACCOUNTS = {
    "officer": "bench.officer",
    "provincial": "bench.provinsi",
    "owner": "bench.pemilik",
    "admin": "bench.admin",
}
LIST_ROLES = ("officer", "provincial")
LIST_CASES = (
    "first",
    "deep",
    "last",
    "filter",
    "search_selective",
    "search_broad",
    "search_typo",
)
EXPORT_ROWS = 100_000
EXPORT_FILTERS = ("city", "status", "market_reach", "industry_class", "umk_scale")
DISTRICT_CODE_LENGTH = len("63.71.04")
WORD_SAMPLE = 5_000
MIN_WORD_LENGTH = 4
SEARCH_PARAM = "q"
ADMIN_PAGE_PARAM = "p"


class MissingDataError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """One page to measure, as one role, with its references."""

    page: str
    role: str
    case: str
    url: str
    rows_in_db: int
    rows_visible: int | None = None  # the rows the list (or the export) holds for this role
    admin_url: str | None = None  # the stock admin changelist answering the same query
    sql_table: str | None = None  # the list's table: the page's statements on it are its SQL
    export: bool = False


@dataclass(frozen=True)
class ListPage:
    page: str
    url_name: str
    model: type[Model]
    scope: Callable[[User], QuerySet]  # the rows the list shows the user before any filter
    sorts: SortOptions
    common_filter: Callable[[QuerySet, User], tuple[dict, dict]]  # portal, admin parameters
    rare_field: str  # the selective search is a value of this field
    name_field: str  # the broad search's word and the misspelt name come from this field
    params: dict = field(default_factory=dict)  # in every URL of the list, portal and admin

    def url(self, params: dict) -> str:
        query = {**self.params, **params}
        return reverse(self.url_name) + (f"?{urlencode(query)}" if query else "")

    def admin_url(self, params: dict) -> str:
        meta = self.model._meta
        query = urlencode({**self.params, **params})
        return f"/reference-admin/{meta.app_label}/{meta.model_name}/?{query}"


def _most_common(rows: QuerySet, expression):
    return (
        rows.order_by()
        .values(value=expression)
        .annotate(rows=Count("pk"))
        .order_by("-rows", "value")
        .values_list("value", flat=True)
        .first()
    )


def _field_filter(portal_param: str, field_name: str, admin_param: str):
    def choose(rows: QuerySet, user: User) -> tuple[dict, dict]:
        value = str(_most_common(rows, F(field_name)))
        return {portal_param: value}, {admin_param: value}

    return choose


def _ikm_area_filter(rows: QuerySet, user: User) -> tuple[dict, dict]:
    """A provincial officer narrows the list to a city, an officer to a district."""
    if user.is_provincial_officer:
        param, code = "city", _most_common(rows, F("city_id"))
    else:
        param, code = "kecamatan", _most_common(rows, Left("kelurahan_id", DISTRICT_CODE_LENGTH))
    return {param: code}, {AreaFilter.parameter_name: code}


LISTS = (
    ListPage(
        page="sentra_list",
        url_name="registry:sentra_list",
        model=Sentra,
        scope=lambda user: Sentra.objects.visible_to(user),
        sorts=SENTRA_SORTS,
        common_filter=_field_filter("status", "status", "status__exact"),
        rare_field="name",
        name_field="name",
    ),
    ListPage(
        page="ikm_list",
        url_name="registry:ikm_list",
        model=Ikm,
        scope=lambda user: Ikm.objects.visible_to(user),
        sorts=IKM_SORTS,
        common_filter=_ikm_area_filter,
        rare_field="nib",
        name_field="name",
    ),
    ListPage(
        page="licence_list",
        url_name="licensing:licence_list",
        model=Licence,
        scope=lambda user: Licence.objects.visible_to(user),
        sorts=LICENCE_SORTS,
        common_filter=_field_filter("licence_type", "licence_type_id", "licence_type__code__exact"),
        rare_field="number",
        name_field="ikm__name",
    ),
    ListPage(
        page="case_list",
        url_name="guidance:case_list",
        model=Case,
        scope=lambda user: Case.objects.visible_to(user).open(),
        sorts=CASE_SORTS,
        common_filter=_field_filter("goal", "goal", "goal__exact"),
        rare_field="ikm__name",
        name_field="ikm__name",
        params={"queue": "open"},
    ),
    ListPage(
        page="activity_list",
        url_name="guidance:activity_list",
        model=Activity,
        scope=lambda user: Activity.objects.visible_to(user),
        sorts=ACTIVITY_SORTS,
        common_filter=_field_filter("kind", "kind", "kind__exact"),
        rare_field="title",
        name_field="title",
    ),
)


def misspell(name: str) -> str:
    """`name` with the middle letter of its longest word typed twice ("Barokah" → "Barookah"),
    the slip of the fingers that a typo-tolerant search should forgive."""
    words = name.split()
    longest = max(range(len(words)), key=lambda index: len(words[index]))
    word = words[longest]
    middle = len(word) // 2
    words[longest] = word[:middle] + word[middle] + word[middle:]
    return " ".join(words)


def _first_value(rows: QuerySet, field_name: str) -> str:
    value = (
        rows.filter(**{f"{field_name}__gt": ""})
        .order_by("pk")
        .values_list(field_name, flat=True)
        .first()
    )
    if value is None:
        raise MissingDataError(f"no {rows.model.__name__} with a {field_name} to search for")
    return value


def _common_word(rows: QuerySet, field_name: str) -> str:
    """The commonest word of `field_name` (letters only, at least 4) in a sample of rows."""
    names = rows.order_by("pk").values_list(field_name, flat=True)[:WORD_SAMPLE]
    words = Counter(
        word
        for name in names
        for word in name.split()
        if word.isalpha() and len(word) >= MIN_WORD_LENGTH
    )
    return words.most_common(1)[0][0]


def _cursor_after(list_page: ListPage, rows: QuerySet, position: int) -> str:
    """The ``after`` cursor of the row at `position` in the list's default order."""
    ordering = list_page.sorts.ordering(QueryDict())
    ordered = rows.annotate(keyset_value=ordering.key.resolved()).order_by(*ordering.order_by())
    row = ordered.only("pk")[position]
    page = KeysetPage([row], ordering, has_next=True, has_previous=False)
    return QueryDict(page.links(QueryDict()).next.removeprefix("?"))[AFTER_PARAM]


def _list_targets(list_page: ListPage, role: str, user: User, rows_in_db: int) -> list[Target]:
    rows = list_page.scope(user)
    count = rows.count()
    if count == 0:
        raise MissingDataError(f"the {list_page.page} of {ACCOUNTS[role]} is empty")
    middle = count // 2
    portal_filter, admin_filter = list_page.common_filter(rows, user)
    searches = {
        "search_selective": _first_value(rows, list_page.rare_field),
        "search_broad": _common_word(rows, list_page.name_field),
        "search_typo": misspell(_first_value(rows, list_page.name_field)),
    }
    portal = {
        "first": {},
        "deep": {AFTER_PARAM: _cursor_after(list_page, rows, middle)},
        "last": {LAST_PARAM: "1"},
        "filter": portal_filter,
        **{case: {SEARCH_PARAM: text} for case, text in searches.items()},
    }
    area = {AreaFilter.parameter_name: user.organisation.region_id}
    admin = {
        "first": area,
        "deep": {**area, ADMIN_PAGE_PARAM: middle // PAGE_SIZE + 1},
        "last": {**area, ADMIN_PAGE_PARAM: math.ceil(count / PAGE_SIZE)},
        "filter": {**area, **admin_filter},
        **{case: {**area, SEARCH_PARAM: text} for case, text in searches.items()},
    }
    return [
        Target(
            page=list_page.page,
            role=role,
            case=case,
            url=list_page.url(portal[case]),
            rows_in_db=rows_in_db,
            rows_visible=count,
            admin_url=list_page.admin_url(admin[case]),
            sql_table=list_page.model._meta.db_table,
        )
        for case in LIST_CASES
    ]


def _record_targets(officer: User, owner: User, rows_in_db: dict) -> list[Target]:
    """Each record page as the officer (the owner's IKM, its licence and case, the city's
    largest sentra and activity), then the owner's IKM page and home."""
    owned = Ikm.objects.filter(owners=owner).order_by("pk").first()
    if owned is None:
        raise MissingDataError(f"{ACCOUNTS['owner']} owns no IKM")
    cases = Case.objects.visible_to(officer).order_by("pk")
    records = {
        "sentra_detail": Sentra.objects.visible_to(officer)
        .annotate(member_count=Count("members"))
        .order_by("-member_count", "pk")
        .first(),
        "ikm_detail": owned,
        "licence_detail": Licence.objects.visible_to(officer)
        .filter(ikm=owned)
        .order_by("pk")
        .first(),
        "case_detail": cases.filter(ikm=owned).first() or cases.first(),
        "activity_detail": Activity.objects.visible_to(officer)
        .annotate(participant_count=Count("participants"))
        .order_by("-participant_count", "pk")
        .first(),
    }
    missing = [page for page, record in records.items() if record is None]
    if missing:
        raise MissingDataError(f"nothing to show on {', '.join(missing)} for {ACCOUNTS['officer']}")
    targets = [
        Target(page, "officer", "detail", record.get_absolute_url(), rows_in_db[type(record)])
        for page, record in records.items()
    ]
    return [
        *targets,
        Target("ikm_detail", "owner", "detail", owned.get_absolute_url(), rows_in_db[Ikm]),
        Target("home", "owner", "detail", reverse("home"), rows_in_db[Ikm]),
    ]


def _export_target(provincial: User, rows_in_db: int) -> Target:
    """The IKM export as the provincial officer, with the one filter whose rows come closest
    to `EXPORT_ROWS` (at a small scale, the filter that keeps the most)."""
    rows = Ikm.objects.visible_to(provincial).order_by()
    candidates = [
        (abs(row["rows"] - EXPORT_ROWS), row["rows"], name, str(row[name]))
        for name in EXPORT_FILTERS
        for row in rows.values(name).annotate(rows=Count("pk"))
    ]
    _distance, count, name, value = min(candidates)
    url = reverse("registry:ikm_export", args=["xlsx"]) + f"?{urlencode({name: value})}"
    return Target("ikm_export", "provincial", "export", url, rows_in_db, count, export=True)


def accounts() -> dict[str, User]:
    users = User.objects.select_related("organisation").in_bulk(
        ACCOUNTS.values(), field_name="username"
    )
    missing = sorted(set(ACCOUNTS.values()) - set(users))
    if missing:
        raise MissingDataError(
            f"no account {', '.join(missing)}: fill the database with manage.py "
            "generate_scale_data first"
        )
    return {role: users[username] for role, username in ACCOUNTS.items()}


def table_rows() -> dict[type[Model], int]:
    return {model: model.objects.count() for model in (Sentra, Ikm, Licence, Case, Activity)}


def targets(users: dict[str, User], rows_in_db: dict[type[Model], int]) -> list[Target]:
    """Everything to measure, in the order of the report."""
    lists = [
        target
        for list_page in LISTS
        for role in LIST_ROLES
        for target in _list_targets(list_page, role, users[role], rows_in_db[list_page.model])
    ]
    dashboards = [
        Target("dashboard", role, "dashboard", reverse("guidance:dashboard"), rows_in_db[Ikm])
        for role in LIST_ROLES
    ]
    return [
        *lists,
        *_record_targets(users["officer"], users["owner"], rows_in_db),
        *dashboards,
        _export_target(users["provincial"], rows_in_db[Ikm]),
    ]
