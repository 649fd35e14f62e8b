"""Expiry reminders: 90, 30 and 7 days before a licence's valid-until date.

Who: the IKM's active owners and the licence's officer in charge. When no officer is in
charge, or the one named is inactive or no longer works at the IKM's city office, the
supervisors of that office stand in.

When: every issued licence that is valid for at most 90 more days is in the window of one
threshold, the smallest of 90, 30 and 7 days that is at least its days left. The reminder of
that threshold goes out once: one notification per recipient under the key
``licence-expiry:<licence>:<threshold>`` (unique per recipient, so running the job twice, or
after a crash, adds nothing) and its e-mail, by the worker. A day on which the job did not
run is made up the next day, for the threshold the licence is in *then*: a licence whose
90-day reminder never went out and that has 25 days left gets the 30-day reminder alone, never
a late 90-day one. Licences with a renewal applied for or issued get no reminder; nor do
planned, applied, expired, revoked licences or those without a valid-until date.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext

from licensing.constants import LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Notification, User
from sentra_portal.notifications import notify

logger = logging.getLogger(__name__)

THRESHOLDS = (90, 30, 7)  # days before the valid-until date
KEY_PREFIX = "licence-expiry:"
# A renewal in one of these statuses is under way or done: no need to remind.
RENEWAL_UNDER_WAY = [LicenceStatus.APPLIED, LicenceStatus.ISSUED]


def reminder_key(licence_pk: int, threshold: int) -> str:
    return f"{KEY_PREFIX}{licence_pk}:{threshold}"


def licences_due(today: datetime.date) -> QuerySet:
    """Licences whose current threshold's reminder nobody has received yet.

    Annotated with `reminder_threshold`; what each needs to write the reminder is joined or
    prefetched (the owners, the officer and their office).
    """
    threshold = Case(
        *[
            When(valid_until__lte=today + datetime.timedelta(days=days), then=Value(days))
            for days in sorted(THRESHOLDS)
        ],
        output_field=IntegerField(),
    )
    key = Concat(
        Value(KEY_PREFIX),
        Cast("pk", CharField()),
        Value(":"),
        Cast("reminder_threshold", CharField()),
        output_field=CharField(),
    )
    renewal_under_way = Licence.objects.filter(renews=OuterRef("pk"), status__in=RENEWAL_UNDER_WAY)
    return (
        Licence.objects.expiring_within(max(THRESHOLDS), today)
        .annotate(reminder_threshold=threshold, reminder_key=key)
        .exclude(Exists(Notification.objects.filter(key=OuterRef("reminder_key"))))
        .exclude(Exists(renewal_under_way))
        .select_related("ikm", "product", "licence_type", "officer__organisation")
        .prefetch_related(
            Prefetch(
                "ikm__owners",
                queryset=User.objects.filter(is_active=True).order_by("pk"),
                to_attr="active_owners",
            )
        )
        .order_by("valid_until", "pk")
    )


def city_supervisors(city_id: str) -> list[User]:
    return list(
        User.objects.filter(
            role=Role.SUPERVISOR,
            is_active=True,
            organisation__kind=OrganisationKind.CITY_OFFICE,
            organisation__region_id=city_id,
        ).order_by("pk")
    )


def officer_in_charge(licence: Licence) -> User | None:
    """The licence's officer, if still active staff of the IKM's city office."""
    officer = licence.officer
    if (
        officer is not None
        and officer.is_active
        and officer.is_city_staff
        and officer.organisation.region_id == licence.ikm.city_id
    ):
        return officer
    return None


def reminder_recipients(licence: Licence, supervisors: dict[str, list[User]]) -> list[User]:
    """The owners, and the officer in charge or else the office's supervisors.

    `supervisors` caches the supervisors per city for one run. `licence` comes from
    `licences_due` (its IKM's `active_owners` prefetched).
    """
    officer = officer_in_charge(licence)
    if officer is not None:
        staff = [officer]
    else:
        city_id = licence.ikm.city_id
        if city_id not in supervisors:
            supervisors[city_id] = city_supervisors(city_id)
        staff = supervisors[city_id]
    people = {user.pk: user for user in [*licence.ikm.active_owners, *staff]}
    return list(people.values())


def reminder_message(licence: Licence, today: datetime.date) -> tuple[str, str]:
    """Title and body of the reminder, in the portal's language (Indonesian)."""
    with translation.override(settings.LANGUAGE_CODE):
        valid_until = formats.date_format(licence.valid_until, "DATE_FORMAT")
        context = {
            "licence": licence,
            "ikm": licence.ikm.name,
            "licence_type": str(licence.licence_type),
            "product": licence.product.name if licence.product_id else "",
            "number": licence.number,
            "valid_until": valid_until,
            "days_left": (licence.valid_until - today).days,
        }
        title = gettext("%(type)s of %(ikm)s expires on %(date)s") % {
            "type": context["licence_type"],
            "ikm": context["ikm"],
            "date": valid_until,
        }
        body = render_to_string("licensing/email/expiry_reminder.txt", context).strip()
    return title, body


def licence_remind(
    *, licence: Licence, threshold: int, today: datetime.date, recipients: list[User]
) -> int:
    """Notify every recipient of the licence's reminder for `threshold`; how many were new.

    One transaction per licence: a crash leaves its reminder wholly sent or wholly not.
    """
    title, body = reminder_message(licence, today)
    key = reminder_key(licence.pk, threshold)
    created = 0
    with transaction.atomic():
        for recipient in recipients:
            _, new = notify(
                recipient=recipient,
                key=key,
                title=title,
                body=body,
                link=licence.get_absolute_url(),
            )
            created += new
    return created


def licence_reminders_send(today: datetime.date | None = None) -> int:
    """Send every reminder due on `today` (the office's date); how many notifications.

    Safe to run again, the same day or after a crash: what was sent is not sent again.
    """
    today = today or office_today()
    supervisors: dict[str, list[User]] = {}
    created = 0
    for licence in licences_due(today).iterator(chunk_size=500):
        created += licence_remind(
            licence=licence,
            threshold=licence.reminder_threshold,
            today=today,
            recipients=reminder_recipients(licence, supervisors),
        )
    logger.info("Created %d licence expiry notifications (today is %s).", created, today)
    return created
