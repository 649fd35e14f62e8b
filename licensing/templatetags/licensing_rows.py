"""The rows of the licence list and of the IKM page's licence panel (`sentra_portal.table_rows`
says why in Python)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from licensing.models import Licence
from sentra_portal.table_rows import choice_labels, date, or_dash, rows, url_format

register = template.Library()


@register.simple_tag
def licence_rows(licences, show_city: bool):
    """``<tr>`` per licence: IKM, product, type, number, status as it stands today, valid
    until, the IKM's village and sentra, and its city to provincial officers."""
    city = "<td>{}</td>" if show_city else ""
    row = (
        '<tr><td>{}</td><td>{}</td><td><a href="{}">{}</a></td><td>{}</td>'
        '<td><span class="status status-{}">{}</span></td><td>{}</td><td>{}</td><td>{}</td>'
        + city
        + "</tr>"
    )
    url, statuses = url_format("licensing:licence_detail"), choice_labels(Licence, "status")
    return rows(
        row,
        (
            [
                licence.ikm.name,
                or_dash(licence.product and licence.product.name),
                url.format(licence.pk),
                licence.licence_type,
                or_dash(licence.number),
                licence.effective_status,
                statuses[licence.effective_status],
                date(licence.valid_until, "SHORT_DATE_FORMAT"),
                licence.ikm.kelurahan.name,
                or_dash(licence.ikm.sentra and licence.ikm.sentra.name),
                *([licence.ikm.city.name] if show_city else []),
            ]
            for licence in licences
        ),
    )


@register.simple_tag
def ikm_licence_rows(licences):
    """``<tr>`` per licence of the IKM page's licence panel (`licensing.panels`): its type,
    standing, product, number (with the licence it renews) and next step."""
    row = (
        '<tr data-licence="{}"><th scope="row"><a href="{}">{}</a></th>'
        '<td><span class="standing standing--{}">{}</span></td><td>{}</td>'
        "<td>{}{}</td><td>{}</td></tr>"
    )
    url = url_format("licensing:licence_detail")
    return rows(
        row,
        (
            [
                licence.pk,
                url.format(licence.pk),
                licence.licence_type,
                licence.standing.tone,
                licence.standing.label,
                or_dash(licence.product and licence.product.name),
                or_dash(licence.number),
                _renewed_licence(licence, url),
                or_dash(licence.standing.next_step),
            ]
            for licence in licences
        ),
    )


def _renewed_licence(licence, url: str):
    """The licence that `licence` renews, under its number, with its valid-until date."""
    renewed = licence.renews
    if renewed is None:
        return ""
    valid_until = ""
    if renewed.valid_until:
        valid_until = " · " + gettext("valid until %(date)s") % {"date": date(renewed.valid_until)}
    return format_html(
        ' <p class="licence-renews help" data-renews="{}">{} <a href="{}">{}</a>{}</p>',
        renewed.pk,
        gettext("Renews"),
        url.format(renewed.pk),
        renewed.number or licence.licence_type,
        valid_until,
    )
