from django.core.paginator import Paginator
from django.shortcuts import render

from registry import selectors
from sentra_portal.audit import history_for
from sentra_portal.constants import STAFF_ROLES
from sentra_portal.scoping import role_required

PAGE_SIZE = 25


@role_required(*STAFF_ROLES)
def sentra_list(request):
    page = Paginator(selectors.sentra_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/sentra_list.html", {"page": page})


def sentra_detail(request, pk):
    sentra = selectors.sentra_detail(user=request.user, pk=pk)
    context = {
        "sentra": sentra,
        "members": selectors.sentra_members(user=request.user, sentra=sentra),
        "history": history_for(sentra),
    }
    return render(request, "registry/sentra_detail.html", context)


@role_required(*STAFF_ROLES)
def ikm_list(request):
    page = Paginator(selectors.ikm_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/ikm_list.html", {"page": page})


def ikm_detail(request, pk):
    ikm = selectors.ikm_detail(user=request.user, pk=pk)
    context = {"ikm": ikm, "history": history_for(ikm)}
    return render(request, "registry/ikm_detail.html", context)
