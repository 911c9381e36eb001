from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The provincial OCOP programme around the rounds: plans and their targets, product ideas from the communes,
    OCOP points of sale, training courses and promotion events (pages under /programme/)."""

    name = "programme"
    verbose_name = _("OCOP programme")
