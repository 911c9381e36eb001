from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from evaluation.signals import decision_finalised, decision_previewed, scores_corrected
from products import standing


class CertificatesConfig(AppConfig):
    """Certificate numbering, PDF rendering, verification, and each product's standing derived from them."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import services  # noqa: PLC0415 — it imports models, loaded only now
        from certificates.standing import (  # noqa: PLC0415 — it imports models, loaded only now
            annotate_recognised,
            annotate_standing,
        )

        standing.provide(annotate_standing, annotate_recognised)
        decision_finalised.connect(services.issue_for_decision, dispatch_uid="certificates.issue_for_decision")
        decision_previewed.connect(services.preview_numbers, dispatch_uid="certificates.preview_numbers")
        scores_corrected.connect(services.follow_recorded_correction,
                                 dispatch_uid="certificates.follow_recorded_correction")
