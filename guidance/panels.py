"""The guidance section of the registry's IKM page (see `registry.panels`).

Registered in `GuidanceConfig.ready()`: the IKM's cases, open ones first, each with its
status and officer, and the link to ask for help (owners) or open a case (city staff); then
its naik kelas story (`selectors_naik_kelas.ikm_story`), when it has one. The cases are read
once for both, the licences once for the story and the licence panel (`licensing.panels`):
two queries here (the cases, the activities taken part in), whatever the number of records.
"""

from guidance import selectors, selectors_naik_kelas
from licensing.dates import office_today
from licensing.selectors import ikm_licences_shown
from registry.panels import Panel
from sentra_portal.scoping import may_edit


def ikm_guidance_panel(request, ikm) -> Panel:
    user = request.user
    cases = list(selectors.ikm_cases(user=user, ikm=ikm))
    context = {
        "ikm": ikm,
        "cases": cases,
        # The page showed the IKM to the user: an owner owns it; staff change it in their city.
        "may_request": user.is_ikm_owner or may_edit(user, ikm),
        "story": selectors_naik_kelas.ikm_story(
            ikm=ikm,
            cases=cases,
            licences=ikm_licences_shown(user=user, ikm=ikm, today=office_today()),
        ),
    }
    return Panel("guidance/partials/ikm_guidance_panel.html", context)
