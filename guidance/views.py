"""The home page of each role, and guidance requests: asking for help and following it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guidance import selectors, services
from guidance.forms import CaseRequestForm
from licensing import selectors as licensing_selectors
from licensing.dates import office_today
from licensing.models import LicenceType
from licensing.standing import EXPIRES_SOON_DAYS, licence_standing
from registry import selectors as registry_selectors
from registry.models import Ikm
from sentra_portal.constants import CITY_STAFF_ROLES, STAFF_ROLES, Role
from sentra_portal.pagination import SortKey, SortOptions, keyset_page
from sentra_portal.scoping import role_required

CASE_SORTS = SortOptions(
    SortKey("created", "created_at", descending_first=True), default="-created"
)


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
    ordering = CASE_SORTS.ordering(request.GET)
    page = keyset_page(selectors.open_cases(user=request.user), ordering, request.GET)
    context = {
        "page": page,
        "page_links": page.links(request.GET),
        "may_open_case": request.user.role in CITY_STAFF_ROLES,
    }
    return render(request, "guidance/case_list.html", context)


@require_safe
def case_detail(request, pk):
    case = selectors.case_detail(user=request.user, pk=pk)
    context = {"case": case, "entries": selectors.case_entries(case=case)}
    return render(request, "guidance/case_detail.html", context)
