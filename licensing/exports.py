"""The columns of the licence export (headers translated into the active language)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.constants import LicenceStatus
from licensing.models import LicenceType
from sentra_portal.exports import Column


def licence_columns() -> list[Column]:
    """The export's columns; the type names are read from the catalogue when exporting."""
    type_names = [
        (code, gettext(name)) for code, name in LicenceType.objects.values_list("code", "name")
    ]
    return [
        Column(_("IKM"), "ikm__name"),
        Column(_("NIB"), "ikm__nib"),
        Column(_("Product"), "product__name"),
        Column(_("Type"), "licence_type_id", type_names),
        Column(_("Number"), "number"),
        Column(_("Status"), "effective_status", LicenceStatus.choices),
        Column(_("Applied on"), "applied_on"),
        Column(_("Issued on"), "issued_on"),
        Column(_("Valid until"), "valid_until"),
        Column(_("Issuer"), "issuer"),
        Column(_("TKDN %"), "tkdn_percent"),
        Column(_("BMP %"), "bmp_percent"),
        Column(_("Village"), "ikm__kelurahan__name"),
        Column(_("City/regency"), "ikm__city__name"),
        Column(_("Sentra"), "ikm__sentra__name"),
    ]
