"""The columns of an IKM import file, defined once: key, header label, accepted aliases.

The key is the Ikm field the column fills. A header cell matches a column by its key, its
label in any of the portal's languages, or one of its aliases, ignoring case, spaces and
punctuation, so "Nama Usaha", "nama_usaha" and "Business name" all mean `name`.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from registry.constants import Gender, IkmStatus, LegalForm, MarketReach


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


COLUMNS = [
    Column("name", _("Business name"), ("nama usaha", "nama ikm"), required=True),
    Column("nib", _("NIB"), ("nomor induk berusaha",), help=_("13 digits; may be empty.")),
    Column(
        "legal_form",
        _("Legal form"),
        ("bentuk usaha", "bentuk badan usaha"),
        help=_("perorangan, UD, CV, firma, PT, PT perorangan or koperasi."),
    ),
    Column("owner_name", _("Owner name"), ("nama pemilik",), required=True),
    Column(
        "owner_gender",
        _("Owner gender (L/P)"),
        ("jenis kelamin", "jenis kelamin pemilik", "owner gender", "gender"),
        required=True,
        help=_("L (male) or P (female)."),
    ),
    Column("phone", _("Phone/WhatsApp"), ("telepon", "no hp", "whatsapp", "phone")),
    Column("email", _("E-mail"), ("surel",)),
    Column("address", _("Address"), ("alamat",)),
    Column(
        "kelurahan",
        _("Village (kelurahan)"),
        ("kelurahan", "kode kelurahan", "desa", "village"),
        required=True,
        help=_("Kemendagri code, e.g. 63.71.03.1003, or the village's name."),
    ),
    Column("sentra", _("Sentra"), ("nama sentra",), help=_("A sentra of your city; optional.")),
    Column(
        "primary_kbli",
        _("Primary KBLI"),
        ("kbli utama", "kbli"),
        help=_("5-digit KBLI 2020 code, e.g. 10213."),
    ),
    Column(
        "other_kbli",
        _("Other KBLI codes"),
        ("kbli lain", "kbli lainnya"),
        help=_("5-digit codes separated by commas."),
    ),
    Column("founding_year", _("Founding year"), ("tahun berdiri",)),
    Column("status", _("Status"), help=_("active, inactive or closed.")),
    Column(
        "workers_male", _("Male workers"), ("tenaga kerja laki-laki", "tk laki-laki", "tk pria")
    ),
    Column(
        "workers_female",
        _("Female workers"),
        ("tenaga kerja perempuan", "tk perempuan", "tk wanita"),
    ),
    Column(
        "investment",
        _("Investment (Rp)"),
        ("investasi", "investasi (rp)", "nilai investasi", "nilai investasi (rp)"),
        help=_("Whole rupiah, excluding land and buildings."),
    ),
    Column(
        "production_value",
        _("Production value (Rp)"),
        ("nilai produksi", "nilai produksi (rp)", "nilai produksi per tahun"),
        help=_("Whole rupiah per year."),
    ),
    Column(
        "market_reach",
        _("Market reach"),
        ("jangkauan pasar", "pemasaran"),
        help=_("local, regional, national or export."),
    ),
]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}

# Values people write for the choice columns, besides the stored value and its label in
# every language of the portal.
CHOICES = {
    "legal_form": (LegalForm, {"individual": LegalForm.INDIVIDUAL}),
    "owner_gender": (
        Gender,
        {
            "laki-laki": Gender.MALE,
            "pria": Gender.MALE,
            "perempuan": Gender.FEMALE,
            "wanita": Gender.FEMALE,
        },
    ),
    "status": (
        IkmStatus,
        {"aktif": IkmStatus.ACTIVE, "tidak aktif": IkmStatus.INACTIVE, "tutup": IkmStatus.CLOSED},
    ),
    "market_reach": (
        MarketReach,
        {
            "lokal": MarketReach.LOCAL,
            "nasional": MarketReach.NATIONAL,
            "ekspor": MarketReach.EXPORT,
        },
    ),
}


def normalise(text: str) -> str:
    """Lower case, letters and digits only: how header cells and choices are compared."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _in_every_language(label) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(normalise(str(label)))
    return names


def _header_names() -> dict[str, str]:
    names = {}
    for column in COLUMNS:
        for name in {column.key, *column.aliases}:
            names[normalise(name)] = column.key
        for name in _in_every_language(column.label):
            names[name] = column.key
    return names


def choice_values() -> dict[str, dict[str, str]]:
    """For each choice column: every accepted way of writing a value -> the stored value."""
    values = {}
    for key, (choices, aliases) in CHOICES.items():
        accepted = {normalise(alias): value for alias, value in aliases.items()}
        for value, label in zip(choices.values, choices.labels, strict=True):
            accepted[normalise(value)] = value
            accepted.update(dict.fromkeys(_in_every_language(label), value))
        values[key] = accepted
    return values


def match_header(cells: list[str]) -> dict[int, str]:
    """Column position -> column key, for the header cells that name a column.

    Raises ValidationError when a required column is missing or a column appears twice;
    cells that name no column are left out (those columns are not read).
    """
    names = _header_names()
    positions: dict[int, str] = {}
    for position, cell in enumerate(cells):
        key = names.get(normalise(cell))
        if key is None:
            continue
        if key in positions.values():
            raise ValidationError(
                _("The column “%(column)s” appears twice in the header row."),
                code="duplicate_column",
                params={"column": cell},
            )
        positions[position] = key
    missing = [
        str(column.label)
        for column in COLUMNS
        if column.required and column.key not in positions.values()
    ]
    if missing:
        raise ValidationError(
            _(
                "The header row (the first row) lacks these columns: %(columns)s. "
                "Start from the template."
            ),
            code="missing_columns",
            params={"columns": ", ".join(missing)},
        )
    return positions
