from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    """The navigation links of the signed-in user's role (the views decide access)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    links = [(reverse("home"), _("Home"))]
    if not user.is_ikm_owner:
        links += [
            (reverse("registry:sentra_list"), _("Sentras")),
            (reverse("registry:ikm_list"), _("IKMs")),
            (reverse("licensing:licence_list"), _("Licences")),
        ]
    if user.is_city_staff:
        links.append((reverse("registry:proposal_queue"), _("Proposals")))
    if user.is_staff:
        links.append((reverse("admin:index"), _("Administration")))
    return {"nav_links": links}
