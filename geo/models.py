from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.text import search_key


class Province(models.Model):
    """A province or centrally-run city, as of the 2025 reform (34 units)."""

    code = models.PositiveSmallIntegerField(_("official code"), unique=True)
    name = models.CharField(_("full name"), max_length=100)
    short_name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class HistoricalDistrict(models.Model):
    """A district of the pre-07/2025 three-tier system, kept for records made before the reform."""

    code = models.PositiveIntegerField(_("official code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="historical_districts",
                                 verbose_name=_("province"))

    class Meta:
        verbose_name = _("historical district")
        verbose_name_plural = _("historical districts")
        ordering = ["province__short_name", "name"]

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune, ward or special zone of the current two-tier system."""

    code = models.PositiveIntegerField(_("official code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes",
                                 verbose_name=_("province"))
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province__short_name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


def province_id_of(commune_id) -> int:
    """The province of a commune: the one rule by which a producer, an idea, a point of sale or a commune's staff
    takes the province of its commune."""
    return Commune.objects.values_list("province_id", flat=True).get(pk=commune_id)
