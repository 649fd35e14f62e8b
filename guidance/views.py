"""The home page of each role, and guidance cases: asking for help, the staff's work queues,
the case page with the actions each role may take, and the administrator's overdue limits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guidance import selectors, services
from guidance.actions import ACTIONS, offered_actions
from guidance.constants import DEFAULT_OVERDUE_DAYS, CaseQueue
from guidance.filters import CASE_SORTS, CaseQueueFilter, queues_for
from guidance.forms import CaseRequestForm, OverdueRulesForm
from guidance.models import Case
from guidance.permissions import SUPERVISING_ROLES, CaseAccess
from licensing import selectors as licensing_selectors
from licensing.dates import office_today
from licensing.models import LicenceType
from licensing.standing import EXPIRES_SOON_DAYS, licence_standing
from registry import selectors as registry_selectors
from registry.models import Ikm
from sentra_portal.constants import CITY_STAFF_ROLES, STAFF_ROLES, Role
from sentra_portal.pagination import count_rows, keyset_page, query_string
from sentra_portal.scoping import role_required


@require_safe
def home(request):
    """The landing page of each role: an owner's own IKMs, staff's jurisdiction in figures."""
    user = request.user
    if user.is_ikm_owner:
        return _owner_home(request)
    context = {
        "figures": registry_selectors.jurisdiction_figures(user=user),
        "expiring_soon": licensing_selectors.licences_expiring(
            user=user, within_days=EXPIRES_SOON_DAYS
        ).count(),
        "open_cases": selectors.open_case_count(user=user),
        "expires_soon_days": EXPIRES_SOON_DAYS,
    }
    return render(request, "guidance/home_staff.html", context)


def _owner_home(request):
    today = office_today()
    ikms = list(selectors.owner_home(user=request.user, today=today))
    for ikm in ikms:
        for licence in ikm.current_licences:
            licence.standing = licence_standing(
                licence, today, renewal_under_way=licence.renewal_under_way
            )
        # What needs the owner first: the licences that need attention, then the others.
        ikm.current_licences.sort(key=lambda licence: not licence.standing.needs_attention)
    return render(request, "guidance/home_owner.html", {"ikms": ikms})


def _requestable_ikms(user):
    if user.is_ikm_owner:
        return Ikm.objects.visible_to(user).order_by("name", "pk")
    return Ikm.objects.editable_by(user).order_by("name", "pk")


@role_required(*CITY_STAFF_ROLES, Role.IKM_OWNER)
@require_http_methods(["GET", "POST"])
def case_request(request):
    """Ask the office for help (an owner), or open a case on an IKM's behalf (staff).

    ``?ikm=<pk>`` and ``?jenis=<licence type code>`` fill the form in, as the owner's home links
    from a licence that needs attention.
    """
    ikms = _requestable_ikms(request.user)
    initial = {}
    if request.GET.get("ikm", "").isdigit():
        initial["ikm"] = request.GET["ikm"]
    if request.GET.get("jenis"):
        initial["licence_type"] = LicenceType.objects.filter(code=request.GET["jenis"]).first()
    form = CaseRequestForm(request.POST or None, ikms=ikms, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_request(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent. The office will contact you soon."))
            return redirect(case)
    return render(request, "guidance/case_request.html", {"form": form})


@role_required(*STAFF_ROLES)
@require_safe
def case_list(request):
    """The staff's work queues: mine, unassigned, overdue, all open, closed; each row with its
    days open. Supervisors and administrators also see the load of each officer."""
    user = request.user
    today = office_today()
    filterset = CaseQueueFilter(
        request.GET, queryset=selectors.case_queue(user=user, today=today), user=user
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    ordering = CASE_SORTS.ordering(request.GET)
    page = keyset_page(queryset, ordering, request.GET)
    chosen = filterset.chosen_queue
    context = {
        "filterset": filterset,
        "queue": chosen,
        "queue_label": CaseQueue(chosen).label if chosen in CaseQueue.values else "",
        "queue_tabs": [
            (value, label, query_string(request.GET, queue=value))
            for value, label in queues_for(user)
        ],
        "page": page,
        "count": count_rows(queryset),
        "page_links": page.links(request.GET),
        "sort_links": CASE_SORTS.links(request.GET, ordering),
        "ordering": ordering,
        "may_open_case": user.role in CITY_STAFF_ROLES,
        "load": selectors.officer_load(user=user, today=today)
        if user.role in SUPERVISING_ROLES
        else None,
        "may_set_limits": user.role == Role.ADMINISTRATOR,
        "show_city": registry_selectors.shows_city(user),
    }
    return render(request, "guidance/case_list.html", context)


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _render_detail(request, case: Case, *, failed=None):
    """The case page. `failed` is an (action, bound form) whose errors to show, open."""
    access = CaseAccess(request.user, case)
    offered = offered_actions(access)
    if failed and failed[0] not in offered:
        offered.append(failed[0])  # to show why it was refused
    actions = [
        (action, failed[1] if failed and failed[0] is action else action.form(case))
        for action in offered
    ]
    context = {
        "case": case,
        "entries": selectors.case_entries(case=case),
        "licences": case.licences.all(),
        "actions": actions,
        # How long the office may take is the office's business: not shown to owners.
        "show_overdue": not request.user.is_ikm_owner,
    }
    return render(request, "guidance/case_detail.html", context)


@require_safe
def case_detail(request, pk):
    return _render_detail(request, selectors.case_detail(user=request.user, pk=pk))


@role_required(*CITY_STAFF_ROLES, Role.IKM_OWNER)
@require_POST
def case_action(request, pk, action):
    """Perform one action of the case page; a refused one shows the page with its form open
    and the reason (a lifecycle step the case cannot take now is one)."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    case = selectors.case_detail(user=request.user, pk=pk)
    form = step.form(case, request.POST, request.FILES)
    if form.is_valid():
        try:
            step.perform(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:  # InvalidTransition is one too
            _form_errors(form, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": step.label})
            return redirect(case)
    return _render_detail(request, case, failed=(step, form))


@require_safe
def case_document_download(request, case_pk, pk):
    """A case's document, to whoever may see the case; 404 to everyone else."""
    document = selectors.case_document(user=request.user, case_pk=case_pk, pk=pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def overdue_rules(request):
    """The administrator sets after how many days an open case of each goal is overdue."""
    organisation = request.user.organisation
    form = OverdueRulesForm(
        request.POST or None,
        days_by_goal=selectors.overdue_days_by_goal(organisation=organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.overdue_rules_set(actor=request.user, days_by_goal=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The limits are saved."))
            return redirect("guidance:overdue_rules")
    context = {"form": form, "default_days": DEFAULT_OVERDUE_DAYS}
    return render(request, "guidance/overdue_rules.html", context)
