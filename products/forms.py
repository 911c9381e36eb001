from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geo.models import Commune, HistoricalDistrict
from products.classification import scheme_on
from products.enums import ClassificationScheme, LegalType
from products.models import DossierDocument, Producer, Product, ProductGroup
from products.validators import validate_dossier_file


def group_label(group):
    """"Thực phẩm › Chè › Chè tươi, chè chế biến": the product set with its sector and group."""
    steps = [group.display_sector]
    if group.category and group.category != group.sector:
        steps.append(group.display_category)
    return " › ".join([*steps, group.display_name])


class ProductForm(forms.ModelForm):
    """What a producer (for a draft product) or provincial staff may edit on the site. The product sets offered
    are those of the classification in force today; moving a product from an older classification to it is a
    reclassification, which needs a reason (kept in the product's history)."""

    reason = forms.CharField(label=_("Reason for the reclassification"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required when the product moves to the classification in force."))

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": _("This form is out of date: open the product again."),
        "invalid": _("This form is out of date: open the product again.")})

    class Meta:
        model = Product
        fields = ["name", "group", "description", "photo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.scheme = scheme_on(timezone.localdate())
        self.fields["group"].queryset = ProductGroup.objects.filter(scheme=self.scheme).order_by("position")
        self.fields["group"].label_from_instance = group_label
        if self.instance.pk and self.instance.group.scheme != self.scheme:
            self.fields["group"].help_text = _("Classified under %(old)s (“%(group)s”): choose its product set under "
                                               "the classification in force, and give the reason.") % {
                "old": self.instance.group.get_scheme_display(), "group": self.instance.group.display_name}
        else:
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if "reason" in self.fields and data.get("group") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the product is reclassified."))
        return data
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


class ProducerForm(forms.ModelForm):
    """A producer as the provincial staff create and edit it: the communes (and former districts) offered are
    those of the staff's province only."""

    confirm_duplicate = forms.BooleanField(
        label=_("I checked: this is another producer with the same name in this commune"), required=False)

    class Meta:
        model = Producer
        fields = ["legal_type", "name", "registration_code", "representative", "representative_title", "address",
                  "commune", "historical_district", "phone", "email", "website"]

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        communes = Commune.objects.order_by("name")
        districts = HistoricalDistrict.objects.order_by("name")
        if province_id is not None:
            communes = communes.filter(province_id=province_id)
            districts = districts.filter(province_id=province_id)
        self.fields["commune"].queryset = communes
        self.fields["historical_district"].queryset = districts

    def clean_registration_code(self):
        return self.cleaned_data["registration_code"].strip()

    def validate_unique(self):
        # a registration code already used is refused by services.save_producer, which shows whose it is
        exclude = {*self._get_validation_exclusions(), "registration_code"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class NewProductForm(forms.ModelForm):
    """A new product: the product sets offered are those of the classification in force today only (a new
    product is never classified under a repealed decision, and the schemes are never offered mixed)."""

    class Meta:
        model = Product
        fields = ["name", "group", "description", "photo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme_on(timezone.localdate())
        self.scheme_label = ClassificationScheme(self.scheme).label
        self.fields["group"].queryset = ProductGroup.objects.filter(scheme=self.scheme).order_by("position")
        self.fields["group"].label_from_instance = group_label


class ProducerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False,
                                     empty_label=_("All communes"))
    legal_type = forms.ChoiceField(label=_("Legal type"), required=False,
                                   choices=[("", _("All legal types")), *LegalType.choices])

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        communes = Commune.objects.order_by("name")
        if province_id is not None:
            communes = communes.filter(province_id=province_id)
        self.fields["commune"].queryset = communes


class ReevaluationForm(forms.Form):
    comment = forms.CharField(label=_("Comment for the provincial OCOP staff"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
