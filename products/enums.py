from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LegalType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    HOUSEHOLD = "household", _("Registered business household")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("product status", "Registered")
    SUBMITTED = "submitted", pgettext_lazy("product status", "Dossier submitted")
    IN_EVALUATION = "in_evaluation", pgettext_lazy("product status", "Under evaluation")
    RECOGNISED = "recognised", pgettext_lazy("product status", "Recognised")
    NOT_RECOGNISED = "not_recognised", pgettext_lazy("product status", "Not recognised")


class ClassificationScheme(models.TextChoices):
    QD_1048 = "1048", _("Decision 1048/QĐ-TTg (2019)")
    QD_148 = "148", _("Decision 148/QĐ-TTg (2023)")


EDITABLE_BY_PRODUCER = {ProductStatus.DRAFT}
MIN_RECOGNISED_STARS = 3
