"""Demo data for a new installation: offices, one account per role, the Banjarmasin sentras.

Idempotent: running it again changes nothing that is already there.
"""

import random

import pghistory
from django.db import transaction
from django.utils.translation import gettext as _

from registry.constants import MarketReach, SentraStatus
from registry.models import Ikm, Kbli, Product, Sentra, YearlySnapshot
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Organisation, Region, User
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


DEMO_YEARS = [2023, 2024, 2025]
OWNED_IKM = "Amplang Ikan Pipih Bu Salmah"
# These grew from small to medium industry (investment past Rp1 billion) in 2025.
GROWN_IKMS = {"Ikan Beku Barito Segar", "Mebel Barito Indah", "Butik Sasirangan Fatimah"}
GROWN_INVESTMENT = [600_000_000, 800_000_000, 1_250_000_000]


def _members(kelurahans, kbli_codes, rows):
    """IKM rows (name, owner, gender, product), spread over the sentra's villages and KBLI."""
    return [
        {
            "name": name,
            "owner": owner,
            "gender": gender,
            "product": product,
            "kelurahan": kelurahans[index % len(kelurahans)],
            "kbli": kbli_codes[index % len(kbli_codes)],
        }
        for index, (name, owner, gender, product) in enumerate(rows)
    ]


MEMBERS = {
    "Sentra Pengolahan Ikan Kuin": _members(
        ["63.71.04.1009", "63.71.03.1007"],
        ["10794", "10211", "10213"],
        [
            (OWNED_IKM, "Salmah", "P", "Amplang ikan pipih"),
            ("Ikan Asin Haruan Kuin Jaya", "Abdul Hamid", "L", "Ikan asin haruan"),
            ("Kerupuk Ikan Saluang Acil Imah", "Rahimah", "P", "Kerupuk ikan saluang"),
            ("Ikan Beku Barito Segar", "Muhammad Yusuf", "L", "Ikan patin beku"),
            ("Amplang Kuin Selatan Berkah", "Norhasanah", "P", "Amplang ikan tenggiri"),
            ("Wadi Papuyu Kuin Utara", "Jumberi", "L", "Wadi ikan papuyu"),
            ("Kerupuk Udang Galah Bu Isah", "Isah", "P", "Kerupuk udang galah"),
            ("Abon Ikan Gabus Kuin", "Fitriani", "P", "Abon ikan gabus"),
        ],
    ),
    "Sentra Kain Sasirangan Pelambuan": _members(
        ["63.71.03.1003"],
        ["13134", "14111"],
        [
            ("Sasirangan Pelambuan Indah", "Hj. Mariatul Kiptiah", "P", "Kain sasirangan"),
            ("Konveksi Sasirangan Barito", "Ahmad Rizani", "L", "Kemeja sasirangan"),
            ("Sasirangan Irma", "Irmawati", "P", "Selendang sasirangan"),
            ("Galeri Sasirangan Antasan", "Syahrani", "L", "Kain sasirangan pewarna alam"),
            ("Sasirangan Nur Hikmah", "Nur Hikmah", "P", "Jilbab sasirangan"),
        ],
    ),
    "Sentra Kain Sasirangan Kampung Sasirangan": _members(
        ["63.71.05.1007", "63.71.04.1004"],
        ["13134", "14111"],
        [
            ("Kampung Sasirangan Ramadhan", "Ramadhani", "L", "Kain sasirangan"),
            ("Sasirangan Seberang Mesjid Arya", "Aryani", "P", "Taplak sasirangan"),
            ("Sasirangan Sungai Jingah Lestari", "Lestari", "P", "Kain sasirangan"),
            ("Butik Sasirangan Fatimah", "Siti Fatimah", "P", "Gaun sasirangan"),
            ("Sasirangan Al Banjari", "Muhammad Ilmi", "L", "Kemeja sasirangan"),
            ("Sasirangan Mawar Banjar", "Mawarni", "P", "Kerudung sasirangan"),
        ],
    ),
    "Sentra Tanggui Kuin Cerucuk": _members(
        ["63.71.03.1008"],
        ["16292"],
        [
            ("Tanggui Acil Masitah", "Masitah", "P", "Tanggui daun nipah"),
            ("Tanggui Kuin Cerucuk Bersama", "Aisyah", "P", "Tanggui hias"),
            ("Anyaman Nipah Hj. Saniah", "Hj. Saniah", "P", "Tanggui"),
            ("Tanggui Pasar Terapung", "Jamilah", "P", "Tanggui mini suvenir"),
            ("Kerajinan Nipah Kuin", "Sarmili", "L", "Tanggui dan tikar nipah"),
        ],
    ),
    "Sentra Kue Tradisional Surgi Mufti": _members(
        ["63.71.04.1006"],
        ["10710", "10792"],
        [
            ("Kue Bingka Surgi Mufti", "Hj. Rusmini", "P", "Bingka kentang"),
            ("Wadai Banjar Acil Ijah", "Khadijah", "P", "Kue lapis India"),
            ("Amparan Tatak Bu Nana", "Nurhayati", "P", "Amparan tatak pisang"),
            ("Roti Pisang Sultan Adam", "Fahrurrazi", "L", "Roti pisang"),
            ("Kue Cincin Mufti", "Halimah", "P", "Kue cincin"),
            ("Dodol Kandangan Surgi", "Zainab", "P", "Dodol"),
            ("Wadai Untuk-Untuk Bu Ani", "Ani Suryani", "P", "Untuk-untuk"),
        ],
    ),
    "Sentra Pengolahan Kayu Alalak Tengah": _members(
        ["63.71.04.1001"],
        ["16101", "16221", "31001", "16293"],
        [
            ("Penggergajian Kayu Alalak Jaya", "H. Sulaiman", "L", "Kayu gergajian ulin"),
            ("Kusen Jendela Alalak Tengah", "Baderun", "L", "Kusen dan jendela"),
            ("Mebel Barito Indah", "Hendra Gunawan", "L", "Lemari jati"),
            ("Ukiran Kayu Ulin Banjar", "Rahmadi", "L", "Ukiran kayu ulin"),
            ("Sawmill Sungai Alalak", "Taufik Hidayat", "L", "Balok kayu meranti"),
            ("Mebel Rumah Banjar", "Nurdin", "L", "Kursi tamu"),
        ],
    ),
}


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
        sentras = {row[0]: _sentra(*row) for row in SENTRAS}
        for sentra_name, members in MEMBERS.items():
            for member in members:
                _ikm(sentra=sentras[sentra_name], **member)
        _ikm(
            sentra=None,
            name="Kerajinan Purun Guntung Manggis",
            owner="Rusdiana",
            gender="P",
            kelurahan="63.72.02.1005",
            kbli="16292",
            product="Tas purun",
        )
        users["pemilik.amplang"].ikms.add(Ikm.objects.get(name=OWNED_IKM))
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


