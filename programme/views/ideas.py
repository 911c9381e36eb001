"""Product ideas (cycle steps 1–3): the list, an idea with its steps, registering and completing one (commune staff,
producers), the province's review, the producer and product an idea becomes (staff), and a commune's ideas."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from accounts.roles import Role
from accounts.scoping import RolesRequiredMixin
from ocop.errors import DomainError
from ocop.pagination import NearestPageMixin
from products.classification import scheme_on
from products.desk_views import DuplicateCheckedProducerMixin
from products.models import Product
from products.services import save_producer
from programme.enums import IdeaStatus
from programme.forms.ideas import IdeaFilterForm, IdeaForm, IdeaProductForm, ReviewForm
from programme.models import ProductIdea
from programme.queries.ideas import (
    commune_for_ideas,
    commune_producers,
    communes_for_user,
    idea_steps,
    ideas_for_user,
    search_ideas,
    status_counts,
    waiting_first,
)
from programme.rules import IDEA_READERS, opens_records, reads
from programme.services import ideas as services

IDEAS_PER_PAGE = 50


class RolesMixin(RolesRequiredMixin):
    """One of `roles` (administrators always), active (programme.rules), or 403."""

    roles = IDEA_READERS

    def has_permission(self, user):
        return reads(user, self.roles)


class IdeaListView(RolesMixin, NearestPageMixin, ListView):
    """The ideas in the user's scope, with filters by status and commune and a search without diacritics."""

    template_name = "programme/ideas/list.html"
    context_object_name = "ideas"
    paginate_by = IDEAS_PER_PAGE

    @cached_property
    def filter_form(self):
        return IdeaFilterForm(self.request.GET or None, communes=communes_for_user(self.request.user))

    def get_queryset(self):
        qs = ideas_for_user(self.request.user)
        form = self.filter_form
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data["state"]:
                qs = qs.filter(status=data["state"])
            if data.get("commune"):
                qs = qs.filter(commune=data["commune"])
            qs = search_ideas(qs, data["q"])
        elif form.is_bound:
            qs = qs.none()
        return waiting_first(qs, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form,
                                        may_propose=services.may_propose(self.request.user),
                                        may_open_records=opens_records(self.request.user), **kwargs)


