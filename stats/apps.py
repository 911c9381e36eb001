from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Statistics of the registry: recognised products today, recognitions by year, expiring certificates and the
    progress of rounds, as SVG charts, tables and CSV files."""

    name = "stats"
    verbose_name = _("Statistics")
