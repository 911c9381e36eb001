from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificate numbering, PDF rendering and verification (see the certificates issue)."""

    name = "certificates"
    verbose_name = _("Certificates")
