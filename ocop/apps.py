from django.apps import AppConfig


class OcopConfig(AppConfig):
    """Project-wide pieces: template tags, formats, shared helpers."""

    name = "ocop"
    verbose_name = "OCOP"
