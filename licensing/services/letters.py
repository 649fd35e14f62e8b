"""Writes of the letters an office issues: its letterhead settings, and recommendation letters.

A letter's number comes from its office's yearly sequence. Two officers issuing at the same
moment must not get the same number: the office's letterhead row is locked (SELECT … FOR
UPDATE) before the year's highest sequence is read, so the second waits for the first to
commit and then reads its letter; the unique constraint on (office, year, sequence) backs this.
"""

from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.dates import office_today
from licensing.models import Licence, OfficeLetterhead, RecommendationLetter
from licensing.models.letters import UMK_SCALES
from registry.constants import IkmStatus, UmkScale
from registry.models import Ikm
from sentra_portal.constants import Role
from sentra_portal.models import User
from sentra_portal.versioning import save_versioned

LETTERHEAD_FIELDS = [
    "government_name",
    "office_name",
    "address",
    "phone",
    "email",
    "website",
    "place_name",
    "number_pattern",
    "signatory_name",
    "signatory_title",
    "signatory_nip",
    "signatory_rank",
]


@transaction.atomic
def office_letterhead_save(
    *, actor: User, expected_version: int | None = None, **fields: Any
) -> OfficeLetterhead:
    """Create or change the letterhead of the actor's office: its administrator only.

    Changing it never changes letters already issued (they keep their own copy). Raises
    EditConflict when someone saved it since `expected_version`.
    """
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only the office's administrator sets its letterhead."))
    unknown = set(fields) - set(LETTERHEAD_FIELDS)
    if unknown:
        raise TypeError(f"office_letterhead_save() got unexpected fields: {sorted(unknown)}")
    letterhead = OfficeLetterhead.objects.filter(organisation=actor.organisation).first()
    creating = letterhead is None
    if creating:
        letterhead = OfficeLetterhead(organisation=actor.organisation)
    for name, value in fields.items():
        setattr(letterhead, name, value)
    letterhead.full_clean()
    with pghistory.context(user=actor.pk):
        if creating:
            letterhead.save()
        else:
            letterhead.updated_at = timezone.now()
            save_versioned(
                letterhead,
                expected_version=expected_version or letterhead.version,
                fields=[*LETTERHEAD_FIELDS, "updated_at"],
            )
    return letterhead


def _contact_line(letterhead: OfficeLetterhead) -> str:
    # Printed on an official Indonesian letter: Indonesian whatever the interface language.
    parts = [
        f"Telepon {letterhead.phone}" if letterhead.phone else "",
        f"Pos-el {letterhead.email}" if letterhead.email else "",
        f"Laman {letterhead.website}" if letterhead.website else "",
    ]
    return ", ".join(part for part in parts if part)


def letter_refusal(ikm: Ikm) -> str | None:
    """Why this IKM cannot be recommended for the UMK trademark fee; None if it can."""
    if ikm.umk_scale not in UMK_SCALES:
        return _(
            "%(name)s is not a micro or small business by its investment (PP 7/2021: "
            "%(scale)s), and the reduced trademark fee is only for micro and small businesses."
        ) % {"name": ikm.name, "scale": UmkScale(ikm.umk_scale).label}
    if ikm.status == IkmStatus.CLOSED:
        return _("%(name)s is recorded as closed.") % {"name": ikm.name}
    return None


def missing_letterhead_message() -> str:
    return _(
        "Your office has no letterhead and signatory yet. The office's administrator sets "
        "them under Letters › Letterhead and signatory (%(url)s)."
    ) % {"url": reverse("licensing:letterhead_edit")}


@transaction.atomic
def recommendation_letter_issue(
    *,
    actor: User,
    ikm: Ikm,
    brand: str,
    nice_class: int,
    licence: Licence | None = None,
) -> RecommendationLetter:
    """Issue a letter recommending a micro or small IKM for the reduced trademark fee.

    City staff of the IKM's city only. Dated today in the office's time zone, numbered with
    the next sequence of the office's year.
    """
    fresh = (
        Ikm.objects.editable_by(actor)
        .select_related("city", "kelurahan__parent")
        .filter(pk=ikm.pk)
        .first()
    )
    if fresh is None:
        raise PermissionDenied(_("Only staff of the IKM's city office can issue its letters."))
    refusal = letter_refusal(fresh)
    if refusal:
        raise ValidationError(refusal, code="not_eligible")
    letterhead = (
        OfficeLetterhead.objects.select_for_update()
        .select_related("organisation__region")
        .filter(organisation=actor.organisation)
        .first()
    )
    if letterhead is None:
        raise ValidationError(missing_letterhead_message(), code="no_letterhead")
    issued_on = office_today()
    office = letterhead.organisation
    last = RecommendationLetter.objects.filter(office=office, year=issued_on.year).aggregate(
        last=Max("sequence")
    )["last"]
    sequence = (last or 0) + 1
    letter = RecommendationLetter(
        office=office,
        year=issued_on.year,
        sequence=sequence,
        number=letterhead.format_number(sequence=sequence, year=issued_on.year),
        ikm=fresh,
        licence=licence,
        brand=brand,
        nice_class=nice_class,
        issued_on=issued_on,
        issued_by=actor,
        signatory_name=letterhead.signatory_name,
        signatory_title=letterhead.signatory_title,
        signatory_nip=letterhead.signatory_nip,
        signatory_rank=letterhead.signatory_rank,
        letterhead_government=letterhead.government_name,
        letterhead_office=letterhead.office_name,
        letterhead_address=letterhead.address,
        letterhead_contact=_contact_line(letterhead),
        place_name=letterhead.place_name,
        office_region_name=office.region.name,
        ikm_name=fresh.name,
        ikm_owner_name=fresh.owner_name,
        ikm_address=_ikm_address(fresh),
        ikm_nib=fresh.nib or "",
        ikm_umk_scale=fresh.umk_scale,
        ikm_industry_class=fresh.industry_class,
    )
    letter.full_clean()
    with pghistory.context(user=actor.pk):
        letter.save()
    return letter


def _ikm_address(ikm: Ikm) -> str:
    """The street address with its village, district and city, as a letter names a place."""
    village = ikm.kelurahan
    parts = [ikm.address, village.name, village.parent.name, ikm.city.name]
    return ", ".join(part for part in parts if part)[:300]
