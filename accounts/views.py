from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts import services
from accounts.forms import InviteForm
from accounts.models import User
from accounts.scoping import StaffRequiredMixin, scoped
from ocop.errors import DomainError


def producers_in_scope(user):
    """The producers this user may invite accounts for, by the one rule of scope (accounts.scoping). Their model
    is the one the User's `producer` field points to: accounts sits below products and does not import it."""
    producers = User._meta.get_field("producer").related_model.objects.all()
    return scoped(producers, user, province="province_id", producer="pk")


class InviteView(StaffRequiredMixin, FormView):
    """Staff create a producer account; the producer sets the password through the e-mailed link."""

    form_class = InviteForm
    template_name = "accounts/invite.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "producers": producers_in_scope(self.request.user).order_by("name")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = services.invite_producer_user(data["producer"], username=data["username"], email=data["email"],
                                                 full_name=data["full_name"], actor=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("An invitation was sent to %(email)s for %(producer)s.")
                         % {"email": user.email, "producer": data["producer"]})
        return redirect("accounts:invite")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation (and password reset) link: choose a password, then log in."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. You can log in now."))
        return super().form_valid(form)
