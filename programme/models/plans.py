from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programme.enums import Breakdown, Measure, PlanProductKind


class Plan(models.Model):
    """A province's OCOP plan for a period, as approved by its People's Committee (e.g. Lai Châu 2019–2020)."""

    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="ocop_plans",
                                 verbose_name=_("province"))
    number = models.CharField(_("number"), max_length=60, help_text=_("As written on the plan, e.g. 56/KH-UBND."))
    signed_on = models.DateField(_("signed on"))
    title = models.CharField(_("title"), max_length=300)
    signer = models.CharField(_("signed by"), max_length=160, blank=True)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OCOP plan")
        verbose_name_plural = _("OCOP plans")
        ordering = ["province__short_name", "-starts_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["province", "number"], name="plan_unique_number",
                                    violation_error_message=_("This province already has a plan with this number.")),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="plan_period_ordered",
                                   violation_error_message=_("The period must end on or after its first day.")),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"


class Target(models.Model):
    """One target of a plan, in the plan's words, with the measure the software counts it by."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("target"), max_length=300, help_text=_("As the plan words it."))
    measure = models.CharField(_("measured by"), max_length=24, choices=Measure.choices)
    goal = models.PositiveIntegerField(_("goal"))
    unit = models.CharField(_("unit"), max_length=40, help_text=_("What is counted, e.g. “sản phẩm”, “%”."))
    breakdown = models.CharField(_("breakdown"), max_length=12, choices=Breakdown.choices,
                                 default=Breakdown.PROVINCE)
    min_stars = models.PositiveSmallIntegerField(_("at least stars"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(min_stars__isnull=True) | Q(min_stars__gte=1, min_stars__lte=5),
                                   name="target_stars_range",
                                   violation_error_message=_("Stars are from 1 to 5.")),
        ]

    def __str__(self):
        return self.label


class PlanProduct(models.Model):
    """A product a plan picks: an advantaged product of its district or commune, or a priority product of the
    province to be pushed to 4–5★."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="picked_products", verbose_name=_("plan"))
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="plan_picks",
                                verbose_name=_("product"))
    kind = models.CharField(_("picked as"), max_length=12, choices=PlanProductKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("product picked by a plan")
        verbose_name_plural = _("products picked by a plan")
        ordering = ["plan", "kind", "product__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "product", "kind"], name="planproduct_unique",
                                    violation_error_message=_("The plan already picks this product so.")),
        ]

    def __str__(self):
        return f"{self.product} ({self.get_kind_display()})"
