"""The guidance section of the registry's IKM page (see `registry.panels`).

Registered in `GuidanceConfig.ready()`: the IKM's cases, open ones first, each with its
status and officer, and the link to ask for help (owners) or open a case (city staff).
One query, whatever the number of cases.
"""

from guidance import selectors, selectors_naik_kelas
from registry.panels import Panel
from sentra_portal.scoping import may_edit


def ikm_case_panel(request, ikm) -> Panel:
    user = request.user
    # The page showed the IKM to the user: an owner owns it; staff change it in their city.
    may_request = user.is_ikm_owner or may_edit(user, ikm)
    context = {
        "ikm": ikm,
        "cases": list(selectors.ikm_cases(user=user, ikm=ikm)),
        "may_request": may_request,
    }
    return Panel("guidance/partials/ikm_case_panel.html", context)


def ikm_naik_kelas_panel(request, ikm) -> Panel | None:
    """The IKM's naik kelas story (`selectors_naik_kelas.ikm_story`); nothing when the IKM
    has no yearly data, milestone, closed case or activity yet."""
    story = selectors_naik_kelas.ikm_story(user=request.user, ikm=ikm)
    if not story:
        return None
    return Panel("guidance/partials/naik_kelas_panel.html", {"ikm": ikm, "story": story})
