"""The rows of the licence list (`sentra_portal.table_rows` says why in Python)."""

from django import template

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
