"""Provenance of imported data: each file imported (ImportBatch) and, for every object it created or changed, the
row of the file it came from (ImportedRow)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    SCORES = "scores", _("Council scores")
    REGISTRY = "registry", _("Producers, products and past recognitions")


class ImportBatch(models.Model):
    """One committed import of one file."""

    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    round = models.ForeignKey("evaluation.EvaluationRound", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("evaluation round"))
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("province"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    row_count = models.PositiveIntegerField(_("rows"))
    changed_count = models.PositiveIntegerField(_("records created or changed"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return self.file_name


class ImportedRow(models.Model):
    """An object created or changed by an import, and the row of the file it came from."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows", verbose_name=_("import"))
    row = models.PositiveIntegerField(_("row"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        indexes = [models.Index(fields=["content_type", "object_id"], name="importedrow_object")]

    def __str__(self):
        return f"{self.batch.file_name}, {self.row}"
