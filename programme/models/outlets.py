from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from geo.models import province_id_of


class PointOfSale(models.Model):
    """An OCOP point of sale (điểm giới thiệu và bán sản phẩm OCOP): where it is, who runs it, what it carries.
    Whether it meets Decision 920/QĐ-BCT (2019) is read from its latest check."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="points_of_sale",
                                verbose_name=_("commune"))
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="points_of_sale",
                                 verbose_name=_("province"), editable=False)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=255, help_text=_("Street, house number or village."))
    operator = models.CharField(_("operator"), max_length=200, help_text=_("The organisation that runs it."))
    operator_producer = models.ForeignKey("products.Producer", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="points_of_sale", verbose_name=_("operator (producer)"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    products = models.ManyToManyField("products.Product", blank=True, related_name="points_of_sale",
                                      verbose_name=_("products carried"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[products])

    class Meta:
        verbose_name = _("OCOP point of sale")
        verbose_name_plural = _("OCOP points of sale")
        ordering = ["province__short_name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="pointofsale_closed_after_opened",
                violation_error_message=_("A point of sale closes on or after the day it opened."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.province_id = province_id_of(self.commune_id)
        super().save(*args, **kwargs)


class PointOfSaleCheck(models.Model):
    """A check of a point of sale against the criteria of Decision 920/QĐ-BCT: which criteria were met, on which
    day, by whom. `results` maps each criterion's key (programme.services.outlets) to true or false."""

    point = models.ForeignKey(PointOfSale, on_delete=models.CASCADE, related_name="checks",
                              verbose_name=_("point of sale"))
    checked_on = models.DateField(_("checked on"))
    results = models.JSONField(_("criteria met"), default=dict)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True,
                                   editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("point of sale check")
        verbose_name_plural = _("point of sale checks")
        ordering = ["point", "-checked_on", "-pk"]

    def __str__(self):
        return f"{self.point} — {self.checked_on:%d/%m/%Y}"
