from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import PROVINCE_ROLES
from certificates.models import Certificate
from geo.models import Province

LIST_FORMATS = [("xlsx", _("Excel (XLSX)")), ("csv", _("CSV (UTF-8)"))]
PTNT_FORMAT = ("ptnt", _("Ministry table PTNT_OCOP (QĐ 5277/QĐ-BNNMT)"))


def offers_ministry_table(user) -> bool:
    """The PTNT_OCOP table is the province's report to the ministry: its staff, officials and administrators."""
    return user.is_authenticated and user.is_active and (user.is_administrator or user.role in PROVINCE_ROLES)


class RecognisedExportForm(forms.Form):
    """Which list to download. Choices are compared as the exact strings offered: "٣" is not "3"."""

    province = forms.ChoiceField(label=_("Province"))
    year = forms.ChoiceField(label=_("Year of the decision"))
    decision = forms.CharField(label=_("Decision number"), required=False, max_length=40,
                               help_text=_("For example 1168/QĐ-UBND. Empty: every decision of the year."))
    format = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.provinces = {str(p.pk): p for p in Province.objects.order_by("short_name")}
        self.fields["province"].choices = [(pk, p.short_name) for pk, p in self.provinces.items()]
        years = Certificate.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
        self.fields["format"].choices = LIST_FORMATS + ([PTNT_FORMAT] if offers_ministry_table(user) else [])
        self.initial.setdefault("format", "xlsx")
        if getattr(user, "province_id", None):
            self.initial.setdefault("province", str(user.province_id))

    def clean_province(self):
        return self.provinces[self.cleaned_data["province"]]

    def clean_year(self):
        return int(self.cleaned_data["year"])

    def clean_decision(self):
        return self.cleaned_data["decision"].strip()
