"""The dossier: producers upload documents and submit; staff accept a dossier into a round or return it."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from accounts.roles import Role
from accounts.scoping import StaffRequiredMixin
from ocop.errors import DomainError
from ocop.pagination import NearestPageMixin
from products import services
from products.enrolment import open_rounds
from products.enums import ProductStatus
from products.forms import AcceptForm, DocumentForm, ReturnForm
from products.models import DOSSIER_SUFFIXES
from products.queries import products_for_user, reevaluation_requests


class ProductScopedView(LoginRequiredMixin, View):
    """The product must be in the user's scope (404 otherwise); officials only read."""

    @cached_property
    def product(self):
        return get_object_or_404(products_for_user(self.request.user), pk=self.kwargs["pk"])

    def refuse_officials(self):
        if self.request.user.role == Role.OFFICIAL:
            raise PermissionDenied(_("Your role does not allow this."))

    def back(self):
        return redirect("products:product", pk=self.product.pk)


class DocumentUploadView(ProductScopedView):
    def post(self, request, pk):
        self.refuse_officials()
        form = DocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.back()
        try:
            services.add_document(self.product, form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                                  content_type=form.content_type, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The document was added to the dossier."))
        return self.back()


@method_decorator(never_cache, name="dispatch")
class DocumentDownloadView(ProductScopedView):
    """Dossier files are never public: only the product's producer and the province's staff get them, and no
    browser or proxy cache keeps them."""

    def get(self, request, pk, document):
        doc = get_object_or_404(self.product.documents, pk=document)
        name = PurePath(doc.original_name).stem + DOSSIER_SUFFIXES[doc.content_type]  # the detected type's
        return FileResponse(doc.file.open("rb"), content_type=doc.content_type, filename=name, as_attachment=True)


class SubmitView(ProductScopedView):
    def post(self, request, pk):
        if request.user.role != Role.PRODUCER:
            raise PermissionDenied(_("The producer submits its own dossier."))
        try:
            services.submit_dossier(self.product, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The dossier was submitted to the provincial OCOP staff."))
        return self.back()


class QueueView(StaffRequiredMixin, NearestPageMixin, ListView):
    """Submitted dossiers of the province, oldest first."""

    template_name = "products/dossier_queue.html"
    context_object_name = "products"
    paginate_by = 50

    def get_queryset(self):
        return (products_for_user(self.request.user).filter(status=ProductStatus.SUBMITTED)
                .prefetch_related("documents").order_by("updated_at", "pk"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(accept_form=AcceptForm(rounds=open_rounds(self.request.user)),
                                        return_form=ReturnForm(),
                                        reevaluations=reevaluation_requests(self.request.user)[:50], **kwargs)


class AcceptView(StaffRequiredMixin, ProductScopedView):
    def post(self, request, pk):
        form = AcceptForm(request.POST, rounds=open_rounds(request.user))
        if not form.is_valid():
            messages.error(request, _("Choose an open evaluation round."))
            return redirect("products:queue")
        try:
            services.accept_dossier(self.product, form.cleaned_data["round"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(product)s” was enrolled in %(round)s.")
                             % {"product": self.product.name, "round": form.cleaned_data["round"]})
        return redirect("products:queue")


class ReturnView(StaffRequiredMixin, ProductScopedView):
    def post(self, request, pk):
        form = ReturnForm(request.POST)
        try:
            if not form.is_valid():
                raise services.DossierError(_("Say what the producer must complete."))
            services.return_dossier(self.product, comment=form.cleaned_data["comment"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The dossier was returned to the producer with your comment."))
        return redirect("products:queue")
