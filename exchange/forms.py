from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.importing.reading import ImportRefused, check_size


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet"), help_text=_("XLSX, or CSV in UTF-8; the size limit is checked "
                                                               "before the file is read."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)  # before a single byte is parsed
        except ImportRefused as error:
            raise forms.ValidationError(error.message) from None
        return upload
