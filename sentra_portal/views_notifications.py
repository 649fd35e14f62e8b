"""The signed-in user's own notifications: the list, and opening one (which marks it read)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sentra_portal.notifications import Notification, notifications_mark_read
from sentra_portal.pagination import Ordering, SortKey, keyset_page

NEWEST_FIRST = Ordering(SortKey("id", "pk", int), descending=True)
PAGE_SIZE = 20


@require_http_methods(["GET", "POST"])
def notification_list(request):
    """Newest first, in keyset pages; POST marks them all read."""
    if request.method == "POST":
        count = notifications_mark_read(actor=request.user)
        if count:
            messages.success(request, _("All notifications are marked read."))
        return redirect("notifications")
    notifications = Notification.objects.for_recipient(request.user)
    page = keyset_page(notifications, NEWEST_FIRST, request.GET, page_size=PAGE_SIZE)
    # The unread count for the "mark all read" button comes from the navigation's.
    context = {"notifications": page.object_list, "page_links": page.links(request.GET)}
    return render(request, "notifications.html", context)


def notification_open(request, pk):
    """Mark the notification read and go where it points; 404 if it is not the user's."""
    notification = Notification.objects.for_recipient(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404(_("Not found."))
    if not notification.is_read:
        notifications_mark_read(actor=request.user, pk=notification.pk)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(link)
    return redirect("notifications")
