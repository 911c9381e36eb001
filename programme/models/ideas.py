from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from geo.models import province_id_of
from ocop.text import search_key
from programme.enums import IdeaStatus


class ProductIdea(models.Model):
    """A product idea (ý tưởng sản phẩm) registered by commune staff or a producer: steps 1–3 of the OCOP cycle.
    Selected by the province, it becomes a registered product (`product`)."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="product_ideas",
                                verbose_name=_("commune"))
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="product_ideas",
                                 verbose_name=_("province"), editable=False)
    producer = models.ForeignKey("products.Producer", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="product_ideas", verbose_name=_("producer"),
                                 help_text=_("A producer already registered; otherwise name it below."))
    producer_name = models.CharField(_("proposed producer"), max_length=200, blank=True,
                                     help_text=_("A producer not registered yet."))
    product_name = models.CharField(_("product"), max_length=200)
    group = models.ForeignKey("products.ProductGroup", on_delete=models.PROTECT, related_name="ideas",
                              verbose_name=_("product group"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED,
                              editable=False)
    product = models.OneToOneField("products.Product", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="idea", verbose_name=_("registered product"), editable=False)
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True,
                                     editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # the product's and proposed producer's names without diacritics, for the list's search (SQLite too)
    search_name = models.CharField(max_length=420, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at", "search_name"])

    class Meta:
        verbose_name = _("product idea")
        verbose_name_plural = _("product ideas")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.product_name

    def save(self, *args, **kwargs):
        self.province_id = province_id_of(self.commune_id)
        self.search_name = search_key(f"{self.product_name} {self.producer_name}")
        super().save(*args, **kwargs)


class IdeaEvent(models.Model):
    """A step of an idea: submitted, returned, selected, rejected or registered, with who, when and a comment."""

    idea = models.ForeignKey(ProductIdea, on_delete=models.CASCADE, related_name="events", verbose_name=_("idea"))
    status = models.CharField(_("step"), max_length=12, choices=IdeaStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("idea step")
        verbose_name_plural = _("idea steps")
        ordering = ["created_at", "pk"]
