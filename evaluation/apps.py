from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluation rounds, councils, scores and decisions (see the evaluation issue)."""

    name = "evaluation"
    verbose_name = _("Evaluation")
