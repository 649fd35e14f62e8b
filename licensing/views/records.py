"""The licence page: facts, status timeline, documents, history, and the officer's actions.

Actions and uploads are POST forms on the same page; a form with errors is shown again on
the page, open, with its errors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from licensing import selectors, services
from licensing.actions import ACTIONS, offered_actions
from licensing.constants import ExtraField
from licensing.dates import office_today
from licensing.forms import DocumentUploadForm
from licensing.models import Licence
from licensing.tkdn import gets_price_preference, government_must_buy
from sentra_portal.audit import history_for
from sentra_portal.constants import CITY_STAFF_ROLES, Role
from sentra_portal.scoping import get_editable_or_404, role_required


def _extra_facts(licence: Licence) -> list[tuple[str, object]]:
    """(label, value) of each extra field the licence's type uses: choices as labels,
    None when empty."""
    facts = []
    for name in licence.licence_type.extra_fields:
        if name == ExtraField.DISTRIBUTION_PERMIT:
            continue  # shown as a link of its own
        field = Licence._meta.get_field(name)
        value = getattr(licence, name)
        if value in (None, ""):
            value = None
        elif field.choices:
            value = getattr(licence, f"get_{name}_display")()
        facts.append((field.verbose_name, value))
    return facts


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _render_detail(request, licence: Licence, *, failed=None, upload_form=None):
    today = office_today()
    may_edit = Licence.objects.editable_by(request.user).filter(pk=licence.pk).exists()
    actions = []
    if may_edit:
        offered = offered_actions(licence, today)
        if failed and failed[0] not in offered:
            offered.append(failed[0])  # to show why it was refused
        for action in offered:
            form = failed[1] if failed and failed[0] is action else action.form(licence)
            actions.append((action, form))
    tkdn = None
    if licence.licence_type.uses(ExtraField.TKDN_PERCENT):
        tkdn = {
            "price_preference": gets_price_preference(licence.tkdn_percent),
            "must_buy": government_must_buy(licence.tkdn_percent, licence.bmp_percent),
        }
    context = {
        "licence": licence,
        "extra_facts": _extra_facts(licence),
        "tkdn": tkdn,
        "status_changes": selectors.licence_status_changes(licence=licence),
        "documents": selectors.licence_documents(licence=licence),
        "history": history_for(licence),
        "actions": actions,
        "may_edit": may_edit,
        "may_upload": may_edit or request.user.is_ikm_owner,
        "upload_form": upload_form or DocumentUploadForm(),
    }
    return render(request, "licensing/licence_detail.html", context)


@require_safe
def licence_detail(request, pk):
    return _render_detail(request, selectors.licence_detail(user=request.user, pk=pk))


@role_required(*CITY_STAFF_ROLES)
@require_POST
def licence_action(request, pk, action):
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    get_editable_or_404(Licence, request.user, pk=pk)
    licence = selectors.licence_detail(user=request.user, pk=pk)
    form = step.form(licence, request.POST)
    if form.is_valid():
        try:
            result = step.perform(actor=request.user, licence=licence, **form.cleaned_data)
        except ValidationError as error:  # InvalidTransition is one too
            _form_errors(form, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": step.label})
            return redirect(result)
    return _render_detail(request, licence, failed=(step, form))


@role_required(*CITY_STAFF_ROLES, Role.IKM_OWNER)
@require_POST
def document_upload(request, pk):
    licence = selectors.licence_detail(user=request.user, pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.licence_document_upload(
                actor=request.user, licence=licence, uploaded_file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The document was added."))
            return redirect(licence)
    return _render_detail(request, licence, upload_form=form)


@require_safe
def document_download(request, licence_pk, pk):
    """A licence's document, to whoever may see the licence; 404 to everyone else."""
    document = selectors.licence_document(user=request.user, licence_pk=licence_pk, pk=pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )
