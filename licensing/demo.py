"""Demo licences for the demo IKMs of `registry.demo`, recorded as an officer would.

Every licence goes through `licensing.services.licence_record` under an officer of the IKM's
city, so each has its status timeline and history. Dates count from the office's today:
some P-IRTs expire within 30, 60 and 90 days and one has passed its date, so that the lists,
the owner's page and the reminders have something to show. The demo owner
(`pemilik.amplang`) holds a P-IRT that expires within 30 days, an issued Halal
certificate, a trademark application at the announcement stage and a planned e-Katalog
listing.

Idempotent: a licence of the same IKM, type and product is not recorded twice.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pghistory
from django.db import transaction

from licensing import services
from licensing.constants import (
    CatalogueKind,
    DjkiStage,
    HalalRoute,
    LicenceStatus,
    RiskLevel,
    ValidityBasis,
)
from licensing.dates import add_months, office_today
from licensing.models import Licence, LicenceType
from registry.demo import MEMBERS, OWNED_IKM
from registry.models import Ikm
from sentra_portal.constants import Role
from sentra_portal.models import User

PLANNED, APPLIED, ISSUED = LicenceStatus.PLANNED, LicenceStatus.APPLIED, LicenceStatus.ISSUED
PIRT_MONTHS = 60
OSS_RBA_START = datetime.date(2021, 8, 2)  # NIBs of the risk-based OSS since this day
DEMO_IKMS = [member["name"] for members in MEMBERS.values() for member in members] + [
    "Kerajinan Purun Guntung Manggis"
]


@dataclass(frozen=True)
class DemoLicence:
    """One demo licence. Days count from the office's today (negative: in the past).

    `expires_in`: for a P-IRT, the days until it expires (its issue date follows);
    `number`: when the type's number is not derived here; `details`: the type's fields.
    """

    ikm: str
    type: str
    status: str
    applied: int | None = None
    issued: int | None = None
    expires_in: int | None = None
    number: str = ""
    valid_until: int | None = None
    djki_stage: str = ""
    details: dict[str, Any] = field(default_factory=dict)


DEMO_LICENCES = [
    # The demo owner's IKM: its P-IRT expires within 30 days; one licence in each status.
    DemoLicence(OWNED_IKM, "pirt", ISSUED, expires_in=21),
    DemoLicence(
        OWNED_IKM,
        "halal",
        ISSUED,
        applied=-400,
        issued=-340,
        details={"halal_route": HalalRoute.SELF_DECLARE},
    ),
    DemoLicence(
        OWNED_IKM,
        "merek",
        APPLIED,
        applied=-240,
        djki_stage=DjkiStage.ANNOUNCEMENT,
        details={"nice_class": 30},
    ),
    DemoLicence(OWNED_IKM, "e_katalog", PLANNED),
    # Fish processing, Kuin.
    DemoLicence("Ikan Asin Haruan Kuin Jaya", "pirt", ISSUED, expires_in=1100),
    DemoLicence("Kerupuk Ikan Saluang Acil Imah", "nib", PLANNED),
    DemoLicence("Kerupuk Ikan Saluang Acil Imah", "pirt", PLANNED),
    DemoLicence(
        "Ikan Beku Barito Segar",
        "sni",
        ISSUED,
        applied=-700,
        issued=-610,
        valid_until=850,
        number="0417/LSPro-BPPMHP/VI/2024",
        details={"sni_standard": "SNI 4110:2014"},
    ),
    DemoLicence("Amplang Kuin Selatan Berkah", "pirt", ISSUED, expires_in=-20),
    DemoLicence(
        "Amplang Kuin Selatan Berkah",
        "halal",
        ISSUED,
        applied=-900,
        issued=-850,
        details={"halal_route": HalalRoute.SELF_DECLARE},
    ),
    DemoLicence("Wadi Papuyu Kuin Utara", "nib", PLANNED),
    DemoLicence("Kerupuk Udang Galah Bu Isah", "pirt", ISSUED, expires_in=45),
    DemoLicence("Abon Ikan Gabus Kuin", "pirt", ISSUED, expires_in=1460),
    DemoLicence(
        "Abon Ikan Gabus Kuin",
        "halal",
        ISSUED,
        applied=-380,
        issued=-300,
        details={"halal_route": HalalRoute.REGULAR},
    ),
    DemoLicence(
        "Abon Ikan Gabus Kuin",
        "e_katalog",
        ISSUED,
        applied=-120,
        issued=-90,
        number="KTR-0187/DISPERDAGIN-BJM/2025",
        details={"catalogue_kind": CatalogueKind.LOCAL, "listing_id": "LOKAL-6371-000187"},
    ),
    # Traditional cakes, Surgi Mufti.
    DemoLicence("Kue Bingka Surgi Mufti", "pirt", ISSUED, expires_in=700),
    DemoLicence(
        "Kue Bingka Surgi Mufti",
        "halal",
        ISSUED,
        applied=-760,
        issued=-700,
        details={"halal_route": HalalRoute.SELF_DECLARE},
    ),
    DemoLicence(
        "Kue Bingka Surgi Mufti",
        "merek",
        ISSUED,
        applied=-1500,
        issued=-1050,
        details={"nice_class": 30, "registration_number": "IDM001023456"},
    ),
    DemoLicence("Wadai Banjar Acil Ijah", "nib", PLANNED),
    DemoLicence("Amparan Tatak Bu Nana", "pirt", APPLIED, applied=-30),
    DemoLicence("Roti Pisang Sultan Adam", "pirt", ISSUED, expires_in=80),
    DemoLicence("Roti Pisang Sultan Adam", "halal", APPLIED, applied=-60),
    DemoLicence("Kue Cincin Mufti", "pirt", ISSUED, expires_in=1500),
    DemoLicence("Dodol Kandangan Surgi", "halal", PLANNED),
    DemoLicence("Wadai Untuk-Untuk Bu Ani", "pirt", ISSUED, expires_in=1650),
    # Sasirangan and wood.
    DemoLicence("Butik Sasirangan Fatimah", "merek", APPLIED, applied=-45),
    DemoLicence(
        "Mebel Barito Indah",
        "tkdn",
        ISSUED,
        applied=-260,
        issued=-200,
        number="0734/SJ-IND.8/TKDN/2025",
        details={"tkdn_percent": Decimal("32"), "bmp_percent": Decimal("10")},
    ),
]


def _day(today: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else today + datetime.timedelta(days=days)


def _number(spec: DemoLicence, *, ikm: Ikm, sequence: int, dates: dict) -> str:
    """A number in the type's format (`licensing.catalogue`), unique in the demo."""
    if spec.number:
        return spec.number
    if spec.type == "pirt" and spec.status == ISSUED:
        # 2 (packaging), 06 (kind of food), 6371 (Banjarmasin), the food's and the
        # producer's sequence numbers, the year it expires.
        return f"2066371{sequence:02d}{ikm.pk % 10000:04d}{dates['valid_until'].year % 100:02d}"
    if spec.type == "halal" and spec.status == ISSUED:
        issued = dates["issued_on"]
        return f"ID63110{sequence:09d}{issued.month:02d}{issued.year % 100:02d}"
    if spec.type == "merek" and spec.status in (APPLIED, ISSUED):
        return f"DID{dates['applied_on'].year}{sequence:06d}"
    return ""


