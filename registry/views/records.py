"""Sentra and IKM pages: detail (everyone who may see the record), create and edit (city
staff), and the sentra's photo, served from private storage after the same scope check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registry import panels, services
from registry import selectors_records as selectors
from registry.forms import IkmForm, SentraForm
from registry.views.editing import add_service_errors, rebase_on_conflict, render_form
from sentra_portal.audit import history_for
from sentra_portal.constants import CITY_STAFF_ROLES
from sentra_portal.errors import EditConflict
from sentra_portal.scoping import role_required
from sentra_portal.uploads import detect_kind

PHOTO_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}


# Sentras


def sentra_detail(request, pk):
    user = request.user
    sentra = selectors.sentra_detail(user=user, pk=pk)
    members = selectors.sentra_members(user=user, sentra=sentra)
    context = {
        "sentra": sentra,
        "members": members,
        "summary": selectors.member_summary(sentra=sentra, members=members),
        "can_edit": selectors.can_edit(user, sentra),
        "history": history_for(sentra),
        "panels": panels.sentra_panels(request, sentra),
    }
    return render(request, "registry/sentra_detail.html", context)


def sentra_photo(request, pk):
    sentra = selectors.sentra_photo(user=request.user, pk=pk)
    if not sentra.photo:
        raise Http404(_("Not found."))
    try:
        handle = sentra.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Not found.")) from error
    content_type = PHOTO_TYPES.get(detect_kind(handle))
    if content_type is None:
        handle.close()
        raise Http404(_("Not found."))
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def sentra_create(request):
    form = SentraForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            sentra = services.sentra_register(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The sentra is registered."))
            return redirect(sentra)
    return render_form(
        request,
        form=form,
        heading=_("Register a sentra"),
        cancel_url=reverse("registry:sentra_list"),
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def sentra_edit(request, pk):
    sentra = selectors.sentra_for_edit(user=request.user, pk=pk)
    name = sentra.name
    form = SentraForm(
        request.POST or None, request.FILES or None, instance=sentra, user=request.user
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.sentra_update(
                actor=request.user,
                sentra=sentra,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except EditConflict as error:
            form, conflict = rebase_on_conflict(
                form, error, lambda **kwargs: SentraForm(user=request.user, **kwargs)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The sentra is saved."))
            return redirect(sentra)
    return render_form(
        request,
        form=form,
        heading=_("Edit %(name)s") % {"name": name},
        cancel_url=sentra.get_absolute_url(),
        conflict=conflict,
    )


# IKMs


def ikm_detail(request, pk):
    user = request.user
    ikm = selectors.ikm_detail(user=user, pk=pk)
    context = {
        "ikm": ikm,
        "timeline": selectors.yearly_timeline(ikm=ikm),
        "proposals": selectors.ikm_proposals(user=user, ikm=ikm),
        "can_edit": selectors.can_edit(user, ikm),
        "can_propose": user.is_ikm_owner,
        "can_open_sentra": ikm.sentra is not None and selectors.can_view(user, ikm.sentra),
        "history": None if user.is_ikm_owner else history_for(ikm),
        "panels": panels.ikm_panels(request, ikm),
    }
    return render(request, "registry/ikm_detail.html", context)


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def ikm_create(request):
    form = IkmForm(
        request.POST or None, user=request.user, initial={"sentra": request.GET.get("sentra")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            ikm = services.ikm_register(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The IKM is registered."))
            return redirect(ikm)
    return render_form(
        request, form=form, heading=_("Register an IKM"), cancel_url=reverse("registry:ikm_list")
    )


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def ikm_edit(request, pk):
    ikm = selectors.ikm_for_edit(user=request.user, pk=pk)
    name = ikm.name
    form = IkmForm(request.POST or None, instance=ikm, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.ikm_update(
                actor=request.user,
                ikm=ikm,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except EditConflict as error:
            form, conflict = rebase_on_conflict(
                form, error, lambda **kwargs: IkmForm(user=request.user, **kwargs)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The IKM is saved."))
            return redirect(ikm)
    return render_form(
        request,
        form=form,
        heading=_("Edit %(name)s") % {"name": name},
        cancel_url=ikm.get_absolute_url(),
        conflict=conflict,
    )
