"""Reads of the letters an office issues, scoped like every other record."""

from licensing.models import Licence, OfficeLetterhead, RecommendationLetter
from licensing.models.letters import TRADEMARK_FIELD
from registry.models import Ikm
from sentra_portal.models import User
from sentra_portal.scoping import get_visible_or_404


def letter_list(*, user: User, year: int | None = None):
    """The letters the user may see, newest first (by id: the order they were issued)."""
    letters = RecommendationLetter.objects.visible_to(user).select_related(
        "issued_by", "office__region"
    )
    if year is not None:
        letters = letters.filter(year=year)
    return letters


def ikm_letters(*, user: User, ikm: Ikm):
    """The letters of one IKM that the user may see, with what the IKM page shows of them."""
    return (
        RecommendationLetter.objects.visible_to(user)
        .filter(ikm=ikm)
        .only("number", "issued_on", "brand", "year", "sequence")
    )


def letter_years(*, user: User) -> list[int]:
    """The years in which the user's offices issued letters, newest first."""
    return list(
        RecommendationLetter.objects.visible_to(user)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def letter_detail(*, user: User, pk) -> RecommendationLetter:
    """A letter the user may see (its office's staff, the province, the IKM's owners)."""
    return get_visible_or_404(RecommendationLetter, user, pk=pk)


def office_letterhead(*, user: User) -> OfficeLetterhead | None:
    """The letterhead of the user's own office, if it has been set."""
    if not user.is_city_staff:
        return None
    return OfficeLetterhead.objects.filter(organisation=user.organisation_id).first()


def trademark_licences(*, ikm: Ikm):
    """The IKM's trademark records, newest first, with the product that names the brand."""
    return (
        Licence.objects.filter(ikm=ikm, licence_type__extra_fields__contains=[TRADEMARK_FIELD])
        .select_related("product", "licence_type")
        .order_by("-pk")
    )
