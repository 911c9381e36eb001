from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    number = forms.RegexField(label=_("Certificate number"), max_length=60, regex=r"^\s*[A-Za-z0-9._-]+\s*$",
                              error_messages={"invalid": _("A certificate number has letters, digits, “-”, “.” "
                                                           "and “_” only, e.g. OCOP-12-2020-0001.")},
                              widget=forms.TextInput(attrs={"placeholder": "OCOP-12-2020-0001", "autofocus": True}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Revoking a certificate needs a reason.")})
    confirm = forms.BooleanField(label=_("I confirm the revocation"),
                                 error_messages={"required": _("Tick the box to confirm the revocation.")})


class RevocationRequestForm(forms.Form):
    reason = forms.CharField(label=_("Why should it be revoked?"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Revoking a certificate needs a reason.")})


class DeclineRevocationForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Why is the certificate kept in force?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Declining a revocation request needs a reason.")})
