"""Reads of the registry, always scoped to what the user may see."""

from django.db.models import Count

from registry.models import Ikm, Sentra
from sentra_portal.scoping import get_visible_or_404


def sentra_list(*, user):
    return (
        Sentra.objects.visible_to(user)
        .select_related("city")
        .annotate(member_count=Count("members"))
        .order_by("name", "pk")
    )


def sentra_detail(*, user, pk):
    queryset = Sentra.objects.select_related("city").prefetch_related(
        "kelurahans__parent", "kbli_codes"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def sentra_members(*, user, sentra):
    return (
        Ikm.objects.visible_to(user)
        .filter(sentra=sentra)
        .select_related("kelurahan")
        .order_by("name", "pk")
    )


def ikm_list(*, user):
    return (
        Ikm.objects.visible_to(user)
        .select_related("city", "kelurahan", "sentra")
        .order_by("name", "pk")
    )


def ikm_detail(*, user, pk):
    queryset = Ikm.objects.select_related("city", "kelurahan__parent", "sentra")
    return get_visible_or_404(queryset, user, pk=pk)


def jurisdiction_figures(*, user) -> dict:
    """Headline counts of what the user may see."""
    return {
        "sentras": Sentra.objects.visible_to(user).count(),
        "ikms": Ikm.objects.visible_to(user).count(),
    }
