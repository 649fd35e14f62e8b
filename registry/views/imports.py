"""Importing IKMs from a spreadsheet: template, upload, preview with every row's errors,
then one all-or-nothing confirmation. City staff only; an upload is its uploader's alone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registry import selectors
from registry.imports import checking, files
from registry.imports.columns import COLUMNS
from registry.imports.forms import UploadForm
from registry.imports.template import template_csv, template_xlsx
from sentra_portal.constants import CITY_STAFF_ROLES
from sentra_portal.scoping import role_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATES = {
    files.XLSX: (template_xlsx, XLSX_TYPE),
    files.CSV: (template_csv, "text/csv; charset=utf-8"),
}
SHOW = ("all", checking.ERROR, "existing")
# Each per-row choice is a POST field; Django refuses requests of more than 1,000 fields.
MAX_ROW_CHOICES = 500
SUMMARY_KEY = "ikm_import_summary"
SUMMARY_LINKS = 100


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def ikm_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_id = files.store(request.user, form.cleaned_data["file"], form.kind)
        return redirect("registry:ikm_import_preview", upload_id=upload_id)
    return render(request, "registry/import_upload.html", {"form": form, "columns": COLUMNS})


@role_required(*CITY_STAFF_ROLES)
def ikm_import_template(request, kind):
    if kind not in TEMPLATES:
        raise Http404(_("Not found."))
    build, content_type = TEMPLATES[kind]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="template-import-ikm.{kind}"'
    return response


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def ikm_import_preview(request, upload_id):
    path, kind = files.find(request.user, upload_id)
    if request.method == "POST" and "discard" in request.POST:
        files.discard(path)
        messages.info(request, _("The file was discarded; nothing was imported."))
        return redirect("registry:ikm_import")
    data = request.POST if request.method == "POST" else request.GET
    update_all = data.get("existing") == checking.UPDATE
    try:
        with default_storage.open(path, "rb") as handle:
            sheet = files.read_sheet(handle, kind)
    except ValidationError as error:
        files.discard(path)
        messages.error(request, " ".join(error.messages))
        return redirect("registry:ikm_import")
    if request.method == "POST":
        outcome = checking.commit(
            actor=request.user,
            sheet=sheet,
            plan=request.POST.get("plan", ""),
            update_all=update_all,
            choices=_row_choices(request.POST),
        )
        if outcome.committed:
            files.discard(path)
            _keep_summary(request, upload_id, outcome)
            return redirect("registry:ikm_import_done", upload_id=upload_id)
        preview = outcome.preview
        messages.error(request, _message_for(outcome))
    else:
        preview = checking.check(actor=request.user, sheet=sheet, update_all=update_all)
    show = data.get("show") if data.get("show") in SHOW else "all"
    context = {
        "preview": preview,
        "rows": _shown(preview.rows, show),
        "show": show,
        "update_all": update_all,
        "row_choices": len(preview.existing_rows) <= MAX_ROW_CHOICES,
        "max_row_choices": MAX_ROW_CHOICES,
        "upload_id": upload_id,
    }
    return render(request, "registry/import_preview.html", context)


@role_required(*CITY_STAFF_ROLES)
def ikm_import_done(request, upload_id):
    summary = request.session.get(SUMMARY_KEY)
    if not summary or summary["upload"] != str(upload_id):
        raise Http404(_("Not found."))
    visible = selectors.ikm_list(user=request.user)
    context = {
        "summary": summary,
        "created": visible.filter(pk__in=summary["created_ids"]),
        "updated": visible.filter(pk__in=summary["updated_ids"]),
    }
    return render(request, "registry/import_done.html", context)


def _row_choices(data) -> dict[int, bool]:
    """The per-row choices (row-<line> = update or skip) that came with the confirmation."""
    return {
        int(name.removeprefix("row-")): value == checking.UPDATE
        for name, value in data.items()
        if name.startswith("row-") and name.removeprefix("row-").isdigit()
    }


def _shown(rows, show):
    if show == checking.ERROR:
        return [row for row in rows if row.errors]
    if show == "existing":
        return [row for row in rows if row.existing and not row.errors]
    return rows


def _message_for(outcome) -> str:
    if outcome.changed:
        return _(
            "Nothing was imported: the registry changed since you checked this file. "
            "Look at the rows again and confirm."
        )
    return _(
        "Nothing was imported: some rows have errors. Fix them in the file and upload it again."
    )


def _keep_summary(request, upload_id, outcome) -> None:
    request.session[SUMMARY_KEY] = {
        "upload": str(upload_id),
        "created": len(outcome.created),
        "updated": len(outcome.updated),
        "skipped": outcome.preview.counts[checking.SKIP],
        "created_ids": [ikm.pk for ikm in outcome.created[:SUMMARY_LINKS]],
        "updated_ids": [ikm.pk for ikm in outcome.updated[:SUMMARY_LINKS]],
    }
