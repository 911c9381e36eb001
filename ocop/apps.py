from django.apps import AppConfig


class OcopConfig(AppConfig):
    """Project-wide pieces: template tags, formats, shared helpers."""

    name = "ocop"
    verbose_name = "OCOP"

    def ready(self):
        from ocop import checks, page_cache  # noqa: F401, PLC0415 — the checks register themselves, and the cache
        # connects to the apps' models: both once the apps are ready

        # What the public pages show: a change to any of these starts a new generation of cached pages.
        page_cache.watch("certificates.Certificate", "evaluation.Decision", "products.Product", "products.Producer",
                         "products.ProductGroup", "geo.Province", "geo.Commune")
        # an app that adds public pages or sections watches its own models (programme.apps: the points of sale)
