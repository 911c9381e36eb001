from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from products.models import Product


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
