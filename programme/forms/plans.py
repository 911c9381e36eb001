"""Forms of a plan: its heading, its targets (a formset) and the products it picks."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from geo.models import Province
from ocop.forms import RecordsField
from programme.enums import PlanProductKind
from programme.models import Plan, PlanProduct, Target
from programme.services.progress import target_problems

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class PlanForm(forms.ModelForm):
    """A plan's heading. Administrators choose its province; staff write their own province's plans."""

    province = forms.ModelChoiceField(queryset=Province.objects.order_by("short_name"), label=_("Province"))

    class Meta:
        model = Plan
        fields = ["province", "number", "signed_on", "title", "signer", "starts_on", "ends_on"]
        widgets = {"signed_on": DATE_INPUT, "starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, choose_province=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_province:
            del self.fields["province"]

    def clean(self):
        data = super().clean()
        province_id = data["province"].pk if data.get("province") else self.instance.province_id
        number = (data.get("number") or "").strip()
        if number and province_id and Plan.objects.filter(province_id=province_id, number=number).exclude(
                pk=self.instance.pk).exists():
            self.add_error("number", _("This province already has a plan with this number."))
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The period must end on or after its first day."))
        return data


class TargetForm(forms.ModelForm):
    """A target, refused when it cannot be measured as labelled (programme.services.progress.target_problems) on its
    plan's period. Its formset gives it the plan being edited: the plan form, validated first, has set the plan's new
    last day on that same instance."""

    class Meta:
        model = Target
        fields = ["position", "label", "measure", "goal", "unit", "breakdown", "min_stars"]
        widgets = {"label": forms.TextInput(attrs={"size": 60})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean(self):
        data = super().clean()
        plan = self.plan
        problems = target_problems(data.get("measure"), data.get("breakdown"), data.get("min_stars"),
                                   plan.ends_on if plan is not None else None)
        for name, message in problems.items():
            self.add_error(name, message)
        return data


class BaseTargetFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "plan": self.instance}


TargetFormSet = inlineformset_factory(Plan, Target, form=TargetForm, formset=BaseTargetFormSet, extra=2,
                                      can_delete=True, max_num=40, validate_max=True)


class PicksForm(forms.Form):
    """The products the plan picks, as advantaged products of their district or commune, and as priority products
    of the province: among the province's products only."""

    advantaged = RecordsField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                              label=PlanProductKind.ADVANTAGED.label)
    priority = RecordsField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                            label=PlanProductKind.PRIORITY.label)

    def __init__(self, *args, plan, products, **kwargs):
        picked = {kind: [] for kind in PlanProductKind.values}
        for kind, product_id in PlanProduct.objects.filter(plan=plan).values_list("kind", "product_id"):
            picked[kind].append(product_id)
        kwargs["initial"] = {**picked, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        for name in ("advantaged", "priority"):
            self.fields[name].queryset = products
            self.fields[name].label_from_instance = lambda p: f"{p.name} — {p.producer.name}"
