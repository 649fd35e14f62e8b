"""IKM owners: city staff give an owner an account; the owner proposes changes to their
contact details and products; city staff accept or reject each proposal."""

import re
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registry import selectors_records as selectors
from registry import services
from registry.constants import ProposalKind, ProposalStatus
from registry.forms import (
    ContactProposalForm,
    DecisionForm,
    OwnerAccountForm,
    ProductProposalForm,
)
from registry.models import Ikm, Product
from registry.views.editing import add_service_errors, render_form
from sentra_portal.constants import CITY_STAFF_ROLES, Role
from sentra_portal.scoping import get_editable_or_404, get_visible_or_404, role_required

QUEUE_PAGE_SIZE = 50
DECISIONS = {"accept": services.proposal_accept, "reject": services.proposal_reject}


# Owner accounts (city staff)


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def owner_account_create(request, pk):
    ikm = get_editable_or_404(Ikm, request.user, pk=pk)
    form = OwnerAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            owner, link = services.owner_account_invite(
                actor=request.user,
                ikm=ikm,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The link is shown this once: not in a redirect, not cached.
            context = {"ikm": ikm, "owner": owner, "link": link, "whatsapp_url": None}
            if owner.phone:
                context["whatsapp_url"] = _whatsapp_url(owner.phone, link)
            response = render(request, "registry/owner_account_created.html", context)
            add_never_cache_headers(response)
            return response
    return render_form(
        request,
        form=form,
        heading=_("Owner account for %(ikm)s") % {"ikm": ikm.name},
        cancel_url=ikm.get_absolute_url(),
    )


def _whatsapp_url(phone: str, link: str) -> str:
    """A wa.me link that opens a chat with the owner, the invitation typed in."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0"):
        digits = f"62{digits[1:]}"
    text = _("Your Sentra Portal account: open this link to choose your password: %(link)s")
    return f"https://wa.me/{digits}?text={quote(text % {'link': link})}"


# Proposals (owners)


def _submitted_or_form(request, form, *, ikm, kind, product=None, heading):
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(
                actor=request.user,
                ikm=ikm,
                kind=kind,
                product=product,
                changes=form.proposed_changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your proposal is sent. The office will review it and decide.")
            )
            return redirect(ikm)
    return render_form(request, form=form, heading=heading, cancel_url=ikm.get_absolute_url())


@role_required(Role.IKM_OWNER)
@require_http_methods(["GET", "POST"])
def contact_proposal(request, pk):
    ikm = get_visible_or_404(Ikm, request.user, pk=pk)
    return _submitted_or_form(
        request,
        ContactProposalForm(request.POST or None, instance=ikm),
        ikm=ikm,
        kind=ProposalKind.CONTACT,
        heading=_("Propose new contact details for %(ikm)s") % {"ikm": ikm.name},
    )


@role_required(Role.IKM_OWNER)
@require_http_methods(["GET", "POST"])
def product_proposal(request, pk):
    ikm = get_visible_or_404(Ikm, request.user, pk=pk)
    return _submitted_or_form(
        request,
        ProductProposalForm(request.POST or None),
        ikm=ikm,
        kind=ProposalKind.PRODUCT,
        heading=_("Propose a new product for %(ikm)s") % {"ikm": ikm.name},
    )


@role_required(Role.IKM_OWNER)
@require_http_methods(["GET", "POST"])
def product_change_proposal(request, ikm_pk, pk):
    ikm = get_visible_or_404(Ikm, request.user, pk=ikm_pk)
    product = get_visible_or_404(Product, request.user, ikm=ikm, pk=pk)
    return _submitted_or_form(
        request,
        ProductProposalForm(request.POST or None, instance=product),
        ikm=ikm,
        kind=ProposalKind.PRODUCT,
        product=product,
        heading=_("Propose changes to %(product)s") % {"product": product.name},
    )


# Review (city staff)


@role_required(*CITY_STAFF_ROLES)
def proposal_queue(request):
    page = Paginator(selectors.proposal_queue(user=request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/proposal_queue.html", {"page": page})


@role_required(*CITY_STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    proposal = selectors.proposal_for_review(user=request.user, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = DECISIONS.get(request.POST.get("decision"))
        if decide is None:
            form.add_error(None, _("Choose to accept or to reject the proposal."))
        else:
            try:
                decide(
                    actor=request.user, proposal=proposal, note=form.cleaned_data["decision_note"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
                proposal = selectors.proposal_for_review(user=request.user, pk=pk)
            else:
                messages.success(request, _("The proposal is decided; the owner can see it."))
                return redirect("registry:proposal_queue")
    context = {
        "proposal": proposal,
        "changes": selectors.proposed_changes(proposal),
        "form": form,
        "pending": proposal.status == ProposalStatus.PENDING,
    }
    return render(request, "registry/proposal_review.html", context)
