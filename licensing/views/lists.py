"""The licence list and its export: filtered, searched, sorted, keyset-paginated.

Like the registry lists: filters, search and sort live in the URL, the export link carries
the same query string and exports exactly the rows the list shows, and with htmx the form
refreshes only the results region (the named partial ``results``).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from licensing import selectors
from licensing.exports import licence_columns
from licensing.filters import LICENCE_SORTS, LicenceFilter
from registry.selectors import shows_city
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.exports import export_response
from sentra_portal.pagination import count_rows, keyset_page, query_string
from sentra_portal.scoping import role_required

EXPORT_FORMATS = ("xlsx", "csv")


def _filtered(request):
    """The FilterSet over the user's licences and the rows it selects (none while it is
    invalid, so that the list never shows more than the user asked for)."""
    filterset = LicenceFilter(
        request.GET, queryset=selectors.licence_list(user=request.user), user=request.user
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, queryset


@role_required(*STAFF_ROLES)
@require_safe
def licence_list(request):
    filterset, queryset = _filtered(request)
    ordering = LICENCE_SORTS.ordering(request.GET)
    page = keyset_page(queryset, ordering, request.GET)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "partial": partial,
        "filterset": filterset,
        "page": page,
        "count": count_rows(queryset),
        "page_links": page.links(request.GET),
        "sort_links": LICENCE_SORTS.links(request.GET, ordering),
        "ordering": ordering,
        "export_query": query_string(request.GET) if filterset.is_valid() else None,
        "show_city": shows_city(request.user),
    }
    template = "licensing/licence_list.html"
    response = render(request, f"{template}#results" if partial else template, context)
    if partial:  # the address bar shows the list's URL without the form's empty fields
        push_url(response, request.path + query_string(request.GET, keep_position=True))
    patch_vary_headers(response, ["HX-Request"])
    return response


@role_required(*STAFF_ROLES)
@require_safe
def licence_export(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    _filterset, queryset = _filtered(request)
    ordered = queryset.order_by(*LICENCE_SORTS.ordering(request.GET).order_by())
    return export_response(ordered, licence_columns(), file_format=file_format, name="perizinan")
