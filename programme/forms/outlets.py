"""Forms of the OCOP points of sale: the point itself and the products it carries, a check against the criteria
of Decision 920/QĐ-BCT, its closing, and the public list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from geo.models import Commune
from ocop.forms import RecordsField
from ocop.text import whole_number
from products.models import Producer
from programme.models import PointOfSale
from programme.queries.outlets import offered_communes, offered_provinces, products_offered
from programme.services.outlets import CRITERIA, GROUPS

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class PointOfSaleForm(forms.ModelForm):
    """A point of sale as the provincial staff create and edit it: communes, operating producers and products
    offered are those of the staff's province only."""

    class Meta:
        model = PointOfSale
        fields = ["name", "address", "commune", "operator", "operator_producer", "phone", "opened_on", "products"]
        widgets = {"opened_on": DATE, "products": forms.CheckboxSelectMultiple}
        field_classes = {"products": RecordsField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        province_id = None if user.is_administrator else user.province_id
        communes = Commune.objects.order_by("name")
        producers = Producer.objects.order_by("name")
        if province_id:
            communes = communes.filter(province_id=province_id)
            producers = producers.filter(province_id=province_id)
        self.fields["commune"].queryset = communes
        self.fields["operator_producer"].queryset = producers
        self.fields["products"].queryset = products_offered(user, self.instance.province_id)
        self.fields["products"].help_text = _("The public sees only those recognised as OCOP products today.")


class CheckForm(forms.Form):
    """A check: its day, a note, and one box per criterion (a box left empty records the criterion as not met)."""

    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[f"c_{criterion.key}"] = forms.BooleanField(label=criterion.label, required=False)

    def groups(self):
        """The criteria's boxes by group, for the page."""
        return [(label, [self[f"c_{c.key}"] for c in CRITERIA if c.group == group])
                for group, label in GROUPS.items()]

    def details(self):
        """The day and the note, for the page (after the criteria)."""
        return [self["checked_on"], self["note"]]

    def met(self) -> set[str]:
        return {c.key for c in CRITERIA if self.cleaned_data.get(f"c_{c.key}")}


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)
    confirm = forms.BooleanField(label=_("I confirm: this point of sale no longer sells OCOP products"))


class PointFilterForm(forms.Form):
    """The public list's filters: a province, then one of its communes."""

    province = forms.ModelChoiceField(label=_("Province"), queryset=None, required=False,
                                      empty_label=_("All provinces"))
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None, required=False,
                                     empty_label=_("All communes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = offered_provinces()
        province = None
        if self.is_bound:  # the province chosen, or the commune's (an address shared without it)
            province = whole_number(self.data.get("province"))
            commune = whole_number(self.data.get("commune"))
            if not province and commune:
                province = Commune.objects.filter(pk=commune).values_list("province_id", flat=True).first()
        self.fields["commune"].queryset = offered_communes(province)
