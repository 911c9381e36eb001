from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ocop import page_cache
from products.pages import add_public_section


class ProgrammeConfig(AppConfig):
    """The provincial OCOP programme around the rounds: plans and their targets, product ideas from the communes,
    OCOP points of sale, training courses and promotion events (pages under /programme/)."""

    name = "programme"
    verbose_name = _("OCOP programme")

    def ready(self):
        from programme.queries.outlets import product_page_section  # noqa: PLC0415 — it imports models

        # each recognised product's public page lists the open points of sale that carry it
        add_public_section("programme.points_of_sale", "programme/outlets/_product_section.html",
                           product_page_section)
        # their pages, and where each product page says it is sold, are cached whole for visitors: a change to a
        # point, its checks or its products starts a new generation of cached pages
        page_cache.watch("programme.PointOfSale", "programme.PointOfSaleCheck", "programme.PointOfSale_products")
