from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The public read-only API (/api/v1/) and the dated snapshots of the registry (/open-data/)."""

    name = "opendata"
    verbose_name = _("Open data")
