from functools import cache

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from sentra_portal.notifications import Notification

STAFF_LINKS = (
    ("guidance:dashboard", _("Dashboard")),
    ("registry:sentra_list", _("Sentras")),
    ("registry:ikm_list", _("IKMs")),
    ("licensing:licence_list", _("Licences")),
    ("guidance:case_list", _("Guidance")),
    ("guidance:activity_list", _("Activities")),
    ("licensing:letter_list", _("Letters")),
)


def navigation(request):
    """The navigation links of the signed-in user's role (the views decide access), and
    how many of their notifications are unread: one query, on a partial index, made only
    when a template shows it (htmx fragments do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": [], "unread_notifications": 0}
    unread = SimpleLazyObject(lambda: Notification.objects.for_recipient(user).unread().count())
    return {
        "nav_links": _links(
            owner=user.is_ikm_owner, city_staff=user.is_city_staff, admin=user.is_staff
        ),
        "unread_notifications": unread,
    }


@cache
def _links(*, owner: bool, city_staff: bool, admin: bool) -> tuple:
    """(URL, label) of each link for one kind of user: the URLs reversed once a process
    (every page shows them, and they do not change while it runs), the labels translated
    when shown."""
    names = [("home", _("Home"))]
    if not owner:
        names += STAFF_LINKS
    if city_staff:
        names.append(("registry:proposal_queue", _("Proposals")))
    if admin:
        names.append(("admin:index", _("Administration")))
    return tuple((reverse(name), label) for name, label in names)
