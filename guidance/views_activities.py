"""Guidance activities (kegiatan pembinaan): the list, the activity page, the forms of the
organising office (record, edit, participants, attendance, certificates) and the attendance
list to print (PDF) or to fill in a spreadsheet (XLSX).

Staff of the offices involved see an activity (`Activity.objects.visible_to`); only the
organising office changes it (`editable_by`): anyone else gets 404 on its forms.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guidance import selectors_activities as selectors
from guidance import services_activities as services
from guidance.exports import attendance_columns, render_attendance_pdf
from guidance.filters import ACTIVITY_SORTS, ActivityFilter
from guidance.forms_activities import (
    ActivityForm,
    AttendanceForm,
    CertificateForm,
    ParticipantsForm,
    ReportYearForm,
)
from guidance.reports_activities import report_table, yearly_report
from licensing.dates import office_today
from registry.views.editing import add_service_errors, rebase_on_conflict, render_form
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.errors import EditConflict
from sentra_portal.exports import export_response, table_response
from sentra_portal.pagination import count_rows, keyset_page
from sentra_portal.scoping import role_required


@role_required(*STAFF_ROLES)
@require_safe
def activity_list(request):
    filterset = ActivityFilter(request.GET, queryset=selectors.activity_list(user=request.user))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    ordering = ACTIVITY_SORTS.ordering(request.GET)
    page = keyset_page(queryset, ordering, request.GET)
    context = {
        "filterset": filterset,
        "page": page,
        "count": count_rows(queryset),
        "page_links": page.links(request.GET),
        "sort_links": ACTIVITY_SORTS.links(request.GET, ordering),
        "ordering": ordering,
    }
    return render(request, "guidance/activity_list.html", context)


@role_required(*STAFF_ROLES)
@require_safe
def activity_detail(request, pk):
    activity = selectors.activity_detail(user=request.user, pk=pk)
    participants = list(selectors.activity_participants(activity=activity))
    context = {
        "activity": activity,
        "participants": participants,
        "attended_count": sum(1 for p in participants if p.attended),
        "can_edit": selectors.can_edit(request.user, activity),
    }
    return render(request, "guidance/activity_detail.html", context)


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def activity_create(request):
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render_form(
        request,
        form=form,
        heading=_("Record an activity"),
        cancel_url=reverse("guidance:activity_list"),
    )


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = selectors.activity_for_edit(user=request.user, pk=pk)
    title = activity.title
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user,
                activity=activity,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except EditConflict as error:
            form, conflict = rebase_on_conflict(
                form, error, lambda **kwargs: ActivityForm(user=request.user, **kwargs)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render_form(
        request,
        form=form,
        heading=_("Edit %(title)s") % {"title": title},
        cancel_url=activity.get_absolute_url(),
        conflict=conflict,
    )


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def activity_participants(request, pk):
    """Search the registry (GET ``?q=``) and tick the IKMs to add (POST): works without JS."""
    user = request.user
    activity = selectors.activity_for_edit(user=user, pk=pk)
    query = request.GET.get("q", "").strip()[:100]
    form = ParticipantsForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.participants_add(
                actor=user, activity=activity, ikms=form.cleaned_data["ikms"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Participants added: %(count)d.") % {"count": len(added)})
            return redirect(activity)
    context = {
        "activity": activity,
        "form": form,
        "query": query,
        "candidates": list(
            selectors.participant_candidates(user=user, activity=activity, query=query)
        ),
        "limit": selectors.CANDIDATE_LIMIT,
    }
    return render(request, "guidance/activity_participants.html", context)


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def activity_attendance(request, pk):
    activity = selectors.activity_for_edit(user=request.user, pk=pk)
    participants = selectors.activity_participants(activity=activity).prefetch_related(None)
    form = AttendanceForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_mark(actor=request.user, activity=activity, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attendance is saved."))
            return redirect(activity)
    return render(
        request, "guidance/activity_attendance.html", {"activity": activity, "form": form}
    )


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def activity_certificate(request, pk, participant_pk):
    activity = selectors.activity_for_edit(user=request.user, pk=pk)
    participant = selectors.participant_of(activity=activity, pk=participant_pk)
    form = CertificateForm(
        request.POST or None,
        licences=selectors.linkable_certificates(participant=participant),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_link(
                actor=request.user, participant=participant, licence=form.cleaned_data["licence"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The certificate is linked."))
            return redirect(activity)
    return render_form(
        request,
        form=form,
        heading=_("Certificate obtained by %(ikm)s") % {"ikm": participant.ikm.name},
        cancel_url=activity.get_absolute_url(),
    )


@role_required(*STAFF_ROLES)
@require_safe
def attendance_xlsx(request, pk):
    activity = selectors.activity_detail(user=request.user, pk=pk)
    return export_response(
        selectors.attendance_rows(activity=activity),
        attendance_columns(),
        file_format="xlsx",
        name=f"daftar-hadir-{activity.pk}",
    )


@role_required(*STAFF_ROLES)
@require_safe
def attendance_pdf(request, pk):
    """The attendance list to print and have signed, shown in the browser."""
    activity = selectors.activity_detail(user=request.user, pk=pk)
    participants = selectors.activity_participants(activity=activity).prefetch_related(None)
    response = HttpResponse(
        render_attendance_pdf(activity, list(participants)), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        False, f"daftar-hadir-{activity.pk}.pdf"
    )
    response["Cache-Control"] = "private, no-cache"
    return response


REPORT_FORMATS = ("xlsx", "csv")


def _report_year(request) -> tuple[ReportYearForm, int]:
    this_year = office_today().year
    form = ReportYearForm(request.GET or None, initial={"tahun": this_year})
    return form, form.cleaned_data["tahun"] if form.is_valid() else this_year


@role_required(*STAFF_ROLES)
@require_safe
def activity_report(request):
    """The office's yearly figures for its performance report (LKjIP); ``?tahun=`` picks the
    year (this year by default)."""
    form, year = _report_year(request)
    report = yearly_report(user=request.user, year=year)
    context = {
        "form": form,
        "report": report,
        "office": request.user.organisation,
        "export_query": f"?tahun={year}",
    }
    return render(request, "guidance/activity_report.html", context)


@role_required(*STAFF_ROLES)
@require_safe
def activity_report_export(request, file_format):
    """The yearly report as a spreadsheet (XLSX or CSV), for the same ``?tahun=``."""
    if file_format not in REPORT_FORMATS:
        raise Http404
    _form, year = _report_year(request)
    headers, rows = report_table(yearly_report(user=request.user, year=year))
    return table_response(headers, rows, file_format=file_format, name=f"laporan-kegiatan-{year}")
