"""Evaluation rounds, their councils and the products enrolled in them (with the staged result)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from evaluation.enums import CouncilLevel, MemberRole, Outcome, RoundState

ROUND_NUMBER_TAKEN = _("This unit already has a round with this number in this year.")


class EvaluationRound(models.Model):
    """A council's round. It belongs to the unit whose council meets: a province, one of its (historical)
    districts, one of its communes (screening, from 26/2026), or the central level (no province)."""

    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="rounds",
                                 verbose_name=_("province"), null=True, blank=True)
    level = models.CharField(_("council level"), max_length=10, choices=CouncilLevel.choices,
                             default=CouncilLevel.PROVINCE)
    district = models.ForeignKey("geo.HistoricalDistrict", on_delete=models.PROTECT, related_name="rounds",
                                 verbose_name=_("district"), null=True, blank=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="rounds",
                                verbose_name=_("commune"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("round number in the year"))
    criteria_set = models.ForeignKey("evaluation.CriteriaSet", on_delete=models.PROTECT, related_name="rounds",
                                     verbose_name=_("criteria set"))
    period = models.ForeignKey("evaluation.RecognitionPeriod", on_delete=models.PROTECT, related_name="rounds",
                               verbose_name=_("rule period"))
    starts_on = models.DateField(_("council meets on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    detailed_scoring = models.BooleanField(
        _("score per criterion"), default=False,
        help_text=_("Score per criterion for product groups that have a detailed sheet; otherwise per part."))
    members_score_online = models.BooleanField(
        _("members score on their own device"), default=False,
        help_text=_("Each member receives a one-time link and enters their own sheet; staff may still type sheets "
                    "from paper."))
    max_spread = models.DecimalField(_("largest spread between members' totals"), max_digits=5, decimal_places=2,
                                     default=10)
    quorum = models.DecimalField(_("quorum (share of members, chair included)"), max_digits=3, decimal_places=2,
                                 default=0.75)
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT,
                             editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-year", "-number"]
        constraints = [
            # Numbered within the year by the unit whose council meets: two districts each have their "Đợt 1". A
            # cancelled round keeps its number but frees it: the round held instead is "Đợt 1" again, not "Đợt 2".
            models.UniqueConstraint(fields=["province", "year", "number"],
                                    condition=Q(level=CouncilLevel.PROVINCE) & ~Q(state=RoundState.CANCELLED),
                                    name="round_unique_number_province", violation_error_message=ROUND_NUMBER_TAKEN),
            models.UniqueConstraint(fields=["district", "year", "number"],
                                    condition=Q(level=CouncilLevel.DISTRICT) & ~Q(state=RoundState.CANCELLED),
                                    name="round_unique_number_district", violation_error_message=ROUND_NUMBER_TAKEN),
            models.UniqueConstraint(fields=["commune", "year", "number"],
                                    condition=Q(level=CouncilLevel.COMMUNE) & ~Q(state=RoundState.CANCELLED),
                                    name="round_unique_number_commune", violation_error_message=ROUND_NUMBER_TAKEN),
            models.UniqueConstraint(fields=["year", "number"],
                                    condition=Q(level=CouncilLevel.CENTRAL) & ~Q(state=RoundState.CANCELLED),
                                    name="round_unique_number_central", violation_error_message=ROUND_NUMBER_TAKEN),
            models.CheckConstraint(name="round_belongs_to_its_unit", condition=(
                Q(level=CouncilLevel.CENTRAL, province__isnull=True, district__isnull=True, commune__isnull=True)
                | Q(level=CouncilLevel.PROVINCE, province__isnull=False, district__isnull=True, commune__isnull=True)
                | Q(level=CouncilLevel.DISTRICT, province__isnull=False, district__isnull=False,
                    commune__isnull=True)
                | Q(level=CouncilLevel.COMMUNE, province__isnull=False, district__isnull=True,
                    commune__isnull=False)),
                violation_error_message=_("A round belongs to the unit whose council meets: a provincial round to its "
                                          "province, a district round to its district, a commune round to its "
                                          "commune.")),
            models.CheckConstraint(
                condition=Q(max_spread__gte=0), name="round_spread_not_negative",
                violation_error_message=_("The largest spread between members' totals cannot be negative.")),
            models.CheckConstraint(
                condition=Q(quorum__gt=0, quorum__lte=1), name="round_quorum_share",
                violation_error_message=_("The quorum is a share of the members: more than 0 and at most 1 (for "
                                          "example 0.75 for three quarters).")),
        ]

    def __str__(self):
        return _("Round %(number)s of %(year)s, %(province)s") % {
            "number": self.number, "year": self.year, "province": self.unit_name}

    @property
    def unit_name(self):
        """The unit whose council meets: "Lai Châu", "Huyện Tam Đường", "Xã Bình Lư", or the central level."""
        if self.level == CouncilLevel.CENTRAL:
            return pgettext("council level", "Central")
        if self.level == CouncilLevel.DISTRICT:
            return self.district.name
        if self.level == CouncilLevel.COMMUNE:
            return self.commune.name
        return self.province.short_name

    def get_absolute_url(self):
        return reverse("evaluation:round", args=[self.pk])

    @property
    def is_decided(self):
        return self.state == RoundState.DECIDED


class CouncilMember(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="members",
                              verbose_name=_("evaluation round"))
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("position and organisation"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True,
                            help_text=_("The body the member works for, as printed on the council's papers."))
    role = models.CharField(_("role in the council"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round"], condition=Q(role=MemberRole.CHAIR), name="council_one_chair",
                                    violation_error_message=_("The council already has a chair.")),
        ]

    def __str__(self):
        return self.name


class Enrolment(models.Model):
    """A product in a round, with the council's staged result (official only once the decision is final)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="enrolments",
                              verbose_name=_("evaluation round"))
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="enrolments",
                                verbose_name=_("product"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    knockout_note = models.CharField(
        _("knock-out"), max_length=255, blank=True,
        help_text=_("Which knock-out criterion the product fails, if any: it is then not recognised."))
    sheet_knockout = models.CharField(
        _("knock-out from the sheet"), max_length=255, blank=True, editable=False,
        help_text=_("Knock-out criteria answered with their eliminating points, written by the system."))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)
    outcome = models.CharField(_("result"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    proposed_upward = models.BooleanField(_("proposed to the higher level"), default=False)
    potential_five = models.BooleanField(_("potential 5 stars"), default=False)
    needs_rescoring = models.BooleanField(_("to be re-scored"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("enrolled product")
        verbose_name_plural = _("enrolled products")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "product"], name="enrolment_once_per_round"),
            models.CheckConstraint(condition=Q(stars__isnull=True) | Q(stars__gte=1, stars__lte=5),
                                   name="enrolment_stars_1_to_5",
                                   violation_error_message=_("A result has 1 to 5 stars.")),
        ]

    def __str__(self):
        return f"{self.product} — {self.round}"
