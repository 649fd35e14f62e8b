"""The rows of the sentra and IKM lists (`sentra_portal.table_rows` says why in Python)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.translation import gettext

from registry.models import Ikm
from sentra_portal.table_rows import choice_labels, or_dash, rows, shown, url_format
from sentra_portal.templatetags.formatting import rupiah

register = template.Library()


@register.simple_tag
def sentra_rows(sentras, show_city: bool):
    """``<tr>`` per sentra: name, commodity and KBLI codes, the city (to provincial officers),
    villages, status, members, workers, investment."""
    city = "<td>{}</td>" if show_city else ""
    row = (
        '<tr><td><a href="{}">{}</a></td><td>{}{}</td>' + city + "<td>{}</td><td>{}</td>"
        '<td class="number">{}</td><td class="number">{}</td><td class="number">{}</td></tr>'
    )
    url, kbli = url_format("registry:sentra_detail"), gettext("KBLI")
    return rows(row, (_sentra_cells(sentra, show_city, url, kbli) for sentra in sentras))


def _sentra_cells(sentra, show_city: bool, url: str, kbli: str) -> list:
    codes = ""
    if sentra.kbli_codes_list:
        codes = format_html(
            '<br><span class="help">{} {}</span>', kbli, ", ".join(sentra.kbli_codes_list)
        )
    return [
        url.format(sentra.pk),
        sentra.name,
        sentra.commodity,
        codes,
        *([sentra.city.name] if show_city else []),
        or_dash(", ".join(sentra.village_names)),
        sentra.get_status_display(),
        intcomma(sentra.member_count),
        intcomma(sentra.workers_sum),
        rupiah(sentra.investment_sum),
    ]


@register.simple_tag
def ikm_rows(ikms, show_city: bool):
    """``<tr>`` per IKM: name, owner, NIB, village, sentra, KBLI, class, scale, workers,
    investment, market reach, and the city to provincial officers."""
    city = "<td>{}</td>" if show_city else ""
    row = (
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td>"
        '<td class="number">{}</td><td class="number">{}</td><td>{}</td>' + city + "</tr>"
    )
    url = url_format("registry:ikm_detail")
    classes, scales, reaches = (
        choice_labels(Ikm, name) for name in ("industry_class", "umk_scale", "market_reach")
    )
    return rows(
        row,
        (
            [
                url.format(ikm.pk),
                ikm.name,
                ikm.owner_name,
                or_dash(ikm.nib),
                ikm.kelurahan.name,
                or_dash(ikm.sentra and ikm.sentra.name),
                or_dash(ikm.primary_kbli and ikm.primary_kbli.code),
                classes.get(ikm.industry_class, ikm.industry_class),
                scales.get(ikm.umk_scale, ikm.umk_scale),
                intcomma(ikm.workers_total),
                rupiah(ikm.investment),
                reaches.get(ikm.market_reach, ikm.market_reach),
                *([ikm.city.name] if show_city else []),
            ]
            for ikm in ikms
        ),
    )


@register.simple_tag
def sentra_member_rows(ikms):
    """``<tr>`` per member IKM on the sentra's page: name, village, workers, investment,
    industry class."""
    row = (
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td class="number">{}</td>'
        '<td class="number">{}</td><td>{}</td></tr>'
    )
    url, classes = url_format("registry:ikm_detail"), choice_labels(Ikm, "industry_class")
    return rows(
        row,
        (
            [
                url.format(ikm.pk),
                ikm.name,
                ikm.kelurahan,
                shown(ikm.workers_total),
                rupiah(ikm.investment),
                classes.get(ikm.industry_class, ikm.industry_class),
            ]
            for ikm in ikms
        ),
    )
