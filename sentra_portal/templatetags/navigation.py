"""The main navigation of every page, written in Python: its links are the same on every page
of a user, and through the template engine their loop cost a page more than its session."""

from functools import cache

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sentra_portal.form_renderer import escape

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation_links(context) -> SafeString:
    """The items of the navigation list: `nav_links` (`sentra_portal.context_processors`),
    then the notifications with the unread count; the current page's link marked as such."""
    path = context["request"].path
    items = [_item(url, escape(label), path) for url, label in context["nav_links"]]
    unread = context["unread_notifications"]
    shown = escape(localize(unread))
    label = escape(gettext("Notifications"))
    if unread:
        hidden = escape(gettext("unread"))
        label += f' ({shown}<span class="visually-hidden"> {hidden}</span>)'
    unread_data = f' id="nav-notifications" data-unread="{shown}"'
    items.append(_item(_notifications_url(), label, path, unread_data))
    return mark_safe("\n".join(items))  # noqa: S308 -- every value in it is escaped


@cache
def _notifications_url() -> str:
    return reverse("notifications")


def _item(url: str, label: str, path: str, attributes: str = "") -> str:
    current = ' aria-current="page"' if url == path else ""
    return f'<li><a href="{escape(url)}"{attributes}{current}>{label}</a></li>'
