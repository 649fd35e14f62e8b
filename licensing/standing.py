"""Where a licence stands, said plainly: a tone for the badge, a label and the next step.

One function for every page that tells someone about a licence (the IKM's licence panel, the
owner's home, the coverage matrix), so an owner and an officer read the same words.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from licensing.constants import LicenceStatus, ValidityBasis
from licensing.dates import office_today

# From this many days before its valid-until date a licence is shown as expiring soon (the
# first expiry reminder goes out then too).
EXPIRES_SOON_DAYS = 90


class Tone:
    """The badge colours of `static/css/portal.css` (`.badge--<tone>`)."""

    GOOD = "good"
    WARNING = "warning"
    DANGER = "danger"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Standing:
    tone: str
    label: str
    next_step: str

    @property
    def needs_attention(self) -> bool:
        return self.tone in (Tone.WARNING, Tone.DANGER)


def licence_standing(
    licence, today: datetime.date | None = None, *, renewal_under_way: bool = False
) -> Standing:
    """The standing of `licence` on `today` (the office's today by default).

    `renewal_under_way` says that a renewal has been planned or filed, so an expiring or
    expired licence needs no further step from the owner.
    """
    today = today or office_today()
    status = licence.status_on(today)
    if status == LicenceStatus.ISSUED:
        return _issued_standing(licence, today, renewal_under_way)
    if status == LicenceStatus.EXPIRED:
        step = (
            _("The renewal is under way.")
            if renewal_under_way
            else _("Apply for a renewal; the office can help.")
        )
        return Standing(Tone.DANGER, _("Expired — renew"), step)
    if status == LicenceStatus.APPLIED:
        label = _("Applied")
        if licence.applied_on:
            label = _("Applied on %(date)s") % {"date": _date(licence.applied_on)}
        if licence.djki_stage:
            label = f"{label} · {licence.get_djki_stage_display()}"
        return Standing(
            Tone.NEUTRAL, label, _("Wait for the issuer's decision and tell the office about it.")
        )
    if status == LicenceStatus.PLANNED:
        return Standing(Tone.WARNING, _("Not applied yet"), _("Apply; the office can help."))
    if status == LicenceStatus.REJECTED:
        return Standing(
            Tone.DANGER, _("Rejected"), _("Ask the office what to fix before applying again.")
        )
    if status == LicenceStatus.REVOKED:
        return Standing(Tone.DANGER, _("Revoked"), _("Ask the office for help."))
    return Standing(Tone.NEUTRAL, _("Withdrawn"), "")


def _issued_standing(licence, today: datetime.date, renewal_under_way: bool) -> Standing:
    if licence.valid_until is None:
        if licence.licence_type.validity_basis == ValidityBasis.NO_EXPIRY:
            return Standing(Tone.GOOD, _("Valid, does not expire"), "")
        return Standing(
            Tone.GOOD,
            _("Valid"),
            _("Tell the office when the product or its process changes."),
        )
    label = _("Valid until %(date)s") % {"date": _date(licence.valid_until)}
    days_left = (licence.valid_until - today).days
    if days_left > EXPIRES_SOON_DAYS:
        return Standing(Tone.GOOD, label, "")
    label = ngettext(
        "Valid until %(date)s — expires in %(days)d day",
        "Valid until %(date)s — expires in %(days)d days",
        days_left,
    ) % {"date": _date(licence.valid_until), "days": days_left}
    step = (
        _("The renewal is under way.")
        if renewal_under_way
        else _("Apply for the renewal before it expires.")
    )
    return Standing(Tone.WARNING, label, step)


def _date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")
