from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Data in and out: spreadsheet imports (scores, the registry's history) and exports (the official lists in
    XLSX and CSV, the ministry's PTNT_OCOP layout)."""

    name = "exchange"
    verbose_name = _("Imports and exports")
