"""An IKM's products and yearly data (pendataan): added and corrected by city staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registry import selectors_records as selectors
from registry import services
from registry.forms import ProductForm, SnapshotForm
from registry.models import Ikm
from registry.views.editing import add_service_errors, render_form
from sentra_portal.constants import CITY_STAFF_ROLES
from sentra_portal.scoping import get_editable_or_404, role_required


def _saved_or_form(request, form, save, *, ikm, heading, done):
    """Save a valid form through `save(cleaned_data)` and go back to the IKM; otherwise (or
    when the service refuses) show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(ikm)
    return render_form(request, form=form, heading=heading, cancel_url=ikm.get_absolute_url())


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def product_create(request, pk):
    ikm = get_editable_or_404(Ikm, request.user, pk=pk)
    return _saved_or_form(
        request,
        ProductForm(request.POST or None),
        lambda fields: services.product_add(actor=request.user, ikm=ikm, **fields),
        ikm=ikm,
        heading=_("New product of %(ikm)s") % {"ikm": ikm.name},
        done=_("The product is added."),
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def product_edit(request, ikm_pk, pk):
    ikm = get_editable_or_404(Ikm, request.user, pk=ikm_pk)
    product = selectors.product_for_edit(user=request.user, ikm=ikm, pk=pk)
    return _saved_or_form(
        request,
        ProductForm(request.POST or None, instance=product),
        lambda fields: services.product_update(actor=request.user, product=product, **fields),
        ikm=ikm,
        heading=_("Edit the product %(product)s") % {"product": product.name},
        done=_("The product is saved."),
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def snapshot_create(request, pk):
    ikm = get_editable_or_404(Ikm, request.user, pk=pk)
    return _saved_or_form(
        request,
        SnapshotForm(request.POST or None, ikm=ikm),
        lambda fields: services.snapshot_record(actor=request.user, ikm=ikm, **fields),
        ikm=ikm,
        heading=_("Yearly data of %(ikm)s") % {"ikm": ikm.name},
        done=_("The yearly data is recorded."),
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def snapshot_edit(request, pk, year):
    ikm = get_editable_or_404(Ikm, request.user, pk=pk)
    snapshot = selectors.snapshot_for_edit(user=request.user, ikm=ikm, year=year)
    return _saved_or_form(
        request,
        SnapshotForm(request.POST or None, instance=snapshot, ikm=ikm),
        lambda fields: services.snapshot_record(actor=request.user, ikm=ikm, **fields),
        ikm=ikm,
        heading=_("Correct the %(year)s data of %(ikm)s") % {"year": year, "ikm": ikm.name},
        done=_("The yearly data is corrected."),
    )
