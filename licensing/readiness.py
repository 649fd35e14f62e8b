"""Is an IKM ready to list its products on e-Katalog (LKPP)? The rules, as pure functions.

Each rule returns a `Check`: what is required, whether it is met, and the next step when it
is not. The business needs an issued NIB; each product needs a KBLI code that is among the
IKM's KBLI codes (its NIB covers that line of business) and a valid TKDN certificate; a food
product also needs a valid distribution permit (P-IRT or BPOM MD) and a halal certificate.

A product is food when its KBLI code (or, while it has none, the IKM's primary code) lies in
KBLI 2020 divisions 10 (food) or 11 (beverages). "Valid" means issued and not past its
valid-until date on the day checked.

The functions take the records already read (the view reads the IKM with its KBLI codes and
products, and its licences, in a fixed number of queries) and read nothing themselves.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from licensing.constants import LicenceCategory, LicenceStatus
from licensing.coverage import best_licence
from licensing.standing import licence_standing

# KBLI 2020 section C: division 10 food products, division 11 beverages.
FOOD_KBLI_DIVISIONS = ("10", "11")


@dataclass(frozen=True)
class Check:
    code: str  # stable name of the rule: nib, kbli, distribution_permit, halal, tkdn
    label: str
    passed: bool
    next_step: str = ""
    link: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class ProductReadiness:
    product: object
    is_food: bool
    checks: list[Check]
    listing: object  # a valid e-Katalog listing of the product already, or None

    @property
    def ready(self) -> bool:
        return all(check.passed for check in self.checks)


@dataclass(frozen=True)
class Readiness:
    business: list[Check]
    products: list[ProductReadiness]

    @property
    def business_ready(self) -> bool:
        return all(check.passed for check in self.business)

    @property
    def ready_products(self) -> list[ProductReadiness]:
        """The products that may be listed: their checks and the business's all met."""
        if not self.business_ready:
            return []
        return [product for product in self.products if product.ready]


def is_food_kbli(code: str | None) -> bool:
    return bool(code) and code.startswith(FOOD_KBLI_DIVISIONS)


def is_food_product(product, ikm) -> bool:
    """Food by the product's KBLI code; by the IKM's primary code while the product has none."""
    if product.kbli_id:
        return is_food_kbli(product.kbli.code)
    return ikm.primary_kbli_id is not None and is_food_kbli(ikm.primary_kbli.code)


def ikm_kbli_codes(ikm) -> list:
    """The IKM's KBLI codes, primary first (the caller prefetches `other_kbli`)."""
    codes = [ikm.primary_kbli] if ikm.primary_kbli_id else []
    return codes + [kbli for kbli in ikm.other_kbli.all() if kbli.pk != ikm.primary_kbli_id]


def kbli_matches(product_kbli, ikm_kblis: Iterable) -> bool:
    """Whether the product's KBLI code is one of the IKM's (same code of the same version)."""
    return product_kbli is not None and any(kbli.pk == product_kbli.pk for kbli in ikm_kblis)


def is_valid(licence, today: datetime.date) -> bool:
    return licence.status_on(today) == LicenceStatus.ISSUED


def _of_category(licences: Iterable, category: str, product=None) -> list:
    return [
        licence
        for licence in licences
        if licence.licence_type.category == category
        and (product is None or licence.product_id == product.pk)
    ]


class _Links:
    """Where the next steps lead: the licence, or (for city staff) the form to fix it."""

    def __init__(self, ikm, may_edit: bool):
        self.ikm = ikm
        self.may_edit = may_edit

    def add_licence(self, type_code: str, product=None) -> tuple[str, str]:
        """The new-licence form with the type (and the product) preselected."""
        if not self.may_edit:
            return "", ""
        url = reverse("licensing:licence_create", args=[self.ikm.pk])
        query = f"?type={type_code}" + (f"&product={product.pk}" if product else "")
        return url + query, _("Add the licence")

    def edit_ikm(self) -> tuple[str, str]:
        if not self.may_edit:
            return "", ""
        return reverse("registry:ikm_edit", args=[self.ikm.pk]), _("Edit the IKM")

    def edit_product(self, product) -> tuple[str, str]:
        if not self.may_edit:
            return "", ""
        return (
            reverse("registry:product_edit", args=[self.ikm.pk, product.pk]),
            _("Edit the product"),
        )


