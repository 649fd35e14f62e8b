"""Reads of the registry, always scoped to what the user may see (the record pages' reads
are in `registry.selectors_records`)."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BigIntegerField, Count, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from registry.models import Ikm, Kbli, Sentra
from sentra_portal.models import Region


def region_names(*paths: str) -> list[Prefetch]:
    """The names of the regions at `paths` (relations of a page's rows), read for the page's
    rows rather than joined into its query: a join more makes PostgreSQL plan a list's query
    longer than it runs, and, where it sorts the rows found, join every one of them first."""
    return [Prefetch(path, Region.objects.only("name")) for path in paths]


def ikm_places() -> list[Prefetch]:
    """The city and village names of the IKM of each record on a page (a licence's, a case's)."""
    return region_names("ikm__city", "ikm__kelurahan")


def ikm_list(*, user):
    return (
        Ikm.objects.visible_to(user)
        .select_related("city", "kelurahan", "sentra")
        .order_by("name", "pk")
    )


def ikm_listing(*, user):
    """The IKM list's rows (and its export's): scoped, only the columns the list shows.

    The names of the places, sentra and KBLI are read for the page's 25 rows afterwards: when
    PostgreSQL sorts the rows found (a search's, a district's), it joined those tables to
    every row before sorting (1,469 rows for 25: 10 ms), and planning the five-table join
    took it 2-5 ms more."""
    return (
        Ikm.objects.visible_to(user)
        .only(
            "name",
            "owner_name",
            "nib",
            "workers_total",
            "investment",
            "industry_class",
            "umk_scale",
            "market_reach",
            "city",
            "kelurahan",
            "sentra",
            "primary_kbli",
        )
        .prefetch_related(
            *region_names(*_places_shown(user)),
            Prefetch("sentra", Sentra.objects.only("name")),
            Prefetch("primary_kbli", Kbli.objects.only("code")),
        )
    )


def shows_city(user) -> bool:
    """Whether the lists show each row's city: to provincial officers only (a city's staff
    know their city). The lists' templates and their selectors both ask here."""
    return user.is_provincial_officer


def _cities_shown(user) -> tuple[str, ...]:
    """The city, where it is shown (`shows_city`)."""
    return ("city",) if shows_city(user) else ()


def _places_shown(user) -> tuple[str, ...]:
    """The village; the city too where it is shown (`_cities_shown`)."""
    return (*_cities_shown(user), "kelurahan")


def _member_total(members, aggregate):
    """One figure over a sentra's members, 0 when it has none, as a correlated subquery."""
    figure = members.values("sentra").annotate(figure=aggregate).values("figure")
    return Coalesce(Subquery(figure, output_field=BigIntegerField()), Value(0))


def sentra_listing(*, user):
    """The sentra list's rows (and its export's), each with its villages, KBLI codes and the
    member count, workers and investment of its members (the IKMs the user may see).

    The figures are subqueries rather than a GROUP BY over every sentra, so that a page of
    25 sentras only ever sums the members of those 25. The cities' names, which provincial
    officers see, are read for the page's rows (`region_names`): joined, PostgreSQL read every
    region to join the 222 sentras of a province's search before sorting them (9.6 ms, 7.0
    without the join).
    """
    members = Ikm.objects.visible_to(user).filter(sentra=OuterRef("pk")).order_by()
    villages = Region.objects.filter(sentras=OuterRef("pk")).order_by("name").values("name")
    kbli_codes = Kbli.objects.filter(sentra=OuterRef("pk")).order_by("code").values("code")
    return (
        Sentra.objects.visible_to(user)
        .only("name", "commodity", "status", "city")
        .prefetch_related(*region_names(*_cities_shown(user)))
        .annotate(
            village_names=ArraySubquery(villages),
            kbli_codes_list=ArraySubquery(kbli_codes),
            member_count=_member_total(members, Count("pk")),
            workers_sum=_member_total(members, Sum("workers_total")),
            investment_sum=_member_total(members, Sum("investment")),
        )
    )


def jurisdiction_figures(*, user) -> dict:
    """Headline counts of what the user may see."""
    return {
        "sentras": Sentra.objects.visible_to(user).count(),
        "ikms": Ikm.objects.visible_to(user).count(),
    }
