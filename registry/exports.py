"""The columns of the sentra and IKM exports (headers translated into the active language)."""

from django.utils.translation import gettext_lazy as _

from registry.constants import (
    Gender,
    IkmStatus,
    IndustryClass,
    LegalForm,
    MarketReach,
    SentraStatus,
    UmkScale,
)
from sentra_portal.exports import Column

IKM_COLUMNS = [
    Column(_("Business name"), "name"),
    Column(_("NIB"), "nib"),
    Column(_("Legal form"), "legal_form", LegalForm.choices),
    Column(_("Owner name"), "owner_name"),
    Column(_("Owner gender"), "owner_gender", Gender.choices),
    Column(_("Phone/WhatsApp"), "phone"),
    Column(_("Address"), "address"),
    Column(_("Village"), "kelurahan__name"),
    Column(_("District"), "kelurahan__parent__name"),
    Column(_("City/regency"), "city__name"),
    Column(_("Sentra"), "sentra__name"),
    Column(_("Primary KBLI"), "primary_kbli__code"),
    Column(_("Founding year"), "founding_year"),
    Column(_("Status"), "status", IkmStatus.choices),
    Column(_("Male workers"), "workers_male"),
    Column(_("Female workers"), "workers_female"),
    Column(_("Workers"), "workers_total"),
    Column(_("Investment (Rp)"), "investment"),
    Column(_("Yearly production value (Rp)"), "production_value"),
    Column(_("Market reach"), "market_reach", MarketReach.choices),
    Column(_("Industry class"), "industry_class", IndustryClass.choices),
    Column(_("UMK scale"), "umk_scale", UmkScale.choices),
]

SENTRA_COLUMNS = [
    Column(_("Name"), "name"),
    Column(_("Commodity"), "commodity"),
    Column(_("KBLI codes"), "kbli_codes_list"),
    Column(_("City/regency"), "city__name"),
    Column(_("Villages"), "village_names"),
    Column(_("Status"), "status", SentraStatus.choices),
    Column(_("Members"), "member_count"),
    Column(_("Workers"), "workers_sum"),
    Column(_("Investment (Rp)"), "investment_sum"),
]
