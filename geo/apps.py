from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    """Administrative units (provinces, communes, historical districts)."""

    name = "geo"
    verbose_name = _("Administrative units")
