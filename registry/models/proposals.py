import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.constants import ProposalKind, ProposalStatus
from registry.models.ikms import Ikm, Product
from sentra_portal.models import TimestampedModel
from sentra_portal.scoping import ScopedQuerySet


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class ChangeProposal(TimestampedModel):
    """An owner's proposed change to their IKM's contact details or a product.

    Nothing changes on the IKM until an officer accepts it.
    """

    ikm = models.ForeignKey(
        Ikm, verbose_name=_("IKM"), on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty for a new product."),
    )
    changes = models.JSONField(_("proposed values"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()
    jurisdiction_city_field = "ikm__city"
    owner_field = "ikm__owners"

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=ProposalKind.PRODUCT) | models.Q(product__isnull=True),
                name="proposal_product_only_for_product_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.ikm}"
