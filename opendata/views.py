from django.views.generic import TemplateView

from opendata.models import RegistrySnapshot


class OpenDataView(TemplateView):
    """Dữ liệu mở: the dated snapshots of the registry to download, and where the API and its docs are."""

    template_name = "opendata/index.html"
    shown = 60  # files: a month of daily snapshots, or five years of monthly ones

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["snapshots"] = list(RegistrySnapshot.objects.order_by("-day", "format")[:self.shown])
        ctx["api_root"] = self.request.build_absolute_uri("/api/v1/")
        return ctx
