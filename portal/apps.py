from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Dashboards for producers and staff, product timelines, and the e-mail outbox."""

    name = "portal"
    verbose_name = _("Portal and notifications")
