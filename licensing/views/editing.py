"""Recording a licence for an IKM, and correcting a recorded one: forms for city staff.

The status of a recorded licence changes only through the actions on its page; these forms
create a licence in the status it has reached (planned, applied or issued, each step on its
timeline) and correct its number, dates and details.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from licensing import services
from licensing.forms import LicenceEditForm, LicenceRecordForm
from licensing.models import Licence, LicenceType
from registry.models import Ikm
from registry.views.editing import add_service_errors, rebase_on_conflict
from sentra_portal.constants import CITY_STAFF_ROLES
from sentra_portal.errors import EditConflict
from sentra_portal.scoping import get_editable_or_404, role_required

# Query parameters that preselect fields of the new licence (from the coverage matrix,
# the readiness check, or the type list refreshing the form).
PRESELECTED = ("product", "status")


def _chosen_type(request) -> LicenceType | None:
    """The type the POST names, or the one `?type=` (or the form's own field) preselects."""
    if request.method == "POST":
        code = request.POST.get("licence_type")
    else:
        code = request.GET.get("type") or request.GET.get("licence_type")
    return LicenceType.objects.filter(pk=code).first() if code else None


def _render(request, *, form, heading, ikm, cancel_url, conflict=None):
    context = {
        "form": form,
        "groups": form.groups(),
        "heading": heading,
        "ikm": ikm,
        "cancel_url": cancel_url,
        "conflict": conflict,
    }
    return render(request, "licensing/licence_form.html", context)


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def licence_create(request, ikm_pk):
    ikm = get_editable_or_404(Ikm, request.user, pk=ikm_pk)
    kind = _chosen_type(request)
    initial = {name: request.GET[name] for name in PRESELECTED if request.GET.get(name)}
    form = LicenceRecordForm(
        request.POST if request.method == "POST" else None,
        ikm=ikm,
        licence_type=kind,
        initial=initial,
        refresh_url=request.path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.licence_record(actor=request.user, ikm=ikm, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The licence is recorded: %(licence)s.") % {"licence": licence}
            )
            return redirect(licence)
    return _render(
        request,
        form=form,
        heading=_("New licence of %(ikm)s") % {"ikm": ikm.name},
        ikm=ikm,
        cancel_url=ikm.get_absolute_url(),
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def licence_edit(request, pk):
    queryset = Licence.objects.select_related("ikm", "product", "licence_type")
    licence = get_editable_or_404(queryset, request.user, pk=pk)
    heading = _("Edit %(name)s") % {"name": licence}
    form = LicenceEditForm(request.POST or None, instance=licence)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.licence_update(
                actor=request.user,
                licence=licence,
                version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except EditConflict as error:
            error.current = queryset.get(pk=pk)
            form, conflict = rebase_on_conflict(form, error, LicenceEditForm)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The licence is saved."))
            return redirect(licence)
    return _render(
        request,
        form=form,
        heading=heading,
        ikm=licence.ikm,
        cancel_url=licence.get_absolute_url(),
        conflict=conflict,
    )
