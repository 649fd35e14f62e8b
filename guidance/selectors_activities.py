"""Reads of guidance activities, scoped by `Activity.objects.visible_to` / `editable_by`."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404

from guidance.models import Activity, ActivityParticipant
from licensing.constants import GRANTED_STATUSES
from licensing.models import Licence
from registry.filters import IkmFilter
from registry.models import Ikm
from sentra_portal.models import User
from sentra_portal.scoping import get_editable_or_404, get_visible_or_404

ACTIVITY_RELATED = ["city_office", "province_office", "owner_office"]
# How many IKMs the participant search shows at once: enough to pick from, few to read.
CANDIDATE_LIMIT = 30


def can_edit(user: User, activity: Activity) -> bool:
    """Whether `user` may change `activity` (as `Activity.objects.editable_by`, no query)."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_city_staff or user.is_provincial_officer)
        and user.organisation_id == activity.owner_office_id
    )


def activity_list(*, user: User):
    """The activities the user sees, with their offices and participant counts.

    The count is a subquery per row rather than a GROUP BY over every participant of every
    visible activity: a page counts the participants of its 25 activities only, and the
    list's result count none."""
    participants = (
        ActivityParticipant.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Activity.objects.visible_to(user)
        .select_related(*ACTIVITY_RELATED)
        .annotate(participant_count=Coalesce(Subquery(participants), 0))
    )


def activity_detail(*, user: User, pk) -> Activity:
    return get_visible_or_404(Activity.objects.select_related(*ACTIVITY_RELATED), user, pk=pk)


def activity_for_edit(*, user: User, pk) -> Activity:
    """The activity if the user's office organises it; 404 otherwise."""
    return get_editable_or_404(Activity.objects.select_related(*ACTIVITY_RELATED), user, pk=pk)


def activity_participants(*, activity: Activity):
    """The participants of an activity the caller has fetched through its scope, with their
    IKM and certificates: three queries, whatever their number."""
    certificates = Licence.objects.select_related("licence_type", "product").order_by(
        "licence_type__sort_order", "pk"
    )
    return (
        ActivityParticipant.objects.filter(activity=activity)
        .select_related("ikm", "ikm__kelurahan")
        .prefetch_related(Prefetch("certificates", queryset=certificates))
        .order_by("ikm__name", "pk")
    )


def attendance_rows(*, activity: Activity):
    """The participants as the attendance list prints them, numbered 1, 2, … by IKM name."""
    return (
        ActivityParticipant.objects.filter(activity=activity)
        .annotate(number=Window(RowNumber(), order_by=[F("ikm__name").asc(), F("pk").asc()]))
        .order_by("ikm__name", "pk")
    )


def participant_candidates(*, user: User, activity: Activity, query: str):
    """IKMs the user sees that match `query` (name, owner or NIB, as the registry's IKM list
    searches) and do not take part yet; at most `CANDIDATE_LIMIT`."""
    text = (query or "").strip()
    if not text:
        return Ikm.objects.none()
    filterset = IkmFilter({"q": text}, queryset=Ikm.objects.visible_to(user), user=user)
    if not filterset.is_valid():
        return Ikm.objects.none()
    return (
        filterset.qs.exclude(activity_participations__activity=activity)
        .select_related("kelurahan")
        .order_by("name", "pk")[:CANDIDATE_LIMIT]
    )


def participant_of(*, activity: Activity, pk) -> ActivityParticipant:
    """A participant of an activity the caller fetched through its scope; 404 otherwise."""
    try:
        participant = ActivityParticipant.objects.select_related("ikm").get(
            activity=activity, pk=pk
        )
    except (ActivityParticipant.DoesNotExist, ValueError) as error:
        raise Http404 from error
    participant.activity = activity
    return participant


def linkable_certificates(*, participant: ActivityParticipant):
    """Issued licence records of the participant's IKM not linked to it yet."""
    return (
        Licence.objects.filter(ikm=participant.ikm_id, status__in=sorted(GRANTED_STATUSES))
        .exclude(activity_participations=participant)
        .select_related("licence_type", "product")
        .order_by("licence_type__sort_order", "pk")
    )
