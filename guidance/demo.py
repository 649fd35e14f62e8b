"""Demo guidance cases for the demo IKMs, opened and worked on through the services.

Three Banjarmasin cases, one at each stage an officer meets: a request the owner of
`registry.demo.OWNED_IKM` just sent (a trademark), one the supervisor assigned and the officer
is working on (a visit recorded), and one done. Idempotent: a case is identified by its IKM and
description, and is not opened twice.

Two activities this year: a Banjarmasin bimtek on food safety with attendance and a linked
P-IRT, and an exhibition the province office holds jointly with Banjarmasin.
"""

import datetime

import pghistory

from guidance import services, services_activities
from guidance.constants import (
    ActivityKind,
    ActivityOrganiser,
    BudgetSource,
    CaseGoal,
    CaseOutcome,
)
from guidance.models import Activity, Case
from licensing.constants import LicenceStatus
from licensing.dates import office_today
from licensing.models import Licence, LicenceType
from registry.demo import OWNED_IKM
from registry.models import Ikm
from sentra_portal.models import User

REQUESTED = "Kami ingin mendaftarkan merek amplang kami dan belum tahu caranya."
IN_PROGRESS = "Kemasan kerupuk kami mudah rusak; kami ingin kemasan yang lebih baik."
DONE = "Kami perlu bantuan mengurus P-IRT untuk ikan asin."


def load_case_demo() -> int:
    """Open the demo cases that are not there yet; return how many were opened."""
    users = {user.username: user for user in User.objects.filter(username__contains=".")}
    owner, supervisor, officer = (
        users.get("pemilik.amplang"),
        users.get("kabid.bjm"),
        users.get("petugas.bjm"),
    )
    ikms = {
        ikm.name: ikm
        for ikm in Ikm.objects.filter(
            name__in=[OWNED_IKM, "Kerupuk Ikan Saluang Acil Imah", "Ikan Asin Haruan Kuin Jaya"]
        )
    }
    if not (owner and supervisor and officer and len(ikms) == 3):
        return 0
    types = {kind.code: kind for kind in LicenceType.objects.filter(code__in=["merek", "pirt"])}
    opened = 0
    with pghistory.context(source="load_demo"):
        if not Case.objects.filter(description=REQUESTED).exists():
            services.case_request(
                actor=owner,
                ikm=ikms[OWNED_IKM],
                goal=CaseGoal.LICENCE,
                licence_type=types["merek"],
                description=REQUESTED,
            )
            opened += 1
        if not Case.objects.filter(description=IN_PROGRESS).exists():
            case = services.case_request(
                actor=officer,
                ikm=ikms["Kerupuk Ikan Saluang Acil Imah"],
                goal=CaseGoal.PACKAGING,
                description=IN_PROGRESS,
            )
            case = services.case_assign(actor=supervisor, case=case, officer=officer)
            case = services.case_start(actor=officer, case=case)
            services.case_record_visit(
                actor=officer,
                case=case,
                date=office_today() - datetime.timedelta(days=3),
                place="Rumah produksi, Kuin Utara",
                attendees="Rahimah; Ahmad Fauzi (petugas)",
                note="Contoh kemasan vakum dibawa; pemilik mencoba dua ukuran.",
            )
            opened += 1
        if not Case.objects.filter(description=DONE).exists():
            case = services.case_request(
                actor=officer,
                ikm=ikms["Ikan Asin Haruan Kuin Jaya"],
                goal=CaseGoal.LICENCE,
                licence_type=types["pirt"],
                description=DONE,
            )
            case = services.case_assign(actor=supervisor, case=case, officer=officer)
            case = services.case_start(actor=officer, case=case)
            services.case_close(
                actor=officer,
                case=case,
                outcome=CaseOutcome.SUCCEEDED,
                note="Penyuluhan keamanan pangan diikuti; P-IRT terbit.",
            )
            opened += 1
    return opened


