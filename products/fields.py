"""A photo field that validates size, type and pixel count before Django decodes the image."""

from django import forms
from django.db import models

from products.validators import validate_photo


class PhotoFormField(forms.ImageField):
    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            validate_photo(data)
        return super().to_python(data)


class PhotoField(models.ImageField):
    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", PhotoFormField)
        return super().formfield(**kwargs)
