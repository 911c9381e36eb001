from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificate numbering, PDF rendering, verification, and each product's standing derived from them."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates.standing import annotate_standing  # models are loaded only now
        from products import standing

        standing.provide(annotate_standing)
