from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from products import enrolment
from products.signals import product_page


class EvaluationConfig(AppConfig):
    """Evaluation rounds, councils, scores and decisions (see the evaluation issue)."""

    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from evaluation import queries, services  # noqa: PLC0415 — they import models, loaded only now

        enrolment.provide(open_rounds=queries.open_rounds, enrol=services.enrol_product)
        product_page.connect(queries.product_page_context, dispatch_uid="evaluation.product_page_context")
