from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from products.models import DossierDocument, Product
from products.validators import validate_dossier_file


class ProductForm(forms.ModelForm):
    """What a producer (for a draft product) or provincial staff may edit on the site."""

    class Meta:
        model = Product
        fields = ["name", "group", "description", "photo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = self.fields["group"].queryset.order_by("scheme", "position")
        self.fields["photo"].help_text = _("JPEG, PNG or WebP; at most %(size)s and %(pixels)s million pixels.") % {
            "size": filesizeformat(settings.OCOP_PHOTO_MAX_BYTES),
            "pixels": settings.OCOP_PHOTO_MAX_PIXELS // 1_000_000,
        }


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DossierDocument.Kind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, or a JPEG, PNG or WebP photo; at most 20 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = validate_dossier_file(upload)
        return upload


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must be completed"), widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": _("Say what the producer must complete.")})


class AcceptForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Evaluation round"), queryset=None,
                                   empty_label=_("— choose a round —"))

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
