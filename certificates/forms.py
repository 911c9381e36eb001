from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=60,
                             widget=forms.TextInput(attrs={"placeholder": "OCOP-12-2020-0001", "autofocus": True}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Revoking a certificate needs a reason.")})
