"""Licences seen across records: a sentra's coverage matrix (and its export), an IKM's
e-Katalog readiness, and recording an IKM's P3DN participation.

Each page reads a fixed number of queries, whatever the number of IKMs or licences.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from licensing import selectors, services
from licensing.coverage import cell_text, coverage_matrix
from licensing.dates import office_today
from licensing.forms_p3dn import P3dnParticipationForm
from licensing.readiness import ikm_readiness
from registry import selectors_records as registry_selectors
from registry.models import Ikm, Sentra
from registry.views.editing import add_service_errors
from sentra_portal.constants import CITY_STAFF_ROLES, STAFF_ROLES
from sentra_portal.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_stream, xlsx_stream
from sentra_portal.scoping import get_editable_or_404, get_visible_or_404, may_edit, role_required

EXPORT_FORMATS = {"xlsx": XLSX_CONTENT_TYPE, "csv": CSV_CONTENT_TYPE}


# The sentra coverage matrix


def _matrix(request, sentra_pk):
    user = request.user
    today = office_today()
    sentra = get_visible_or_404(Sentra.objects.select_related("city"), user, pk=sentra_pk)
    members = registry_selectors.sentra_members(user=user, sentra=sentra)
    ids = [member.pk for member in members]
    licences = selectors.sentra_member_licences(user=user, ikm_ids=ids, today=today)
    editable = frozenset(
        Ikm.objects.editable_by(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return sentra, coverage_matrix(members, licences, today, editable_ids=editable)


@role_required(*STAFF_ROLES)
@require_safe
def sentra_coverage(request, sentra_pk):
    sentra, matrix = _matrix(request, sentra_pk)
    return render(request, "licensing/sentra_coverage.html", {"sentra": sentra, "matrix": matrix})


@role_required(*STAFF_ROLES)
@require_safe
def sentra_coverage_export(request, sentra_pk, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    sentra, matrix = _matrix(request, sentra_pk)
    headers = [_("IKM"), _("NIB"), *(str(column.label) for column in matrix.columns)]
    rows = [
        [row.ikm.name, row.ikm.nib or "", *(cell_text(cell) for cell in row.cells)]
        for row in matrix.rows
    ]
    rows.append([_("Holding it validly"), "", *(total.valid for total in matrix.totals)])
    name = f"cakupan-sentra-{sentra.pk}"
    if file_format == "xlsx":
        stream = xlsx_stream(headers, rows, sheet_name=_("Coverage"))
    else:
        stream = csv_stream(headers, rows)
    response = StreamingHttpResponse(stream, content_type=EXPORT_FORMATS[file_format])
    filename = f"{name}-{office_today().isoformat()}.{file_format}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


# e-Katalog readiness


@require_safe
def ekatalog_readiness(request, ikm_pk):
    user = request.user
    today = office_today()
    ikm = selectors.ikm_for_readiness(user=user, pk=ikm_pk)
    licences = list(selectors.ikm_licences(user=user, ikm=ikm, today=today))
    editable = may_edit(user, ikm)
    context = {
        "ikm": ikm,
        "readiness": ikm_readiness(ikm, licences, today, may_edit=editable),
        "may_edit": editable,
    }
    return render(request, "licensing/ekatalog_readiness.html", context)


# P3DN


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def p3dn_record(request, ikm_pk):
    """Record an IKM's P3DN participation. The IKM page posts its form here; a form with
    errors is shown again on this page, with the errors next to the fields."""
    ikm = get_editable_or_404(Ikm, request.user, pk=ikm_pk)
    form = P3dnParticipationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.p3dn_participation_record(actor=request.user, ikm=ikm, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The P3DN participation is recorded."))
            return redirect(f"{ikm.get_absolute_url()}#procurement-heading")
    context = {
        "form": form,
        "heading": _("Record a P3DN participation of %(name)s") % {"name": ikm.name},
        "cancel_url": ikm.get_absolute_url(),
    }
    return render(request, "registry/form_page.html", context)
