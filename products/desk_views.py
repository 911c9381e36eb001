"""The office's desk: provincial staff list, create and edit the province's producers and register their
products in the app (the Django admin stays for administrators); producers register their own products, remove a
document before submitting and ask for re-evaluation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from accounts.scoping import StaffRequiredMixin
from ocop.errors import DomainError
from ocop.pagination import NearestPageMixin
from ocop.text import search_key
from products import services
from products.dossier_views import ProductScopedView
from products.forms import NewProductForm, ProducerForm, ProducerSearchForm, ReevaluationForm
from products.models import Product
from products.queries import SEARCH_WORDS, producers_for_user

PRODUCERS_PER_PAGE = 50


class ProducerListView(StaffRequiredMixin, NearestPageMixin, ListView):
    """The province's producers: search by name or registration code (diacritics and case ignored), filter by
    commune and legal type, 50 a page, each with its number of products."""

    template_name = "products/producer_list.html"
    context_object_name = "producers"
    paginate_by = PRODUCERS_PER_PAGE

    @cached_property
    def search_form(self):
        return ProducerSearchForm(self.request.GET or None, province_id=self.request.user.province_id)

    def get_queryset(self):
        qs = producers_for_user(self.request.user).annotate(product_count=Count("products"))
        form = self.search_form
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            words = search_key(data["q"]).split()[:SEARCH_WORDS]
            code = (data["q"] or "").strip()
            if code and code.replace(" ", "").isdigit():
                qs = qs.filter(registration_code__startswith=code.replace(" ", ""))
            else:
                for word in words:
                    qs = qs.filter(search_name__contains=word)
            if data["commune"]:
                qs = qs.filter(commune=data["commune"])
            if data["legal_type"]:
                qs = qs.filter(legal_type=data["legal_type"])
        elif form.is_bound:
            qs = qs.none()
        return qs.order_by("search_name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(search_form=self.search_form, **kwargs)


class DuplicateCheckedProducerMixin:
    """A producer form saved through products.services.save_producer and its duplicate checks: a same-named producer
    is shown, and the confirmation offered only then, never ticked in advance. Views say what else saving does
    (`save_producer`) and where to go after (`producer_saved`)."""

    form_class = ProducerForm

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        if not kwargs.get("confirmable") and not form["confirm_duplicate"].value():
            form.fields["confirm_duplicate"].widget = HiddenInput()
        return super().get_context_data(**{**kwargs, "form": form})

    def save_producer(self, producer, *, confirmed_duplicate):
        services.save_producer(producer, actor=self.request.user, confirmed_duplicate=confirmed_duplicate)

    def form_valid(self, form):
        producer = form.save(commit=False)
        created = producer.pk is None
        try:
            self.save_producer(producer, confirmed_duplicate=form.cleaned_data.get("confirm_duplicate", False))
        except services.DuplicateProducer as duplicate:
            form.add_error(None, duplicate.message)
            return self.render_to_response(self.get_context_data(form=form, existing=duplicate.existing,
                                                                 confirmable=duplicate.confirmable))
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return self.producer_saved(producer, created=created)


class ProducerFormMixin(StaffRequiredMixin, DuplicateCheckedProducerMixin):
    template_name = "products/producer_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "province_id": self.request.user.province_id,
                "instance": self.get_instance()}

    def producer_saved(self, producer, *, created):
        messages.success(self.request, (_("The producer “%(name)s” was created.") if created
                                        else _("The producer “%(name)s” was saved.")) % {"name": producer.name})
        return redirect("products:producer", pk=producer.pk)


class ProducerCreateView(ProducerFormMixin, FormView):
    def get_instance(self):
        return None


class ProducerEditView(ProducerFormMixin, FormView):
    def get_instance(self):
        return self.producer

    @cached_property
    def producer(self):
        return get_object_or_404(producers_for_user(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(producer=self.producer, **kwargs)


class ProducerDetailView(LoginRequiredMixin, DetailView):
    """A producer with its products; staff edit it and register products, its own users register products."""

    template_name = "products/producer_detail.html"
    context_object_name = "producer"

    def get_queryset(self):
        return producers_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            products=self.object.products.select_related("group").order_by("name"),
            can_add=services.may_add_product(user, self.object),
            can_edit=user.is_administrator or user.role == "staff", **kwargs)


class ProductCreateView(LoginRequiredMixin, FormView):
    """Register a new product of a producer: staff for any producer of their province, a producer for itself."""

    form_class = NewProductForm
    template_name = "products/product_new.html"

    @cached_property
    def producer(self):
        producer = get_object_or_404(producers_for_user(self.request.user), pk=self.kwargs["pk"])
        if not services.may_add_product(self.request.user, producer):
            raise PermissionDenied(_("Your role does not allow this."))
        return producer

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.producer  # noqa: B018 — 404 or 403 before any form is shown or read
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Product(producer=self.producer)
        return kwargs

    def form_valid(self, form):
        try:
            product = services.create_product(form.save(commit=False), actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The product “%(name)s” was registered. Complete its description and "
                                         "dossier below.") % {"name": product.name})
        return redirect("products:product", pk=product.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(producer=self.producer, **kwargs)


class DocumentRemoveView(ProductScopedView):
    def post(self, request, pk, document):
        self.refuse_officials()
        try:
            removed = services.remove_document(self.product, document, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(name)s” was removed from the dossier.") % {"name": removed.original_name})
        return self.back()


class ReevaluationView(ProductScopedView):
    def post(self, request, pk):
        form = ReevaluationForm(request.POST)
        try:
            if not form.is_valid():
                raise services.DossierError(_("The comment is too long."))
            services.request_reevaluation(self.product, actor=request.user, comment=form.cleaned_data["comment"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request for re-evaluation was sent to the provincial OCOP staff."))
        return self.back()
