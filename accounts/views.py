from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts import services
from accounts.forms import InviteForm, ProfileForm
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


class ProfileView(LoginRequiredMixin, TemplateView):
    """Every user's own profile: name, e-mail and phone in one form, the password in another (the current
    password is asked again; the session stays logged in after the change)."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProfileForm(instance=self.request.user))
        kwargs.setdefault("password_form", PasswordChangeForm(self.request.user))
        return super().get_context_data(**kwargs)

    def post(self, request):
        if "old_password" in request.POST:
            password_form = PasswordChangeForm(request.user, request.POST)
            if not password_form.is_valid():
                return self.render_to_response(self.get_context_data(password_form=password_form))
            password_form.save()
            update_session_auth_hash(request, password_form.user)
            messages.success(request, _("Your password was changed."))
            return redirect("profile")
        form = ProfileForm(request.POST, instance=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