def _dates(spec: DemoLicence, today: datetime.date) -> dict:
    if spec.expires_in is not None:  # a P-IRT: issued five years before it expires
        issued_on = add_months(today + datetime.timedelta(days=spec.expires_in), -PIRT_MONTHS)
        applied_on = issued_on - datetime.timedelta(days=40)
        valid_until = add_months(issued_on, PIRT_MONTHS)
        return {"applied_on": applied_on, "issued_on": issued_on, "valid_until": valid_until}
    return {
        "applied_on": _day(today, spec.applied),
        "issued_on": _day(today, spec.issued),
        "valid_until": _day(today, spec.valid_until),
    }


def _officers() -> dict[str, User]:
    """An officer of each city office, who records that city's licences."""
    officers: dict[str, User] = {}
    staff = User.objects.filter(role=Role.OFFICER).select_related("organisation")
    for user in staff.order_by("pk"):
        officers.setdefault(user.organisation.region_id, user)
    return officers


def _record(spec: DemoLicence, *, ikm: Ikm, actor: User, sequence: int, today) -> bool:
    kind = LicenceType.objects.get(pk=spec.type)
    product = ikm.products.order_by("pk").first() if kind.is_per_product else None
    if Licence.objects.filter(ikm=ikm, licence_type=kind, product=product).exists():
        return False
    dates = _dates(spec, today)
    number = _number(spec, ikm=ikm, sequence=sequence, dates=dates)
    details = dict(spec.details)
    if spec.status == PLANNED:
        dates = {}
    elif spec.status == APPLIED:
        dates = {"applied_on": dates["applied_on"]}
    elif kind.validity_basis != ValidityBasis.CERTIFICATE:
        dates["valid_until"] = None  # counted as the type says, as an officer leaves it
    if spec.type == "e_katalog" and spec.status == ISSUED:
        details["distribution_permit"] = Licence.objects.get(
            ikm=ikm, product=product, licence_type_id="pirt"
        )
    services.licence_record(
        actor=actor,
        ikm=ikm,
        licence_type=kind,
        product=product,
        status=spec.status,
        number=number,
        djki_stage=spec.djki_stage,
        **dates,
        **details,
    )
    return True


def _nib(ikm: Ikm, *, actor: User, today: datetime.date) -> bool:
    """The NIB that the registry demo gave the IKM, as an issued licence."""
    if not ikm.nib or Licence.objects.filter(ikm=ikm, licence_type_id="nib").exists():
        return False
    issued_on = OSS_RBA_START + datetime.timedelta(days=ikm.pk * 37 % 900)
    services.licence_record(
        actor=actor,
        ikm=ikm,
        licence_type=LicenceType.objects.get(pk="nib"),
        status=ISSUED,
        issued_on=min(issued_on, today),
        number=ikm.nib,
        risk_level=RiskLevel.LOW,
    )
    return True


@transaction.atomic
def load_licence_demo() -> int:
    """Record the demo licences that are not there yet; return how many were recorded."""
    today = office_today()
    officers = _officers()
    ikms = {ikm.name: ikm for ikm in Ikm.objects.filter(name__in=DEMO_IKMS).order_by("pk")}
    recorded = 0
    with pghistory.context(source="load_demo"):
        for ikm in ikms.values():
            if ikm.city_id in officers:
                recorded += _nib(ikm, actor=officers[ikm.city_id], today=today)
        for sequence, spec in enumerate(DEMO_LICENCES, start=1):
            ikm = ikms.get(spec.ikm)
            if ikm is None or ikm.city_id not in officers:
                continue
            recorded += _record(
                spec, ikm=ikm, actor=officers[ikm.city_id], sequence=sequence, today=today
            )
    return recorded
