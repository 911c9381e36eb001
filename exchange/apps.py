from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Data in and out: spreadsheet imports (scores, the registry's history) and the official lists."""

    name = "exchange"
    verbose_name = _("Imports and exports")
