"""The demo Banjarmasin office's letterhead and signatory, so that its recommendation letters can
be issued straight away. Idempotent: an existing letterhead is left as it is.

The address, name and NIP are made up for the demo; a real office sets its own on the
letterhead page (`licensing:letterhead_edit`).
"""

import pghistory
from django.db import transaction

from licensing.models import OfficeLetterhead
from sentra_portal.constants import OrganisationKind
from sentra_portal.models import Organisation

DEMO_CITY = "63.71"
DEMO_LETTERHEAD = {
    "government_name": "PEMERINTAH KOTA BANJARMASIN",
    "office_name": "DINAS PERDAGANGAN DAN INDUSTRI",
    "address": "Jl. Contoh No. 1, Banjarmasin 70111",
    "phone": "(0511) 0000000",
    "email": "disperdagin@example.go.id",
    "website": "disperdagin.example.go.id",
    "place_name": "Banjarmasin",
    "signatory_name": "Ir. Nurul Aini, M.Si.",
    "signatory_title": "Kepala Dinas",
    "signatory_nip": "197501012000032001",
    "signatory_rank": "Pembina Tingkat I (IV/b)",
}


@transaction.atomic
def letterhead_demo() -> OfficeLetterhead | None:
    """The Banjarmasin office's letterhead, created if missing; None without that office."""
    office = Organisation.objects.filter(
        region_id=DEMO_CITY, kind=OrganisationKind.CITY_OFFICE
    ).first()
    if office is None:
        return None
    existing = OfficeLetterhead.objects.filter(organisation=office).first()
    if existing:
        return existing
    letterhead = OfficeLetterhead(organisation=office, **DEMO_LETTERHEAD)
    letterhead.full_clean()
    with pghistory.context(source="load_demo"):
        letterhead.save()
    return letterhead
