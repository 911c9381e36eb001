import unicodedata

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, PasswordResetForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Both are case-sensitive."),
        "inactive": _("This account is disabled. Contact the provincial OCOP office."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators = []  # checked in clean(), with the same answer as a wrong password

    def clean(self):
        """A login name no account can have (too long, a NUL byte) gets the answer of a wrong password, without
        asking the database or the throttling log (whose columns it would overflow)."""
        # as Django reads it: NFKC-normalised, which can make one character many ("ﷺ" is 18)
        username = unicodedata.normalize("NFKC", self.data.get("username") or "")
        if len(username) > User._meta.get_field("username").max_length or "\x00" in username:
            raise self.get_invalid_login_error()
        return super().clean()


class ResetForm(PasswordResetForm):
    """Also for accounts invited but without a password yet (a lost invitation is recovered this way)."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)


class InviteForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=None)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    username = forms.RegexField(label=_("Login name"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")})
    email = forms.EmailField(label=_("E-mail"), help_text=_("The invitation link is sent here."))

    def __init__(self, *args, producers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers


class ProfileForm(forms.ModelForm):
    """What every user keeps up to date themselves: their name, e-mail (where password links go) and phone."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another account uses this e-mail address."))
        return email

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(c.isdigit() or c in " +.-()" for c in phone):
            raise forms.ValidationError(_("Use digits, spaces and + . - ( ) only."))
        return phone


class ScopeFormMixin:
    """The back office's user forms: a commune staff account's province follows its commune (as User.save does),
    set before the model's constraints are checked, so the administrator picks the commune only."""

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.COMMUNE and data.get("commune"):
            data["province"] = data["commune"].province
        return data


class UserChangeAdminForm(ScopeFormMixin, UserChangeForm):
    pass


class UserCreationAdminForm(ScopeFormMixin, AdminUserCreationForm):
    pass
