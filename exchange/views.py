"""Import pages: upload → preview (every row, every problem) → confirm. Provincial staff only, within their
province (other roles 403; another province's round 404)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.scoping import StaffRequiredMixin
from evaluation.queries import rounds_for_user
from exchange import storage
from exchange.forms import UploadForm
from exchange.importing.reading import ImportRefused
from exchange.importing.registry import Match, commit_registry, plan_registry, registry_template
from exchange.importing.scores import check_round, commit_scores, plan_scores, score_template
from exchange.models import ImportBatch, ImportKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 500  # rows shown in the preview; every problem is always shown


def xlsx_response(data, file_name):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class RoundImportMixin(StaffRequiredMixin):
    @cached_property
    def round(self):
        return get_object_or_404(rounds_for_user(self.request.user), pk=self.kwargs["pk"])


class ScoresUploadView(RoundImportMixin, FormView):
    form_class = UploadForm
    template_name = "exchange/scores_upload.html"

    def get_context_data(self, **kwargs):
        batches = ImportBatch.objects.filter(kind=ImportKind.SCORES, round=self.round).select_related("imported_by")
        try:
            check_round(self.round)
            closed = ""
        except ImportRefused as error:
            closed = error.message
        return super().get_context_data(round=self.round, batches=batches[:20], closed=closed, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        digest = storage.keep(upload.read(), upload.name)
        return redirect("exchange:scores_preview", pk=self.round.pk, sha256=digest)


class ScoresPreviewView(RoundImportMixin, TemplateView):
    template_name = "exchange/scores_preview.html"

    def file(self):
        kept = storage.kept(self.kwargs["sha256"])
        if kept is None:
            raise Http404
        return kept

    def get_context_data(self, **kwargs):
        data, name = self.file()
        ctx = super().get_context_data(round=self.round, file_name=name, **kwargs)
        try:
            plan = plan_scores(self.round, data, name)
        except ImportRefused as error:
            ctx.update(refused=error.message, problems=error.problems)
            return ctx
        ctx.update(plan=plan, problems=plan.problems, rows=plan.rows[:PREVIEW_ROWS],
                   more=max(len(plan.rows) - PREVIEW_ROWS, 0),
                   products=len({r.product.pk for r in plan.rows if r.product}))
        return ctx

    def post(self, request, *args, **kwargs):
        data, name = self.file()
        try:
            batch = commit_scores(plan_scores(self.round, data, name), actor=request.user)
        except ImportRefused:
            messages.error(request, _("The file could not be imported: nothing was saved. See the errors below."))
            return redirect(request.path)
        messages.success(request, _("Imported %(file)s: %(count)s scores created or changed.")
                         % {"file": batch.file_name, "count": batch.changed_count})
        return redirect(self.round)


class ScoresTemplateView(RoundImportMixin, View):
    def get(self, request, *args, **kwargs):
        name = f"mau-nhap-diem-dot-{self.round.number}-{self.round.year}.xlsx"
        return xlsx_response(score_template(self.round), name)


class RegistryMixin(StaffRequiredMixin):
    """The registry import acts in the staff member's province (an administrator without one: every province)."""

    @cached_property
    def province(self):
        return self.request.user.province if self.request.user.province_id else None


class RegistryUploadView(RegistryMixin, FormView):
    form_class = UploadForm
    template_name = "exchange/registry_upload.html"

    def get_context_data(self, **kwargs):
        batches = ImportBatch.objects.filter(kind=ImportKind.REGISTRY).select_related("imported_by")
        if self.province:
            batches = batches.filter(province=self.province)
        return super().get_context_data(province=self.province, batches=batches[:20], **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        digest = storage.keep(upload.read(), upload.name)
        return redirect("exchange:registry_preview", sha256=digest)


class RegistryPreviewView(RegistryMixin, TemplateView):
    template_name = "exchange/registry_preview.html"

    def file(self):
        kept = storage.kept(self.kwargs["sha256"])
        if kept is None:
            raise Http404
        return kept

    def get_context_data(self, **kwargs):
        data, name = self.file()
        ctx = super().get_context_data(file_name=name, **kwargs)
        try:
            plan = plan_registry(data, name, province=self.province)
        except ImportRefused as error:
            ctx.update(refused=error.message, problems=error.problems)
            return ctx
        ctx.update(plan=plan, problems=plan.problems, rows=plan.rows[:PREVIEW_ROWS],
                   more=max(len(plan.rows) - PREVIEW_ROWS, 0), by_code=plan.count(Match.CODE),
                   by_name=plan.count(Match.NAME), new=plan.count(Match.NEW))
        return ctx

    def post(self, request, *args, **kwargs):
        data, name = self.file()
        try:
            batch = commit_registry(plan_registry(data, name, province=self.province), actor=request.user)
        except ImportRefused:
            messages.error(request, _("The file could not be imported: nothing was saved. See the errors below."))
            return redirect(request.path)
        messages.success(request, _("Imported %(file)s: %(count)s records created.")
                         % {"file": batch.file_name, "count": batch.changed_count})
        return redirect("exchange:registry_upload")


class RegistryTemplateView(RegistryMixin, View):
    def get(self, request, *args, **kwargs):
        return xlsx_response(registry_template(self.province), "mau-nhap-danh-sach-ocop.xlsx")
