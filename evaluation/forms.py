import hashlib
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.enums import CouncilLevel
from evaluation.errors import EvaluationError
from evaluation.models import CouncilMember, EvaluationRound
from evaluation.services import parse_points
from geo.models import Commune, HistoricalDistrict


class RoundForm(forms.ModelForm):
    """A new round of the user's province: its own council, one of its districts' (before 07/2025) or one of
    its communes' (screening, from 22/05/2026). The year is the year the council meets."""

    class Meta:
        model = EvaluationRound
        fields = ["level", "district", "commune", "number", "starts_on", "ends_on", "detailed_scoring",
                  "members_score_online", "max_spread", "quorum"]
        localized_fields = ["max_spread", "quorum"]
        widgets = {"starts_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                   "ends_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Provinces run commune, district and provincial councils; central rounds are the Ministry's.
        self.fields["level"].choices = [c for c in CouncilLevel.choices if c[0] != CouncilLevel.CENTRAL]
        self.fields["starts_on"].help_text = _("The criteria set and the rules in force on this day apply; the round "
                                               "belongs to that day's year.")
        self.fields["district"].queryset = HistoricalDistrict.objects.filter(province=province)
        self.fields["district"].help_text = _("For a district council (until 07/2025).")
        self.fields["commune"].queryset = Commune.objects.filter(province=province)
        self.fields["commune"].help_text = _("For a commune's screening (from 22/05/2026).")

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The round cannot end before it starts."))
        if data.get("level") == CouncilLevel.DISTRICT and not data.get("district"):
            self.add_error("district", _("Choose the district whose council meets."))
        if data.get("level") == CouncilLevel.COMMUNE and not data.get("commune"):
            self.add_error("commune", _("Choose the commune whose council meets."))
        return data


class MemberForm(forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["name", "role", "title", "unit"]


class RoundEditForm(forms.ModelForm):
    """What can be corrected while a round is a draft (its unit and level are not: open a new round)."""

    class Meta:
        model = EvaluationRound
        fields = ["number", "starts_on", "ends_on", "detailed_scoring", "max_spread", "quorum"]
        localized_fields = ["max_spread", "quorum"]
        widgets = {"starts_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                   "ends_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The round cannot end before it starts."))
        return data

    def validate_unique(self):
        """The service checks the number within the round's unit (and says so in a sentence)."""


class EnrolForm(forms.Form):
    product = forms.ModelChoiceField(queryset=None, label=_("Product"))

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].empty_label = _("— choose a product —")


class ConfirmForm(forms.Form):
    """A big action's second step: a reason (kept in the history) and an explicit confirmation."""

    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Give the reason: it is recorded in the history.")})
    confirm = forms.BooleanField(label=_("I confirm this action"),
                                 error_messages={"required": _("Tick the box to confirm.")})


class DecisionForm(forms.Form):
    number = forms.RegexField(label=_("Decision number"), max_length=40, regex=r"^\s*\d+/[\wĐđ\-]+\s*$",
                              error_messages={"invalid": _("Write the number as on the decision, e.g. 1234/QĐ-UBND.")})
    signed_on = forms.DateField(label=_("Date signed"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=160,
                                   help_text=_("For example: Chủ tịch, or KT. Chủ tịch – Phó Chủ tịch."))


class ScoreSheetForm(forms.Form):
    """The score sheet of some products of a round: one cell per member and column, a version per product.

    Cells are plain text checked by the same parser the services use, so a bad value is reported with
    the member and the column, in the user's language, and nothing is saved while any cell is wrong."""

    def __init__(self, *args, members, rows, correction=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.rows, self.correction = members, rows, correction
        for row in rows:
            e = row.enrolment
            self.fields[f"v_{e.pk}"] = forms.IntegerField(widget=forms.HiddenInput, initial=e.version)
            saved = {(m.pk, c.key): row.scores.get((m.pk, c.key)) for m in members for c in row.columns}
            self.fields[f"h_{e.pk}"] = forms.CharField(widget=forms.HiddenInput, required=False,
                                                       initial=self.digest(saved, e.knockout_note))
            self.fields[f"k_{e.pk}"] = forms.CharField(required=False, max_length=255, initial=e.knockout_note,
                                                       label=_("Knock-out"))
            for member in members:
                for column in row.columns:
                    value = row.scores.get((member.pk, column.key))
                    self.fields[self.cell(e.pk, member.pk, column.key)] = forms.CharField(
                        required=False, max_length=8,
                        initial="" if value is None else f"{value.normalize():f}".replace(".", ","),
                        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4, "autocomplete": "off"}))
        if correction:
            self.fields["reason"] = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(
                attrs={"rows": 2}), error_messages={"required": _("A correction needs a reason.")})

    @staticmethod
    def cell(enrolment_id, member_id, key):
        return f"s_{enrolment_id}_{member_id}_{key}"

    def clean(self):
        data = super().clean()
        for row in self.rows:
            for member in self.members:
                for column in row.columns:
                    name = self.cell(row.enrolment.pk, member.pk, column.key)
                    raw = (data.get(name) or "").strip()
                    if raw:
                        try:
                            parse_points(raw, column, member.name)
                        except EvaluationError as error:
                            self.add_error(name, error.message)
        return data

    @staticmethod
    def digest(values: dict, knockout: str) -> str:
        """A fingerprint of a product's cells, to tell a row the user touched from one left as opened."""
        canonical = sorted((f"{m}:{k}", "" if v in (None, "") else format(
            Decimal(str(v).replace(",", ".")).normalize(), "f")) for (m, k), v in values.items())
        return hashlib.sha256(repr((canonical, knockout.strip())).encode()).hexdigest()[:16]

    def values_for(self, row) -> dict:
        e = row.enrolment
        return {(m.pk, c.key): (self.cleaned_data.get(self.cell(e.pk, m.pk, c.key)) or "").strip() or None
                for m in self.members for c in row.columns}

    def changed_rows(self):
        """Rows the user changed since the sheet was opened (only these are written). A row left as it was
        opened is not written, even if someone else has saved it since."""
        changed = []
        for row in self.rows:
            e = row.enrolment
            typed = self.digest(self.values_for(row), self.cleaned_data.get(f"k_{e.pk}") or "")
            opened = self.cleaned_data.get(f"h_{e.pk}") or self.fields[f"h_{e.pk}"].initial
            if typed != opened:
                changed.append(row)
        return changed

    def cell_errors(self):
        return {name for name in self.errors if name.startswith("s_")}
