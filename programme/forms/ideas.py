from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import Role
from products.forms import NewProductForm, group_label
from programme.enums import IdeaStatus
from programme.models import ProductIdea
from programme.queries.ideas import groups_in_force, idea_producers


class IdeaForm(forms.ModelForm):
    """An idea as commune staff (choosing one of the commune's producers, or naming one not registered yet) or a
    producer (for itself: no producer to choose) register or complete it. The product sets offered are those of
    the classification in force."""

    comment = forms.CharField(label=_("What was completed"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = ProductIdea
        fields = ["producer", "producer_name", "product_name", "group", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, commune_id, resubmit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups_in_force()
        self.fields["group"].label_from_instance = group_label
        if user.role == Role.PRODUCER:
            del self.fields["producer"], self.fields["producer_name"]
        else:
            self.fields["producer"].queryset = idea_producers(user, commune_id)
            self.fields["producer"].empty_label = _("— not registered yet: name it below —")
        if not resubmit:
            del self.fields["comment"]

    def clean(self):
        data = super().clean()
        if "producer" in self.fields and not data.get("producer") and not (data.get("producer_name") or "").strip():
            self.add_error("producer_name", _("Choose the producer, or name it if it is not registered yet."))
        return data


REVIEW_CHOICES = [
    (IdeaStatus.SELECTED.value, pgettext_lazy("idea review", "Select")),
    (IdeaStatus.RETURNED.value, pgettext_lazy("idea review", "Return for completion")),
    (IdeaStatus.REJECTED.value, pgettext_lazy("idea review", "Do not select")),
]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=REVIEW_CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required to return or not select an idea: say why."))

    def clean(self):
        data = super().clean()
        if data.get("decision") in (IdeaStatus.RETURNED, IdeaStatus.REJECTED) and not (
                data.get("comment") or "").strip():
            self.add_error("comment", _("Say why the idea is returned or not selected."))
        return data


class IdeaProductForm(NewProductForm):
    """The product a selected idea becomes: prefilled from the idea; when the idea names a producer not yet
    linked, staff choose it among the commune's producers (or create it first)."""

    producer = forms.ModelChoiceField(label=_("Producer"), queryset=None, required=False,
                                      empty_label=_("— choose the registered producer —"))

    def __init__(self, *args, idea, user, **kwargs):
        super().__init__(*args, **kwargs)
        if idea.producer_id:
            del self.fields["producer"]
        else:
            self.fields["producer"].queryset = idea_producers(user, idea.commune_id)
            self.fields["producer"].required = True
            self.order_fields(["producer"])


class IdeaFilterForm(forms.Form):
    """The list's filters: status, commune (those the user may list; none for producers) and a search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=[("", _("— all —")), *IdeaStatus.choices])
    commune = forms.ModelChoiceField(label=_("Commune"), required=False, queryset=None,
                                     empty_label=_("— all —"))

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        if not communes.exists():
            del self.fields["commune"]
