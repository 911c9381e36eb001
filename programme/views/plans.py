"""/programme/: the programme's home (the province's plans), a plan's progress page and its A4 report, and the
staff's forms for a plan, its targets and its picks. Staff, officials and commune staff of the plan's province
read; staff (and administrators) write; a producer's role gets 403, a plan of another province 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from accounts.scoping import PermissionRequiredMixin
from ocop.errors import DomainError
from programme.enums import PlanProductKind
from programme.forms.plans import PicksForm, PlanForm, TargetFormSet
from programme.models import Plan
from programme.queries.plans import edits_plans, pickable_products, plan_list, plans_for_user, reads_programme
from programme.services import plans as plan_services
from programme.services.progress import plan_progress
from stats import svg
from stats.charts import number, stars_label

# The other parts of the programme: (URL name, label); the home page links to each with reverse().
PROGRAMME_PAGES = [
    ("programme:ideas", gettext_lazy("Product ideas")),
    ("programme:points_of_sale", gettext_lazy("OCOP points of sale")),
    ("programme:courses", gettext_lazy("Training courses")),
    ("programme:events", gettext_lazy("Promotion events")),
]


class ReaderMixin(PermissionRequiredMixin):
    def has_permission(self, user):
        return reads_programme(user)


class EditorMixin(PermissionRequiredMixin):
    def has_permission(self, user):
        return edits_plans(user)


class PlanMixin:
    def get_plan(self):
        return get_object_or_404(plans_for_user(self.request.user), pk=self.kwargs["pk"])


class ProgrammeHomeView(ReaderMixin, TemplateView):
    template_name = "programme/plans/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(plans=list(plan_list(self.request.user)), can_edit=edits_plans(self.request.user),
                   pages=[(reverse(name), label) for name, label in PROGRAMME_PAGES])
        return ctx


def progress_charts(progress):
    """Two inline SVG charts: each target's share of its goal, and the recognised products of each unit by stars."""
    rows = [(f"{i}. {t.target.label}", [t.percent or 0]) for i, t in enumerate(progress.targets, start=1)]
    targets = svg.bar_chart("chart-targets", _("Share of each goal achieved (%)"), rows, [(_("Achieved"), "p3")],
                            number=lambda v: f"{number(v)}%",
                            summary="; ".join(f"{label}: {v}%" for label, (v,) in rows))
    levels = sorted({s for _name, counts in progress.recognised_by_unit for s in counts})
    unit_rows = [(name, [counts.get(s, 0) for s in levels]) for name, counts in progress.recognised_by_unit]
    series = [(stars_label(s), f"s{s}") for s in levels]
    units = svg.bar_chart("chart-units", _("Recognised products by unit and stars"), unit_rows, series,
                          number=number, summary="; ".join(f"{name}: {sum(v)}" for name, v in unit_rows))
    return targets, units, levels, unit_rows


@method_decorator(never_cache, name="dispatch")
class PlanDetailView(ReaderMixin, PlanMixin, TemplateView):
    template_name = "programme/plans/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        plan = self.get_plan()
        progress = plan_progress(plan)
        targets_chart, units_chart, levels, unit_rows = progress_charts(progress)
        picks = {kind: [] for kind in PlanProductKind.values}
        for pick in plan.picked_products.select_related("product", "product__producer"):
            picks[pick.kind].append(pick.product)
        ctx.update(plan=plan, progress=progress, targets_chart=targets_chart, units_chart=units_chart,
                   levels=[stars_label(s) for s in levels], unit_rows=[(n, v, sum(v)) for n, v in unit_rows],
                   advantaged=picks[PlanProductKind.ADVANTAGED], priority=picks[PlanProductKind.PRIORITY],
                   can_edit=edits_plans(self.request.user))
        return ctx


@method_decorator(never_cache, name="dispatch")
class PlanReportView(ReaderMixin, PlanMixin, View):
    def get(self, request, pk):
        from programme.report import plan_report_pdf  # noqa: PLC0415 — WeasyPrint is heavy: loaded on demand

        plan = self.get_plan()
        response = HttpResponse(plan_report_pdf(plan_progress(plan)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bao-cao-ke-hoach-ocop-{plan.pk}.pdf"'
        return response


class PlanFormView(EditorMixin, PlanMixin, TemplateView):
    """A new plan (no pk) or a plan's edit: the heading and its targets in one form."""

    template_name = "programme/plans/form.html"

    def plan(self):
        if "pk" in self.kwargs:
            return self.get_plan()
        user = self.request.user
        return Plan(province_id=None if user.is_administrator else user.province_id)

    def forms(self, plan, data=None):
        choose = self.request.user.is_administrator and plan.pk is None
        form = PlanForm(data, instance=plan, choose_province=choose)
        formset = TargetFormSet(data, instance=plan, prefix="targets")
        return form, formset

    def get(self, request, *args, **kwargs):
        plan = self.plan()
        form, formset = self.forms(plan)
        return self.render_to_response(self.get_context_data(plan=plan, form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        plan = self.plan()
        form, formset = self.forms(plan, request.POST)
        if form.is_valid() and formset.is_valid():  # the plan first: its new period is what its targets are checked by
            saved = form.save(commit=False)
            targets = formset.save(commit=False)
            try:
                plan_services.save_plan(saved, targets, formset.deleted_objects, actor=self.request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The plan is saved."))
                return redirect(reverse("programme:plan", args=[saved.pk]))
        return self.render_to_response(self.get_context_data(plan=plan, form=form, formset=formset), status=400)


class PlanPicksView(EditorMixin, PlanMixin, FormView):
    template_name = "programme/plans/picks.html"
    form_class = PicksForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and edits_plans(request.user):
            self.object = self.get_plan()
        elif request.user.is_authenticated:
            raise PermissionDenied(_("Your role does not allow this."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.object, "products": pickable_products(self.object)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.object, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():  # both kinds, or neither
                for kind in PlanProductKind.values:
                    plan_services.set_plan_picks(self.object, kind, form.cleaned_data[kind], actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The plan's picks are saved."))
        return redirect(reverse("programme:plan", args=[self.object.pk]))