def _licence_check(
    *,
    code: str,
    label: str,
    candidates: Sequence,
    today: datetime.date,
    missing_step: str,
    add_link: tuple[str, str],
) -> Check:
    """Met by a valid licence among `candidates`; otherwise the best one's next step, or
    `missing_step` when there is none."""
    best = best_licence(candidates, today)
    if best is None:
        link, link_text = add_link
        return Check(code, label, False, missing_step, link, link_text)
    link, link_text = best.get_absolute_url(), _("See the licence")
    if is_valid(best, today):
        return Check(code, label, True, "", link, link_text)
    step = licence_standing(
        best, today, renewal_under_way=getattr(best, "renewal_under_way", False)
    ).next_step
    return Check(code, label, False, step or missing_step, link, link_text)


def business_checks(ikm, licences: Sequence, today: datetime.date, *, links: _Links) -> list[Check]:
    label = _("NIB issued (OSS-RBA)")
    candidates = _of_category(licences, LicenceCategory.NIB)
    if not candidates and ikm.nib:
        link, link_text = links.add_licence("nib")
        step = _(
            "The registry has NIB %(nib)s, but no NIB licence record: the office records it "
            "as issued."
        ) % {"nib": ikm.nib}
        return [Check("nib", label, False, step, link, link_text)]
    return [
        _licence_check(
            code="nib",
            label=label,
            candidates=candidates,
            today=today,
            missing_step=_("Register the business at OSS (oss.go.id) to get a NIB."),
            add_link=links.add_licence("nib"),
        )
    ]


def kbli_check(ikm, product, *, links: _Links) -> Check:
    code, label = "kbli", _("Product KBLI among the IKM's KBLI codes")
    ikm_kblis = ikm_kbli_codes(ikm)
    if product.kbli_id is None:
        link, link_text = links.edit_product(product)
        return Check(code, label, False, _("Record the product's KBLI code."), link, link_text)
    if not ikm_kblis:
        link, link_text = links.edit_ikm()
        step = _("Record the IKM's KBLI codes, as its NIB lists them.")
        return Check(code, label, False, step, link, link_text)
    if kbli_matches(product.kbli, ikm_kblis):
        return Check(code, label, True)
    link, link_text = links.edit_ikm()
    step = _(
        "KBLI %(code)s is not among the IKM's codes: add it to the NIB at OSS and to the IKM, "
        "or correct the product's code."
    ) % {"code": product.kbli.code}
    return Check(code, label, False, step, link, link_text)


def product_checks(
    ikm, product, licences: Sequence, today: datetime.date, *, links: _Links
) -> ProductReadiness:
    own = [licence for licence in licences if licence.product_id == product.pk]
    food = is_food_product(product, ikm)
    checks = [kbli_check(ikm, product, links=links)]
    if food:
        checks.append(
            _licence_check(
                code="distribution_permit",
                label=_("Valid distribution permit (P-IRT or BPOM MD)"),
                candidates=_of_category(own, LicenceCategory.DISTRIBUTION_PERMIT),
                today=today,
                missing_step=_(
                    "Apply for a P-IRT at the city's licensing office (DPMPTSP), or for a BPOM "
                    "MD for food that needs one."
                ),
                add_link=links.add_licence("pirt", product),
            )
        )
        checks.append(
            _licence_check(
                code="halal",
                label=_("Halal certificate"),
                candidates=_of_category(own, LicenceCategory.HALAL),
                today=today,
                missing_step=_(
                    "Apply for a halal certificate at BPJPH; small businesses may self-declare."
                ),
                add_link=links.add_licence("halal", product),
            )
        )
    checks.append(
        _licence_check(
            code="tkdn",
            label=_("Valid TKDN certificate"),
            candidates=_of_category(own, LicenceCategory.TKDN),
            today=today,
            missing_step=_("Apply for a TKDN certificate at the Ministry of Industry."),
            add_link=links.add_licence("tkdn", product),
        )
    )
    listings = [
        licence
        for licence in _of_category(own, LicenceCategory.E_CATALOGUE)
        if is_valid(licence, today)
    ]
    return ProductReadiness(
        product=product, is_food=food, checks=checks, listing=best_licence(listings, today)
    )


def ikm_readiness(
    ikm, licences: Sequence, today: datetime.date, *, may_edit: bool = False
) -> Readiness:
    """The e-Katalog readiness of `ikm`: its business checks, then each product's.

    `licences` are the IKM's licences with their types; `may_edit` adds links to the forms
    that fix what is missing (for city staff).
    """
    links = _Links(ikm, may_edit)
    return Readiness(
        business=business_checks(ikm, licences, today, links=links),
        products=[
            product_checks(ikm, product, licences, today, links=links)
            for product in ikm.products.all()
        ],
    )
