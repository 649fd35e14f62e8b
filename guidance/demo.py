"""Demo guidance cases for the demo IKMs, opened and worked on through the services.

Three Banjarmasin cases, one at each stage an officer meets: a request the owner of
`registry.demo.OWNED_IKM` just sent (a trademark), one the supervisor assigned and the officer
is working on (a visit recorded), and one done. Idempotent: a case is identified by its IKM and
description, and is not opened twice.
"""

import datetime

import pghistory

from guidance import services
from guidance.constants import CaseGoal, CaseOutcome
from guidance.models import Case
from licensing.dates import office_today
from licensing.models import LicenceType
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
