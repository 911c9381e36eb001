from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"


class RegistrySnapshot(models.Model):
    """A dated file of the public registry (`manage.py snapshot_registry`), in the default (public) storage under a
    name that carries its date and checksum, listed on /open-data/."""

    day = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=4, choices=SnapshotFormat.choices)
    file = models.FileField(_("file"), upload_to="opendata/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    rows = models.PositiveIntegerField(_("products"))
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("registry snapshot")
        verbose_name_plural = _("registry snapshots")
        ordering = ["-day", "format"]
        constraints = [models.UniqueConstraint(
            fields=["day", "format"], name="registrysnapshot_one_per_day_and_format",
            violation_error_message=_("There is already a snapshot of the registry for this date and format."))]

    def __str__(self):
        return f"{self.day.isoformat()} {self.format}"
