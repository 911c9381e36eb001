from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.forms import RecordsField
from programme.models import Attendee, PromotionEvent, TrainingCourse
from programme.queries.training import province_communes, province_producers, province_products
from programme.services.training import PRODUCERS_PEOPLE

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class _Dates(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return data

class CourseForm(_Dates):
    class Meta:
        model = TrainingCourse
        fields = ["title", "starts_on", "ends_on", "place", "audience", "organiser"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

class AttendeeForm(forms.ModelForm):
    """One attendee of a course of `province`: their producer and commune among the province's."""

    class Meta:
        model = Attendee
        fields = ["full_name", "role", "producer", "commune"]

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = province_producers(province_id)
        self.fields["producer"].help_text = _("Required for a producer's leader, member or worker.")
        self.fields["commune"].queryset = province_communes(province_id)
        self.fields["commune"].help_text = _("Where the attendee lives or works.")

    def clean(self):
        data = super().clean()
        if data.get("role") in PRODUCERS_PEOPLE and not data.get("producer") and "producer" not in self.errors:
            self.add_error("producer", _("Choose the producer of a producer's leader or worker."))
        return data


class EventForm(_Dates):
    """An event of `province`: the products shown or honoured are among the province's."""

    class Meta:
        model = PromotionEvent
        fields = ["kind", "title", "starts_on", "ends_on", "place", "description", "products"]
        field_classes = {"products": RecordsField}
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 4}),
                   "products": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        products = self.fields["products"]
        products.queryset = province_products(province_id)
        products.label_from_instance = lambda p: f"{p.name} — {p.producer.name}"
        products.help_text = _("The products shown or honoured at the event (hold Ctrl to choose several).")


class RemoveAttendeeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False,
                             widget=forms.TextInput(attrs={"placeholder": _("Reason (optional)")}))
