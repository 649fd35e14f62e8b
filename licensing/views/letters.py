"""The letters an office issues: the letterhead settings, issuing a recommendation letter from
an IKM's page, the office's list of letters, and each letter's PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from licensing import selectors_letters as selectors
from licensing import services
from licensing.forms_letters import (
    OfficeLetterheadForm,
    RecommendationLetterForm,
    brand_of,
    letterhead_initial,
)
from licensing.letters import render_recommendation_letter
from registry.models import Ikm
from registry.selectors import shows_city
from registry.views.editing import add_service_errors, rebase_on_conflict
from sentra_portal.audit import history_for
from sentra_portal.constants import CITY_STAFF_ROLES, STAFF_ROLES, Role
from sentra_portal.errors import EditConflict
from sentra_portal.pagination import SortKey, SortOptions, keyset_page
from sentra_portal.scoping import get_editable_or_404, role_required

# Newest first, in the order they were issued.
LETTER_SORTS = SortOptions(SortKey("issued", "id", value_type=int), default="-issued")


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def letterhead_edit(request):
    letterhead = selectors.office_letterhead(user=request.user)
    initial = None if letterhead else letterhead_initial(request.user.organisation)
    form = OfficeLetterheadForm(request.POST or None, instance=letterhead, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.office_letterhead_save(
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
                **form.service_fields(),
            )
        except EditConflict as error:
            form, conflict = rebase_on_conflict(form, error, OfficeLetterheadForm)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The letterhead and signatory are saved."))
            return redirect("licensing:letterhead_edit")
    context = {
        "form": form,
        "conflict": conflict,
        "letterhead": letterhead,
        "history": history_for(letterhead) if letterhead else [],
    }
    return render(request, "licensing/letterhead_form.html", context)


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def letter_create(request, ikm_pk):
    ikm = get_editable_or_404(Ikm.objects.select_related("city"), request.user, pk=ikm_pk)
    if request.method == "POST":
        form = RecommendationLetterForm(request.POST, ikm=ikm)
        if form.is_valid():
            try:
                letter = services.recommendation_letter_issue(
                    actor=request.user, ikm=ikm, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(letter)
    else:
        form = RecommendationLetterForm(ikm=ikm, initial=_prefill(request, ikm))
    letterhead = selectors.office_letterhead(user=request.user)
    context = {
        "ikm": ikm,
        "form": form,
        "refusal": services.letter_refusal(ikm),
        "missing_letterhead": None if letterhead else services.missing_letterhead_message(),
        "letterhead_url": reverse("licensing:letterhead_edit"),
        "may_set_letterhead": request.user.role == Role.ADMINISTRATOR,
        "trademarks": list(form.fields["licence"].queryset),
    }
    return render(request, "licensing/letter_form.html", context)


def _prefill(request, ikm: Ikm) -> dict:
    """The form's values from the trademark record named by ?licence=, else the newest."""
    records = selectors.trademark_licences(ikm=ikm)
    chosen = None
    if request.GET.get("licence", "").isdigit():
        chosen = records.filter(pk=request.GET["licence"]).first()
    chosen = chosen or records.first()
    if chosen is None:
        return {}
    return {"licence": chosen.pk, "brand": brand_of(chosen), "nice_class": chosen.nice_class}


@role_required(*STAFF_ROLES)
@require_safe
def letter_list(request):
    years = selectors.letter_years(user=request.user)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    ordering = LETTER_SORTS.ordering(request.GET)
    page = keyset_page(selectors.letter_list(user=request.user, year=year), ordering, request.GET)
    context = {
        "page": page,
        "page_links": page.links(request.GET),
        "years": years,
        "year": year,
        "show_city": shows_city(request.user),
        "letterhead_url": (
            reverse("licensing:letterhead_edit")
            if request.user.role == Role.ADMINISTRATOR
            else None
        ),
    }
    return render(request, "licensing/letter_list.html", context)


@require_safe
def letter_pdf(request, pk):
    """The letter's PDF, drawn from its record, shown in the browser; 404 to anyone who may
    not see it (another city's staff, the owners of other IKMs)."""
    letter = selectors.letter_detail(user=request.user, pk=pk)
    response = HttpResponse(render_recommendation_letter(letter), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, letter.filename)
    response["Cache-Control"] = "private, no-cache"
    return response
