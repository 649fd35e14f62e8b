"""The dashboards: a city's figures for its staff, every city's side by side for a provincial
officer (one URL: the role chooses the page). Every figure links to the list behind it."""

from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guidance import dashboards
from guidance.templatetags.dashboard_charts import Bar
from licensing.constants import ExpiryWindow
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.scoping import role_required


def _count(value) -> str:
    return number_format(value, force_grouping=True)


def _coverage_bars(coverage) -> list[Bar]:
    return [
        Bar(
            label=str(row.licence_type),
            value=row.percent,
            text=f"{_count(row.ikms)} ({number_format(round(row.percent, 1), 1)}%)",
        )
        for row in coverage
    ]


def _expiring_rows(figures) -> list[tuple[int, str, int]]:
    return [(days, label, figures.expiring[days]) for days, label in ExpiryWindow.choices]


def _expiring_bars(figures) -> list[Bar]:
    return [Bar(label=str(label), value=count) for _days, label, count in _expiring_rows(figures)]


@role_required(*STAFF_ROLES)
@require_safe
def dashboard(request):
    """City staff see their city; a provincial officer every city of the province."""
    user = request.user
    if user.is_provincial_officer:
        board = dashboards.province_dashboard(user=user)
        context = {
            "board": board,
            "coverage_bars": _coverage_bars(board.coverage),
            "expiring_bars": _expiring_bars(board.total),
            "city_bars": [
                Bar(label=column.city.name, value=column.figures.ikms) for column in board.cities
            ],
            "case_bars": [
                Bar(
                    label=column.city.name,
                    value=column.figures.open_cases,
                    part=column.figures.overdue_cases,
                    text=f"{_count(column.figures.open_cases)} / "
                    f"{_count(column.figures.overdue_cases)}",
                )
                for column in board.cities
            ],
            "expiring_rows": _expiring_rows(board.total),
        }
        return render(request, "guidance/dashboard_province.html", context)
    board = dashboards.city_dashboard(user=user)
    context = {
        "board": board,
        "coverage_bars": _coverage_bars(board.coverage),
        "expiring_bars": _expiring_bars(board.figures),
        "case_bars": [
            Bar(
                label=str(row.officer) if row.officer else _("Not assigned yet"),
                value=row.open,
                part=row.overdue,
                text=f"{_count(row.open)} / {_count(row.overdue)}",
            )
            for row in board.officer_load
        ],
        "expiring_rows": _expiring_rows(board.figures),
    }
    return render(request, "guidance/dashboard_city.html", context)
