from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from sentra_portal.notifications import Notification


def navigation(request):
    """The navigation links of the signed-in user's role (the views decide access), and
    how many of their notifications are unread: one query, on a partial index, made only
    when a template shows it (htmx fragments do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": [], "unread_notifications": 0}
    links = [(reverse("home"), _("Home"))]
    if not user.is_ikm_owner:
        links += [
            (reverse("guidance:dashboard"), _("Dashboard")),
            (reverse("registry:sentra_list"), _("Sentras")),
            (reverse("registry:ikm_list"), _("IKMs")),
            (reverse("licensing:licence_list"), _("Licences")),
            (reverse("guidance:case_list"), _("Guidance")),
            (reverse("guidance:activity_list"), _("Activities")),
            (reverse("licensing:letter_list"), _("Letters")),
        ]
    if user.is_city_staff:
        links.append((reverse("registry:proposal_queue"), _("Proposals")))
    if user.is_staff:
        links.append((reverse("admin:index"), _("Administration")))
    unread = SimpleLazyObject(lambda: Notification.objects.for_recipient(user).unread().count())
    return {"nav_links": links, "unread_notifications": unread}