class IdeaScopedMixin(RolesMixin):

    @cached_property
    def idea(self):
        return get_object_or_404(ideas_for_user(self.request.user), pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission(request.user):
            self.idea  # noqa: B018 — 404 out of scope, before any form is read
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("programme:idea", pk=self.idea.pk)


class IdeaDetailView(IdeaScopedMixin, TemplateView):
    template_name = "programme/ideas/detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        reviewer = services.is_reviewer(user, self.idea)
        return super().get_context_data(
            idea=self.idea, steps=idea_steps(self.idea), may_edit=services.may_edit(user, self.idea),
            may_open_records=opens_records(user),
            review_form=ReviewForm() if reviewer and self.idea.status == IdeaStatus.SUBMITTED else None,
            may_register=reviewer and self.idea.status == IdeaStatus.SELECTED,
            commune_page=commune_for_ideas(user, self.idea.commune_id) is not None, **kwargs)


class IdeaCreateView(RolesRequiredMixin, FormView):
    """Commune staff register an idea of their commune; a producer one of its own (nobody else, administrators
    included: an idea comes from a commune)."""

    template_name = "programme/ideas/form.html"
    form_class = IdeaForm

    def has_permission(self, user):
        return services.may_propose(user)

    def commune_id(self):
        user = self.request.user
        return user.commune_id if user.role == Role.COMMUNE else user.producer.commune_id

    def get_form_kwargs(self):
        user = self.request.user
        instance = ProductIdea(commune_id=self.commune_id(),
                               producer_id=user.producer_id if user.role == Role.PRODUCER else None)
        return {**super().get_form_kwargs(), "user": user, "commune_id": self.commune_id(), "instance": instance}

    def form_valid(self, form):
        try:
            idea = services.propose_idea(form.save(commit=False), actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The idea “%(name)s” was sent to the province.") % {"name": idea})
        return redirect("programme:idea", pk=idea.pk)


class IdeaEditView(IdeaScopedMixin, FormView):
    """Complete a returned idea and submit it again (its commune's staff or its producer)."""

    roles = (Role.COMMUNE, Role.PRODUCER)
    template_name = "programme/ideas/form.html"
    form_class = IdeaForm

    def get(self, request, *args, **kwargs):
        self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.refuse()
        return super().post(request, *args, **kwargs)

    def refuse(self):
        if not services.may_edit(self.request.user, self.idea):
            raise PermissionDenied(_("Only a returned idea is completed, by the commune or producer who "
                                     "registered it."))

    def get_form_kwargs(self):
        # a copy: a refused form must not change the idea the page shows
        return {**super().get_form_kwargs(), "user": self.request.user, "commune_id": self.idea.commune_id,
                "instance": ProductIdea.objects.get(pk=self.idea.pk), "resubmit": True}

    def form_valid(self, form):
        try:
            services.resubmit_idea(form.save(commit=False), actor=self.request.user,
                                   comment=form.cleaned_data.get("comment", ""))
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The idea was completed and sent to the province again."))
        return self.back()

    def get_context_data(self, **kwargs):
        return super().get_context_data(idea=self.idea, **kwargs)


class IdeaReviewView(IdeaScopedMixin, FormView):
    """The province's staff select, return or do not select a submitted idea."""

    roles = (Role.STAFF,)
    form_class = ReviewForm
    template_name = "programme/ideas/detail.html"
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            services.review_idea(self.idea, form.cleaned_data["decision"], actor=self.request.user,
                                 comment=form.cleaned_data["comment"])
        except DomainError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, _("The idea is now “%(status)s”.")
                             % {"status": self.idea.get_status_display()})
        return self.back()

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return self.back()


class SelectedIdeaMixin(IdeaScopedMixin):
    roles = (Role.STAFF,)

    def dispatch(self, request, *args, **kwargs):
        if (request.user.is_authenticated and self.has_permission(request.user)
                and self.idea.status != IdeaStatus.SELECTED):
            messages.error(request, _("Only a selected idea becomes a product."))
            return self.back()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(idea=self.idea, **kwargs)


class IdeaProducerView(SelectedIdeaMixin, DuplicateCheckedProducerMixin, FormView):
    """Staff create the producer an idea only named (the desk's producer form and its duplicate checks)."""

    template_name = "programme/ideas/producer_form.html"

    def dispatch(self, request, *args, **kwargs):
        if (request.user.is_authenticated and self.has_permission(request.user)
                and self.idea.status == IdeaStatus.SELECTED and self.idea.producer_id):
            return redirect("programme:idea_register", pk=self.idea.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"name": self.idea.producer_name, "commune": self.idea.commune_id}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "province_id": self.idea.province_id}

    @transaction.atomic
    def save_producer(self, producer, *, confirmed_duplicate):
        save_producer(producer, actor=self.request.user, confirmed_duplicate=confirmed_duplicate,
                      reason=_("Producer of product idea no. %(number)s") % {"number": self.idea.pk})
        services.link_idea_producer(self.idea, producer, actor=self.request.user)

    def producer_saved(self, producer, *, created):
        messages.success(self.request, _("The producer “%(name)s” was created. Now register the product.")
                         % {"name": producer.name})
        return redirect("programme:idea_register", pk=self.idea.pk)


class IdeaRegisterView(SelectedIdeaMixin, FormView):
    """Staff register the product a selected idea becomes."""

    template_name = "programme/ideas/register.html"
    form_class = IdeaProductForm

    def get_initial(self):
        initial = {"name": self.idea.product_name, "description": self.idea.description}
        if self.idea.group.scheme == scheme_on(timezone.localdate()):  # else staff choose it under today's
            initial["group"] = self.idea.group_id
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "idea": self.idea, "user": self.request.user,
                "instance": Product(producer_id=self.idea.producer_id)}

    def form_valid(self, form):
        try:
            product = services.register_idea_product(self.idea, form.save(commit=False), actor=self.request.user,
                                                     producer=form.cleaned_data.get("producer"))
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The product “%(name)s” was registered from the idea. Complete its "
                                         "description and dossier below.") % {"name": product.name})
        return redirect("products:product", pk=product.pk)


class CommuneIdeasView(RolesMixin, TemplateView):
    """A commune's ideas and where each stands, and its registered producers: for the province's staff and the
    commune's own staff."""

    roles = (Role.STAFF, Role.COMMUNE)
    template_name = "programme/ideas/commune.html"

    def get_context_data(self, **kwargs):
        commune = commune_for_ideas(self.request.user, self.kwargs["pk"])
        if commune is None:
            raise Http404
        ideas = ideas_for_user(self.request.user).filter(commune=commune)
        return super().get_context_data(commune=commune, counts=status_counts(ideas),
                                        ideas=waiting_first(ideas, self.request.user),
                                        producers=commune_producers(self.request.user, commune.pk),
                                        may_open_records=opens_records(self.request.user), **kwargs)
