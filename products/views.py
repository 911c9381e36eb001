import copy
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from accounts.roles import Role
from ocop import page_cache
from ocop.page_cache import for_visitors
from ocop.pagination import IdFirstPaginator, NearestPageMixin
from products import services
from products.enums import Standing
from products.filters import CHOICES_SECONDS, RegistryFilter, selected_standing
from products.forms import DocumentForm, ProductForm, ReevaluationForm
from products.pages import public_sections
from products.queries import products_for_user, public_counts, public_products
from products.services import DossierError, ProductConflict, edit_refusal, may_edit, may_submit
from products.signals import product_page


@method_decorator(for_visitors, name="dispatch")
class HomeView(TemplateView):
    """How many products are OCOP today (a certificate valid today), and from how many producers."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(public_counts())
        ctx["today"] = timezone.localdate()
        return ctx


@method_decorator(for_visitors, name="dispatch")
class RegistryView(NearestPageMixin, FilterView):
    """The public registry: recognised products, filtered, searched and paginated."""

    filterset_class = RegistryFilter
    paginator_class = IdFirstPaginator
    template_name = "products/registry.html"
    context_object_name = "products"
    strict = False

    def get_paginate_by(self, queryset):
        return settings.OCOP_PAGE_SIZE

    def get_paginator(self, queryset, per_page, **kwargs):
        """The list's ids are kept as long as a public page (every page of one search is a slice of them), under
        the search's parameters, the day and the public pages' generation: a change to a product or certificate
        reads them afresh."""
        return super().get_paginator(queryset, per_page, list_key=page_cache.list_key("registry", self.search()),
                                     list_seconds=settings.OCOP_PUBLIC_PAGE_SECONDS, **kwargs)

    def search(self):
        """The search asked for: the filters' parameters and values, nothing else (not the page)."""
        return [(name, value) for name, values in self.request.GET.lists()
                if name in self.filterset_class.base_filters for value in values]

    def get_queryset(self):
        recognised_first = Case(When(standing=Standing.RECOGNISED, then=0), default=1)
        return public_products(selected_standing(self.request)).order_by(
            recognised_first, "-standing_stars", "name", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["today"] = timezone.localdate()
        ctx["standing"] = selected_standing(self.request)
        # The filter form, rendered, is kept as long as its choice lists (it depends on nothing but the search)
        ctx["filters_key"] = hashlib.sha256(repr(sorted(self.search())).encode()).hexdigest()
        ctx["filters_seconds"] = CHOICES_SECONDS
        return ctx


@method_decorator(for_visitors, name="dispatch")
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
        ctx["sections"] = public_sections(self.object)  # where it is sold (programme), …: the apps above add them
        return ctx


class ProductDetailView(LoginRequiredMixin, DetailView):
    """A product as its producer or the province's staff see it: status, every round, and (staff) the history."""

    template_name = "products/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return products_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_edit"] = may_edit(user, self.object)
        ctx["documents"] = self.object.documents.all()
        ctx["document_form"] = DocumentForm() if ctx["can_edit"] else None
        ctx["can_submit"] = may_submit(user, self.object)
        ctx["can_remove"] = services.may_remove_document(user, self.object)
        # description and documents completed on this one page, while the producer may still change them
        if ctx["can_submit"] and "edit_form" not in ctx:
            ctx["edit_form"] = ProductForm(instance=self.object)
        if user.role == Role.PRODUCER and self.object.standing != Standing.NONE:
            ctx["reevaluation_refusal"] = services.reevaluation_refusal(self.object)
            ctx["reevaluation_form"] = ReevaluationForm()
        # rounds and history (evaluation), status and timeline (portal): the apps above add them
        for _receiver, extra in product_page.send(sender=type(self), product=self.object, user=user):
            ctx.update(extra)
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
        try:
            self.object = services.save_product(form.save(commit=False), expected_version=form.cleaned_data["version"],
                                                actor=self.request.user,
                                                reason=(form.cleaned_data.get("reason") or "").strip())
        except ProductConflict as conflict:
            return self.conflict_response(form, conflict)
        except DossierError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The product “%(name)s” was saved.") % {"name": self.object.name})
        return HttpResponseRedirect(self.get_success_url())

    def conflict_response(self, form, conflict):
        """Like the score sheet: the user's typed values stay in the form, the saved ones are shown beside them,
        and the form now carries the saved version, so saving again is a conscious choice."""
        current = conflict.current
        theirs = [(form.fields[name].label, str(getattr(current, name)), str(getattr(form.instance, name)))
                  for name in ("name", "group", "description")
                  if str(getattr(current, name)) != str(getattr(form.instance, name))]
        data = form.data.copy()
        data["version"] = current.version
        fresh = self.get_form_class()(data, instance=copy.copy(current))  # validating fills its instance
        fresh.is_valid()
        messages.error(self.request, conflict.message)
        return self.render_to_response(self.get_context_data(form=fresh, product=current, theirs=theirs), status=409)

    def get_success_url(self):
        return reverse("products:product", args=[self.object.pk])
