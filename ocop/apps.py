from django.apps import AppConfig


class OcopConfig(AppConfig):
    """Project-wide pieces: template tags, formats, shared helpers."""

    name = "ocop"
    verbose_name = "OCOP"

    def ready(self):
        from ocop import checks  # noqa: F401, PLC0415 — registers the project's system checks once apps are ready