def _ikm(*, sentra, name, owner, gender, kelurahan, kbli, product):
    """One demo IKM with a product and three years of yearly data, if not there yet."""
    if Ikm.objects.filter(name=name).exists():
        return
    rng = random.Random(name)  # noqa: S311 -- reproducible demo figures, not security
    workers = rng.randint(2, 14)
    investment = rng.randrange(40, 900) * 1_000_000
    yearly_investment = [investment * (8 + offset) // 10 for offset in range(len(DEMO_YEARS))]
    if name in GROWN_IKMS:
        investment, yearly_investment = GROWN_INVESTMENT[-1], GROWN_INVESTMENT
    ikm = Ikm.objects.create(
        name=name,
        nib=None if rng.random() < 0.3 else f"91{rng.randrange(10**10, 10**11)}",
        owner_name=owner,
        owner_gender=gender,
        phone=f"0812{rng.randrange(10**7, 10**8)}",
        address=f"Jl. {Region.objects.get(code=kelurahan).name} No. {rng.randint(1, 120)}",
        city_id=kelurahan[:5],
        kelurahan_id=kelurahan,
        sentra=sentra,
        primary_kbli=Kbli.objects.get(version="2020", code=kbli),
        founding_year=rng.randint(1985, 2021),
        workers_female=workers // 2 + 1,
        workers_male=workers - workers // 2,
        investment=investment,
        production_value=investment * rng.randint(2, 6),
        market_reach=rng.choice([MarketReach.LOCAL, MarketReach.REGIONAL]),
    )
    Product.objects.create(
        ikm=ikm,
        name=product,
        brand=name.split()[-1],
        capacity=rng.randint(50, 2000),
        capacity_unit=_("units/month"),
        is_published=rng.random() < 0.6,
    )
    reach = [MarketReach.LOCAL, MarketReach.LOCAL, ikm.market_reach]
    for offset, year in enumerate(DEMO_YEARS):
        YearlySnapshot.objects.create(
            ikm=ikm,
            year=year,
            workers_male=max(1, ikm.workers_male - (2 - offset)),
            workers_female=ikm.workers_female,
            investment=yearly_investment[offset],
            production_value=ikm.production_value * (8 + offset) // 10,
            market_reach=reach[offset],
        )
