"""Pages of the OCOP points of sale: the public list and each point's page (kept whole in the page cache for
visitors), and the provincial staff's pages to create, edit, check and close a point."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from accounts.scoping import PermissionRequiredMixin
from ocop.errors import DomainError
from ocop.page_cache import for_visitors
from ocop.pagination import NearestPageMixin
from programme.forms.outlets import CheckForm, CloseForm, PointFilterForm, PointOfSaleForm
from programme.queries import outlets as queries
from programme.services import outlets as services


@method_decorator(for_visitors, name="dispatch")
class PointListView(NearestPageMixin, ListView):
    """The OCOP points of sale open today, by province and name, filtered by province and commune."""

    template_name = "programme/outlets/list.html"
    context_object_name = "points"

    def get_paginate_by(self, queryset):
        return settings.OCOP_PAGE_SIZE

    @cached_property
    def filter_form(self):
        return PointFilterForm(self.request.GET or None)

    def get_queryset(self):
        qs = queries.public_points()
        form = self.filter_form
        if form.is_bound:
            if not form.is_valid():
                return qs.none()
            if form.cleaned_data["province"]:
                qs = qs.filter(province=form.cleaned_data["province"])
            if form.cleaned_data["commune"]:
                qs = qs.filter(commune=form.cleaned_data["commune"])
        return qs.order_by("province__short_name", "name", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["points"] = queries.describe(ctx["points"])
        ctx["filter_form"] = self.filter_form
        ctx["can_manage"] = services.may_manage_points(self.request.user)
        return ctx


@method_decorator(for_visitors, name="dispatch")
class PointDetailView(DetailView):
    """A point of sale: where it is, who runs it, its latest check criterion by criterion, and the products it
    carries that are recognised today; its staff also see every check and what they may do."""

    template_name = "programme/outlets/detail.html"
    context_object_name = "point"

    def get_queryset(self):
        return queries.points_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        point = self.object
        ctx["today"] = timezone.localdate()
        ctx["meets_criteria"] = services.meets_criteria(point.latest_results or {})
        ctx["criteria"] = queries.criteria_of(point.latest_results)
        ctx["products"] = queries.recognised_products_of(point)
        ctx["decision"] = services.DECISION
        manages = services.may_manage_point(self.request.user, point)
        ctx["can_manage"] = manages
        if manages:
            ctx["checks"] = queries.checks_of(point)
        return ctx


class StaffRequiredMixin(PermissionRequiredMixin):
    """The province's staff and administrators (programme.rules), or 403."""

    def has_permission(self, user):
        return services.may_manage_points(user)


class StaffPointMixin(StaffRequiredMixin):
    """A page of the staff on one of their province's points (another province's: 404)."""

    @cached_property
    def point(self):
        return get_object_or_404(queries.points_for_staff(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(point=self.point, **kwargs)


class PointFormMixin(StaffRequiredMixin):
    form_class = PointOfSaleForm
    template_name = "programme/outlets/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.get_instance()}

    def form_valid(self, form):
        point = form.save(commit=False)
        created = point.pk is None
        try:
            services.save_point(point, products=form.cleaned_data["products"], actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, (_("The point of sale “%(name)s” was created.") if created
                                        else _("The point of sale “%(name)s” was saved.")) % {"name": point.name})
        return redirect("programme:point_of_sale", pk=point.pk)


class PointCreateView(PointFormMixin, FormView):
    def get_instance(self):
        return None


class PointEditView(StaffPointMixin, PointFormMixin, FormView):
    def get_instance(self):
        return self.point


class PointCheckView(StaffPointMixin, FormView):
    """Record a check of the point against every criterion of Decision 920/QĐ-BCT."""

    form_class = CheckForm
    template_name = "programme/outlets/check.html"

    def get_initial(self):
        return {"checked_on": timezone.localdate()}

    def form_valid(self, form):
        try:
            services.record_check(self.point, checked_on=form.cleaned_data["checked_on"], met=form.met(),
                                  note=form.cleaned_data["note"], actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The check was recorded."))
        return redirect("programme:point_of_sale", pk=self.point.pk)


class PointCloseView(StaffPointMixin, FormView):
    """Close the point (it leaves the public pages; its record and checks stay)."""

    form_class = CloseForm
    template_name = "programme/outlets/close.html"

    def get_initial(self):
        return {"closed_on": timezone.localdate()}

    def form_valid(self, form):
        try:
            services.close_point(self.point, closed_on=form.cleaned_data["closed_on"], actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The point of sale was closed."))
        return redirect("programme:point_of_sale", pk=self.point.pk)
