"""The rows of the case queue and the activity list, and an activity's dates and organiser
(on its page too) (`sentra_portal.table_rows` says why in Python)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from guidance.constants import ActivityOrganiser
from guidance.models import Activity, Case
from sentra_portal.table_rows import DASH, choice_labels, date, rows, shown, url_format

register = template.Library()

OVERDUE_ROW = mark_safe(' class="case-overdue"')  # noqa: S308 -- a constant


@register.simple_tag
def case_rows(cases, show_city: bool):
    """``<tr>`` per case: asked on, the IKM and its village (and city to provincial
    officers), goal, status and outcome, officer, days open and whether overdue."""
    row = (
        '<tr data-case="{}"{}><td><a href="{}">{}</a></td><td>{}<br><small>{}{}</small></td>'
        '<td>{}</td><td><span class="case-status case-status--{}">{}</span>{}</td><td>{}</td>'
        '<td class="number" data-days-open="{}">{}{}</td></tr>'
    )
    url = url_format("guidance:case_detail")
    statuses, outcomes = choice_labels(Case, "status"), choice_labels(Case, "outcome")
    return rows(row, (_case_cells(case, show_city, url, statuses, outcomes) for case in cases))


def _case_cells(case, show_city: bool, url: str, statuses: dict, outcomes: dict) -> list:
    days_open = shown(case.days_open)
    overdue = ""
    if case.is_overdue:
        badge = gettext("overdue (limit %(days)s)") % {"days": shown(case.overdue_days)}
        overdue = format_html(' <span class="overdue-badge">{}</span>', badge)
    return [
        case.pk,
        OVERDUE_ROW if case.is_overdue else "",
        url.format(case.pk),
        date(case.created_at),
        case.ikm.name,
        case.ikm.kelurahan,
        f" · {case.ikm.city}" if show_city else "",
        case.goal_label,
        case.status,
        statuses[case.status],
        format_html("<br><small>{}</small>", outcomes[case.outcome]) if case.outcome else "",
        case.assigned_to or DASH,
        days_open,
        days_open,
        overdue,
    ]


@register.simple_tag
def activity_rows(activities):
    """``<tr>`` per activity: dates, title and venue, kind, organiser, budget source and
    participants."""
    row = (
        '<tr data-activity="{}"><td>{}</td><td><a href="{}">{}</a><br><small>{}</small></td>'
        '<td>{}</td><td data-organiser="{}">{}</td><td>{}</td>'
        '<td class="number" data-participants="{}">{}</td></tr>'
    )
    url = url_format("guidance:activity_detail")
    kinds, budgets = choice_labels(Activity, "kind"), choice_labels(Activity, "budget_source")
    return rows(
        row,
        (
            [
                activity.pk,
                activity_dates(activity),
                url.format(activity.pk),
                activity.title,
                activity.venue,
                kinds[activity.kind],
                activity.organiser,
                activity_organiser(activity),
                budgets[activity.budget_source],
                shown(activity.participant_count),
                shown(activity.participant_count),
            ]
            for activity in activities
        ),
    )


@register.simple_tag
def activity_dates(activity):
    """The first day, and the last when it is another, as ``<time>`` elements."""
    dates = [activity.starts_on]
    if activity.ends_on != activity.starts_on:
        dates.append(activity.ends_on)
    return format_html_join(
        " – ",
        '<time datetime="{}">{}</time>',
        ((day.isoformat(), date(day)) for day in dates),
    )


@register.simple_tag
def activity_organiser(activity) -> str:
    """The office that organised the activity, or both offices of a joint one."""
    if activity.organiser == ActivityOrganiser.JOINT:
        return gettext("%(city)s with %(province)s") % {
            "city": activity.city_office.name,
            "province": activity.province_office.name,
        }
    return (activity.city_office or activity.province_office).name
