"""Criteria sets, their parts and detailed criteria, star thresholds, and what each level recognises."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation.enums import CouncilLevel
from evaluation.rulebook.periods import display_name
from evaluation.rules import LevelCap


class CriteriaSet(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=255)
    decision = models.CharField(_("decision"), max_length=40)
    issued_on = models.DateField(_("issued on"))
    classification = models.CharField(_("product classification"), max_length=8)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["issued_on"]

    def __str__(self):
        return self.decision

    def thresholds(self):
        return [(t.stars, t.min_points) for t in self.star_thresholds.all()]


class StarThreshold(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="star_thresholds")
    stars = models.PositiveSmallIntegerField(_("stars"))
    min_points = models.DecimalField(_("from points"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("star threshold")
        verbose_name_plural = _("star thresholds")
        ordering = ["-stars"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "stars"], name="threshold_unique_stars")]


class CriteriaPart(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="parts")
    code = models.CharField(_("part"), max_length=4)
    name = models.CharField(_("name"), max_length=160)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["criteria_set", "position"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="part_unique_code")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    """One line of a detailed sheet: a product group's criterion within a part, with its maximum."""

    part = models.ForeignKey(CriteriaPart, on_delete=models.CASCADE, related_name="criteria")
    product_group = models.ForeignKey("products.ProductGroup", on_delete=models.PROTECT, related_name="criteria")
    section_number = models.PositiveSmallIntegerField(_("section"))
    section_name = models.CharField(_("section name"), max_length=160)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("criterion"), max_length=200)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    knockout = models.BooleanField(_("knock-out"), default=False,
                                   help_text=_("Failing it eliminates the product whatever its points."))
    knockout_points = models.DecimalField(
        _("eliminating answer"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("The points that mean the product fails this knock-out criterion (usually 0)."))
    options = models.CharField(
        _("answer options"), max_length=60, blank=True,
        help_text=_("The only points an answer may give, separated by commas (e.g. 1,2,3); empty: any points "
                    "up to the maximum."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["part", "product_group", "code"], name="criterion_unique_code")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def option_values(self):
        return tuple(Decimal(v) for v in self.options.split(",") if v.strip())


class RecognitionPeriod(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=160)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="periods")
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("rule period")
        verbose_name_plural = _("rule periods")
        ordering = ["valid_from"]

    def __str__(self):
        return display_name(self.name)  # the legal Vietnamese name, or its English rendering

    @classmethod
    def for_date(cls, day):
        return cls.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day).first()


class LevelRule(models.Model):
    period = models.ForeignKey(RecognitionPeriod, on_delete=models.CASCADE, related_name="level_rules")
    level = models.CharField(_("level"), max_length=10, choices=CouncilLevel.choices)
    abolished = models.BooleanField(_("abolished"), default=False)
    min_stars = models.PositiveSmallIntegerField(_("lowest stars it recognises"), null=True, blank=True)
    max_stars = models.PositiveSmallIntegerField(_("highest stars it recognises"), null=True, blank=True)
    forward_from = models.DecimalField(_("proposed upward from points"), max_digits=5, decimal_places=2,
                                       null=True, blank=True)
    screening = models.BooleanField(
        _("screening only"), default=False,
        help_text=_("Its results (1–2 stars) are a screening: no decision of recognition, no certificate."))

    class Meta:
        verbose_name = _("level rule")
        verbose_name_plural = _("level rules")
        constraints = [models.UniqueConstraint(fields=["period", "level"], name="levelrule_unique")]

    def cap(self) -> LevelCap:
        return LevelCap(self.min_stars, self.max_stars, self.forward_from, self.screening)
