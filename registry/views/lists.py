"""The sentra and IKM lists and their exports: filtered, searched, sorted, keyset-paginated.

Filters, search and sort live in the URL, so a list can be bookmarked and shared; the export
links carry the same query string and export exactly the rows the list shows. With htmx the
form refreshes only the results region (the named partial ``results``); without JavaScript
it is an ordinary GET form.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from registry import selectors
from registry.exports import IKM_COLUMNS, SENTRA_COLUMNS
from registry.filters import IKM_SORTS, SENTRA_SORTS, IkmFilter, SentraFilter
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.exports import export_response
from sentra_portal.pagination import count_rows, keyset_page, query_string
from sentra_portal.scoping import role_required

EXPORT_FORMATS = ("xlsx", "csv")


def _filtered(request, filterset_class, rows):
    """The FilterSet over the user's rows and the rows it selects (none while it is invalid,
    so that a list never shows more than the user asked for)."""
    filterset = filterset_class(request.GET, queryset=rows(user=request.user), user=request.user)
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, queryset


def _render_list(request, template, *, filterset_class, rows, sorts):
    filterset, queryset = _filtered(request, filterset_class, rows)
    ordering = sorts.ordering(request.GET)
    page = keyset_page(queryset, filterset.reading_order(ordering), request.GET)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "partial": partial,
        "filterset": filterset,
        "page": page,
        "count": count_rows(filterset.counted(queryset)),
        "page_links": page.links(request.GET),
        "sort_links": sorts.links(request.GET, ordering),
        "ordering": ordering,
        "export_query": query_string(request.GET) if filterset.is_valid() else None,
        "show_city": selectors.shows_city(request.user),
        # The registry's writers: city staff (the create and import views check the same).
        "can_register": request.user.is_city_staff,
    }
    response = render(request, f"{template}#results" if partial else template, context)
    if partial:  # the address bar shows the list's URL without the form's empty fields
        push_url(response, request.path + query_string(request.GET, keep_position=True))
    patch_vary_headers(response, ["HX-Request"])
    return response


def _export(request, file_format, *, filterset_class, rows, sorts, columns, name):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    _filterset, queryset = _filtered(request, filterset_class, rows)
    ordered = queryset.order_by(*sorts.ordering(request.GET).order_by())
    return export_response(ordered, columns, file_format=file_format, name=name)


@role_required(*STAFF_ROLES)
@require_safe
def sentra_list(request):
    return _render_list(
        request,
        "registry/sentra_list.html",
        filterset_class=SentraFilter,
        rows=selectors.sentra_listing,
        sorts=SENTRA_SORTS,
    )


@role_required(*STAFF_ROLES)
@require_safe
def ikm_list(request):
    return _render_list(
        request,
        "registry/ikm_list.html",
        filterset_class=IkmFilter,
        rows=selectors.ikm_listing,
        sorts=IKM_SORTS,
    )


@role_required(*STAFF_ROLES)
@require_safe
def sentra_export(request, file_format):
    return _export(
        request,
        file_format,
        filterset_class=SentraFilter,
        rows=selectors.sentra_listing,
        sorts=SENTRA_SORTS,
        columns=SENTRA_COLUMNS,
        name="sentra",
    )


@role_required(*STAFF_ROLES)
@require_safe
def ikm_export(request, file_format):
    return _export(
        request,
        file_format,
        filterset_class=IkmFilter,
        rows=selectors.ikm_listing,
        sorts=IKM_SORTS,
        columns=IKM_COLUMNS,
        name="ikm",
    )
