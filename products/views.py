from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.db.models import Case, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from accounts.roles import Role
from ocop.pagination import NearestPageMixin
from products.enums import Standing
from products.filters import RegistryFilter, selected_standing
from products.forms import ProductForm
from products.queries import products_for_user, public_products
from products.services import edit_refusal, may_edit, may_submit


class HomeView(TemplateView):
    """How many products are OCOP today (a certificate valid today), and from how many producers."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        recognised = public_products()
        ctx["recognised_count"] = recognised.count()
        ctx["producer_count"] = recognised.values("producer_id").distinct().count()
        ctx["today"] = timezone.localdate()
        return ctx


class RegistryView(NearestPageMixin, FilterView):
    """The public registry: recognised products, filtered, searched and paginated."""

    filterset_class = RegistryFilter
    template_name = "products/registry.html"
    context_object_name = "products"
    strict = False

    def get_paginate_by(self, queryset):
        return settings.OCOP_PAGE_SIZE

    def get_queryset(self):
        recognised_first = Case(When(standing=Standing.RECOGNISED, then=0), default=1)
        return public_products(selected_standing(self.request)).order_by(
            recognised_first, "-standing_stars", "name", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["today"] = timezone.localdate()
        ctx["standing"] = selected_standing(self.request)
        return ctx


class PublicProductView(DetailView):
    """A product that is or was OCOP: its standing today, its current certificate and every recognition."""

    template_name = "products/public_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return public_products("all")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        certificates = list(self.object.certificates.order_by("-in_force_from", "-pk"))
        ctx["certificates"] = certificates
        ctx["current"] = next((c for c in certificates if c.pk == self.object.standing_certificate_id), None)
        ctx["today"] = timezone.localdate()
        return ctx


class ProductDetailView(LoginRequiredMixin, DetailView):
    """A product as its producer or the province's staff see it: status, every round, and (staff) the history."""

    template_name = "products/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return products_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        from evaluation.queries import evaluations_of, product_history
        from portal.timeline import current_status, product_timeline
        from products.forms import DocumentForm

        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["evaluations"] = evaluations_of(self.object, user)
        ctx["can_edit"] = may_edit(user, self.object)
        ctx["status"] = current_status(self.object)
        ctx["timeline"] = product_timeline(self.object, user)
        ctx["documents"] = self.object.documents.all()
        ctx["document_form"] = DocumentForm() if ctx["can_edit"] else None
        ctx["can_submit"] = may_submit(user, self.object)
        if user.is_administrator or user.role != Role.PRODUCER:
            history = product_history(self.object)
            ctx.update(history=history[:100], history_count=len(history))
        return ctx


class MyProductsView(LoginRequiredMixin, NearestPageMixin, ListView):
    """The products a logged-in user is responsible for (own products, or the province's)."""

    template_name = "products/my_products.html"
    context_object_name = "products"
    paginate_by = 50

    def get_queryset(self):
        return products_for_user(self.request.user).order_by("producer__name", "name", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["editable"] = {p.pk for p in ctx["products"] if may_edit(self.request.user, p)}
        return ctx


class ProductEditView(LoginRequiredMixin, UpdateView):
    form_class = ProductForm
    template_name = "products/product_form.html"
    context_object_name = "product"

    def get_queryset(self):
        return products_for_user(self.request.user)

    def get_object(self, queryset=None):
        product = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not may_edit(self.request.user, product):
            raise PermissionDenied(edit_refusal(self.request.user, product))
        return product

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        if (form.cleaned_data.get("reason") or "").strip():
            form.instance._change_reason = form.cleaned_data["reason"].strip()
        messages.success(self.request, _("The product “%(name)s” was saved.") % {"name": form.instance.name})
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("products:product", args=[self.object.pk])
