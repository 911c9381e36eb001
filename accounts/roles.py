"""Roles and what each may do. The single place that maps a role to Django permissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PRODUCER = "producer", _("Producer")
    STAFF = "staff", _("Provincial OCOP staff")
    OFFICIAL = "official", _("Official")
    COMMUNE = "commune", _("Commune staff")
    ADMIN = "admin", _("Administrator")


PROVINCE_ROLES = (Role.STAFF, Role.OFFICIAL)

# Model permissions granted by role (the administrator has every permission).
ROLE_PERMISSIONS = {
    Role.STAFF: {
        "products.view_producer", "products.add_producer", "products.change_producer",
        "products.view_product", "products.add_product", "products.change_product",
        "products.view_productgroup",
        "evaluation.view_evaluationround", "evaluation.add_evaluationround", "evaluation.change_evaluationround",
        "evaluation.view_councilmember", "evaluation.add_councilmember",
        "evaluation.view_enrolment", "evaluation.add_enrolment", "evaluation.view_score", "evaluation.add_score",
        "evaluation.change_score", "evaluation.view_decision", "evaluation.view_recognition",
        "certificates.view_certificate",
    },
    Role.OFFICIAL: {
        "products.view_producer", "products.view_product", "products.view_productgroup",
        "evaluation.view_evaluationround", "evaluation.view_councilmember", "evaluation.view_enrolment",
        "evaluation.view_score", "evaluation.view_decision", "evaluation.view_recognition",
        "evaluation.finalise_decision", "evaluation.correct_scores",
        "certificates.view_certificate", "certificates.print_certificates", "certificates.revoke_certificate",
        "certificates.view_printjob",
    },
    Role.PRODUCER: set(),
}
