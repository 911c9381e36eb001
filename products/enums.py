from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LegalType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    HOUSEHOLD = "household", _("Registered business household")


class ProductStatus(models.TextChoices):
    """Where a product is in the workflow. Whether it is OCOP (and at how many stars) is its Standing, derived
    from its certificates; this status never says it."""

    DRAFT = "draft", pgettext_lazy("product status", "Registered")
    SUBMITTED = "submitted", pgettext_lazy("product status", "Dossier submitted")
    IN_EVALUATION = "in_evaluation", pgettext_lazy("product status", "Under evaluation")
    DECIDED = "decided", pgettext_lazy("product status", "Evaluated")


# The only moves a product's status may make; products.services.set_product_status refuses anything else.
PRODUCT_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.SUBMITTED, ProductStatus.IN_EVALUATION},
    ProductStatus.SUBMITTED: {ProductStatus.DRAFT, ProductStatus.IN_EVALUATION},
    ProductStatus.IN_EVALUATION: {ProductStatus.DECIDED, ProductStatus.SUBMITTED},  # decided, or released
    ProductStatus.DECIDED: {ProductStatus.IN_EVALUATION},  # re-evaluated (renewal, higher level)
}


class Standing(models.TextChoices):
    """A product's OCOP standing on a day, derived from its certificates (certificates/standing.py)."""

    RECOGNISED = "recognised", pgettext_lazy("standing", "OCOP product")
    EXPIRED = "expired", pgettext_lazy("standing", "Recognition expired")
    REVOKED = "revoked", pgettext_lazy("standing", "Certificate revoked")
    NONE = "none", pgettext_lazy("standing", "Not recognised")


LAPSED = (Standing.EXPIRED, Standing.REVOKED)


class ClassificationScheme(models.TextChoices):
    QD_1048 = "1048", _("Decision 1048/QĐ-TTg (2019)")
    QD_148 = "148", _("Decision 148/QĐ-TTg (2023)")
    QD_26_2026 = "2026", _("Decision 26/2026/QĐ-TTg (2026)")


EDITABLE_BY_PRODUCER = {ProductStatus.DRAFT}
