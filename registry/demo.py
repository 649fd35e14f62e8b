"""Demo data for a new installation: offices, one account per role, the Banjarmasin sentras.

Idempotent: running it again changes nothing that is already there.
"""

import pghistory
from django.db import transaction

from registry.constants import SentraStatus
from registry.models import Ikm, Kbli, Sentra
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Organisation, User
from sentra_portal.services import user_create

DEMO_PASSWORD = "sentra-demo-2026"  # noqa: S105 -- printed for the demo accounts on purpose

OFFICES = {
    "banjarmasin": (
        "Dinas Perdagangan dan Industri Kota Banjarmasin",
        OrganisationKind.CITY_OFFICE,
        "63.71",
    ),
    "kalsel": (
        "Dinas Perindustrian dan Perdagangan Provinsi Kalimantan Selatan",
        OrganisationKind.PROVINCE_OFFICE,
        "63",
    ),
    "banjarbaru": (
        "Dinas Perdagangan dan Perindustrian Kota Banjarbaru",
        OrganisationKind.CITY_OFFICE,
        "63.72",
    ),
}

# username, role, office, first name, last name
ACCOUNTS = [
    ("admin.bjm", Role.ADMINISTRATOR, "banjarmasin", "Rahmat", "Hidayat"),
    ("kabid.bjm", Role.SUPERVISOR, "banjarmasin", "Siti", "Aminah"),
    ("petugas.bjm", Role.OFFICER, "banjarmasin", "Ahmad", "Fauzi"),
    ("provinsi.kalsel", Role.PROVINCIAL_OFFICER, "kalsel", "Noor", "Hasanah"),
    ("petugas.bjb", Role.OFFICER, "banjarbaru", "Budi", "Santoso"),
    ("pemilik.amplang", Role.IKM_OWNER, None, "Salmah", ""),
]

# name, commodity, kelurahan codes, KBLI codes, address
SENTRAS = [
    (
        "Sentra Pengolahan Ikan Kuin",
        "Olahan ikan (ikan asin, amplang, kerupuk ikan)",
        ["63.71.04.1009", "63.71.03.1007"],
        ["10211", "10213", "10794"],
        "Jl. Kuin Utara dan Jl. Kuin Selatan, tepi Sungai Kuin",
    ),
    (
        "Sentra Kain Sasirangan Pelambuan",
        "Kain sasirangan",
        ["63.71.03.1003"],
        ["13134", "14111"],
        "Jl. Pelambuan",
    ),
    (
        "Sentra Kain Sasirangan Kampung Sasirangan",
        "Kain sasirangan",
        ["63.71.05.1007", "63.71.04.1004"],
        ["13134", "14111"],
        "Jl. Seberang Mesjid dan Jl. Sungai Jingah",
    ),
    (
        "Sentra Tanggui Kuin Cerucuk",
        "Tanggui (topi anyaman daun nipah)",
        ["63.71.03.1008"],
        ["16292"],
        "Jl. Kuin Cerucuk",
    ),
    (
        "Sentra Kue Tradisional Surgi Mufti",
        "Kue tradisional Banjar",
        ["63.71.04.1006"],
        ["10710", "10792"],
        "Jl. Sultan Adam, Surgi Mufti",
    ),
    (
        "Sentra Pengolahan Kayu Alalak Tengah",
        "Olahan kayu (gergajian, bahan bangunan, ukiran, mebel)",
        ["63.71.04.1001"],
        ["16101", "16221", "16293", "31001"],
        "Jl. Alalak Tengah, tepi Sungai Barito",
    ),
]


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Create what is missing; return (username, role label) of the demo accounts."""
    with pghistory.context(source="load_demo"):
        offices = {
            key: Organisation.objects.get_or_create(
                region_id=region, kind=kind, defaults={"name": name}
            )[0]
            for key, (name, kind, region) in OFFICES.items()
        }
        users = {}
        for username, role, office, first_name, last_name in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=username,
                    role=role,
                    password=DEMO_PASSWORD,
                    organisation=offices[office] if office else None,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{username}@example.org",
                )
            users[username] = user
        sentras = [_sentra(*row) for row in SENTRAS]
        _ikm(
            name="Amplang Ikan Pipih Bu Salmah",
            owner_name="Salmah",
            kelurahan="63.71.04.1009",
            sentra=sentras[0],
            owner=users["pemilik.amplang"],
        )
        _ikm(
            name="Kerajinan Purun Guntung Manggis", owner_name="Rusdiana", kelurahan="63.72.02.1005"
        )
    return [(username, Role(role).label) for username, role, *_ in ACCOUNTS]


def _sentra(name, commodity, kelurahans, kbli_codes, address):
    sentra, created = Sentra.objects.get_or_create(
        city_id="63.71",
        name=name,
        defaults={"commodity": commodity, "address": address, "status": SentraStatus.ACTIVE},
    )
    if created:
        sentra.kelurahans.set(kelurahans)
        sentra.kbli_codes.set(Kbli.objects.filter(version="2020", code__in=kbli_codes))
    return sentra


def _ikm(*, name, owner_name, kelurahan, sentra=None, owner=None):
    ikm, created = Ikm.objects.get_or_create(
        name=name,
        defaults={
            "owner_name": owner_name,
            "kelurahan_id": kelurahan,
            "city_id": kelurahan[:5],
            "sentra": sentra,
        },
    )
    if created and owner:
        ikm.owners.add(owner)
    return ikm
