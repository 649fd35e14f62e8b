"""Background jobs of the licensing app, as plain functions a scheduler can call daily."""

import datetime
import logging

from licensing.dates import office_today
from licensing.models import Licence
from licensing.services import licence_record_expiry
from sentra_portal.errors import InvalidTransition

logger = logging.getLogger(__name__)


def licences_expire(today: datetime.date | None = None) -> int:
    """Record the expiry of every issued licence whose valid-until date has passed.

    Each licence is its own transaction, so a crash midway keeps what was done; running it
    again, the same day or later, records only what is left. Returns how many it recorded.
    """
    today = today or office_today()
    recorded = 0
    for licence in Licence.objects.passed_expiry(today).order_by("pk").iterator():
        try:
            licence_record_expiry(actor=None, licence=licence, today=today)
        except InvalidTransition:
            continue  # changed meanwhile (recorded by a parallel run, revoked, renewed)
        recorded += 1
    logger.info("Recorded the expiry of %d licences (today is %s).", recorded, today)
    return recorded