BIMTEK_TITLE = "Bimtek Keamanan Pangan Olahan Ikan"
EXHIBITION_TITLE = "Pameran Produk Unggulan IKM Kalimantan Selatan"
BIMTEK_PARTICIPANTS = [
    "Ikan Asin Haruan Kuin Jaya",
    "Kerupuk Ikan Saluang Acil Imah",
    "Amplang Kuin Selatan Berkah",
    "Kerupuk Udang Galah Bu Isah",
    "Abon Ikan Gabus Kuin",
]
BIMTEK_ABSENT = "Amplang Kuin Selatan Berkah"
BIMTEK_CERTIFIED = "Abon Ikan Gabus Kuin"
EXHIBITION_PARTICIPANTS = [
    "Sasirangan Pelambuan Indah",
    "Butik Sasirangan Fatimah",
    "Tanggui Pasar Terapung",
]


def _past_days_this_year(today: datetime.date, days_ago: int, length: int):
    """A start and end `days_ago` before today, kept within this year and not after today."""
    starts_on = max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=days_ago))
    return starts_on, min(today, starts_on + datetime.timedelta(days=length - 1))


def load_activity_demo() -> int:
    """Record the demo activities that are not there yet (a city bimtek with attendance and a
    linked certificate, a joint province and city exhibition); return how many were recorded.
    An activity is identified by its title."""
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["petugas.bjm", "provinsi.kalsel"])
    }
    officer, provincial = users.get("petugas.bjm"), users.get("provinsi.kalsel")
    ikms = {
        ikm.name: ikm
        for ikm in Ikm.objects.filter(name__in=BIMTEK_PARTICIPANTS + EXHIBITION_PARTICIPANTS)
    }
    if not (officer and provincial and len(ikms) == 8):
        return 0
    today = office_today()
    recorded = 0
    with pghistory.context(source="load_demo"):
        if not Activity.objects.filter(title=BIMTEK_TITLE).exists():
            starts_on, ends_on = _past_days_this_year(today, 40, 2)
            activity = services_activities.activity_create(
                actor=officer,
                kind=ActivityKind.BIMTEK,
                title=BIMTEK_TITLE,
                starts_on=starts_on,
                ends_on=ends_on,
                venue="Aula Dinas Perdagangan dan Industri Kota Banjarmasin",
                organiser=ActivityOrganiser.CITY,
                budget_source=BudgetSource.APBD_CITY,
                outputs="Peserta memahami cara produksi pangan yang baik (CPPOB).",
            )
            participants = services_activities.participants_add(
                actor=officer, activity=activity, ikms=[ikms[n] for n in BIMTEK_PARTICIPANTS]
            )
            services_activities.attendance_mark(
                actor=officer,
                activity=activity,
                attendance={p.pk: p.ikm_id != ikms[BIMTEK_ABSENT].pk for p in participants},
                notes={p.pk: "Sakit" for p in participants if p.ikm_id == ikms[BIMTEK_ABSENT].pk},
            )
            certified = next(p for p in participants if p.ikm_id == ikms[BIMTEK_CERTIFIED].pk)
            licence = (
                Licence.objects.filter(
                    ikm=ikms[BIMTEK_CERTIFIED],
                    licence_type_id="pirt",
                    status=LicenceStatus.ISSUED,
                )
                .order_by("pk")
                .first()
            )
            if licence is not None:
                services_activities.certificate_link(
                    actor=officer, participant=certified, licence=licence
                )
            recorded += 1
        if not Activity.objects.filter(title=EXHIBITION_TITLE).exists():
            starts_on, ends_on = _past_days_this_year(today, 20, 3)
            activity = services_activities.activity_create(
                actor=provincial,
                kind=ActivityKind.EXHIBITION,
                title=EXHIBITION_TITLE,
                starts_on=starts_on,
                ends_on=ends_on,
                venue="Duta Mall Banjarmasin",
                organiser=ActivityOrganiser.JOINT,
                budget_source=BudgetSource.APBD_PROVINCE,
                city_office=officer.organisation,
                outputs="Transaksi di tempat dan tiga calon pembeli dari luar daerah.",
            )
            services_activities.participants_add(
                actor=provincial,
                activity=activity,
                ikms=[ikms[n] for n in EXHIBITION_PARTICIPANTS],
            )
            recorded += 1
    return recorded
