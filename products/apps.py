from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    """Producers, products, product classification and the public registry."""

    name = "products"
    verbose_name = _("Producers and products")
