"""Pieces of the long lists' tables written in Python (`sentra_portal.table_rows` says why)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ARROWS = {"ascending": "▲", "descending": "▼"}
NUMBER_CLASS = mark_safe(' class="number"')  # noqa: S308 -- a constant


@register.simple_tag
def sort_header(link, label, numeric: bool = False):
    """A sortable column's header: `link` from `SortOptions.links` (its URL, and its
    ``aria-sort`` where the list is sorted by it, shown by an arrow), ``numeric`` for a
    right-aligned column: ``{% sort_header sort_links.name _("Name") %}``."""
    sorted_by = ""
    arrow = ""
    if link.aria_sort:
        sorted_by = format_html(' aria-sort="{}"', link.aria_sort)
        arrow = format_html(' <span aria-hidden="true">{}</span>', ARROWS[link.aria_sort])
    return format_html(
        '<th scope="col"{}{}><a href="{}">{}{}</a></th>',
        sorted_by,
        NUMBER_CLASS if numeric else "",
        link.url,
        label,
        arrow,
    )
