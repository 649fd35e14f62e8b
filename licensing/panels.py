"""The licensing sections of the registry's IKM and sentra pages (see `registry.panels`).

Registered in `LicensingConfig.ready()`. The IKM panel reads a fixed number of queries,
whatever the number of licences: the licences with their renewal state (annotated in SQL),
the P3DN participations, the recommendation letters, and whether the user may change the
IKM.
"""

from licensing import selectors
from licensing import selectors_letters as letter_selectors
from licensing.constants import LicenceCategory
from licensing.dates import office_today
from licensing.forms_p3dn import P3dnParticipationForm
from licensing.standing import licence_standing
from licensing.tkdn import gets_price_preference, government_must_buy
from registry.panels import Panel
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.scoping import may_edit

PROCUREMENT_CATEGORIES = (LicenceCategory.TKDN, LicenceCategory.E_CATALOGUE)


def ikm_licence_panel(request, ikm) -> Panel:
    """Every licence of the IKM with its standing and next step, and the IKM's part in
    government procurement: TKDN certificates, e-Katalog listings, P3DN participations.

    A licence whose renewal has been granted is not listed on its own: its renewal's row
    names it. While a renewal is planned or filed, both are listed, the old one saying that
    the renewal is under way (as on the owner's home).
    """
    user = request.user
    today = office_today()
    licences = selectors.ikm_licences_shown(user=user, ikm=ikm, today=today)
    shown = []
    for licence in licences:
        if licence.replaced:
            continue
        licence.standing = licence_standing(
            licence, today, renewal_under_way=licence.renewal_under_way
        )
        if licence.licence_type.category == LicenceCategory.TKDN:
            licence.price_preference = gets_price_preference(licence.tkdn_percent)
            licence.must_buy = government_must_buy(licence.tkdn_percent, licence.bmp_percent)
        shown.append(licence)
    editable = may_edit(user, ikm)
    context = {
        "ikm": ikm,
        "licences": shown,
        "procurement": [
            licence for licence in shown if licence.licence_type.category in PROCUREMENT_CATEGORIES
        ],
        "participations": list(selectors.p3dn_participations(user=user, ikm=ikm)),
        "letters": list(letter_selectors.ikm_letters(user=user, ikm=ikm)),
        "may_edit": editable,
        "p3dn_form": P3dnParticipationForm() if editable else None,
    }
    return Panel("licensing/partials/ikm_licence_panel.html", context)


def sentra_coverage_panel(request, sentra) -> Panel | None:
    """A link to the sentra's coverage matrix, for staff (owners never see sentras)."""
    if request.user.role not in STAFF_ROLES:
        return None
    return Panel("licensing/partials/sentra_coverage_panel.html", {"sentra": sentra})
