import uuid

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from geo.models import Commune, HistoricalDistrict, Province, province_id_of
from geo.reform import is_two_tier
from ocop.text import search_key
from products.enums import ClassificationScheme, LegalType, ProductStatus
from products.fields import PhotoField
from products.group_names import display_name
from products.validators import image_suffix


class ProductGroup(models.Model):
    """A product set of a classification scheme (e.g. 1048: "Chè tươi, chế biến" in sector "Thực phẩm"; 26/2026:
    "Chè tươi, chè chế biến" in group "Chè" of sector "Thực phẩm")."""

    scheme = models.CharField(_("classification"), max_length=8, choices=ClassificationScheme.choices)
    sector = models.CharField(_("sector"), max_length=120)
    category = models.CharField(_("group"), max_length=120, blank=True)
    name = models.CharField(_("product group"), max_length=160)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        ordering = ["scheme", "position"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="productgroup_unique_name")]

    def __str__(self):
        name = self.display_name
        return f"{name} ({self.get_scheme_display()})" if self.scheme != ClassificationScheme.QD_1048 else name

    # The names in the page's language: the legal Vietnamese names as stored, or their English renderings.
    @property
    def display_name(self):
        return display_name(self.name)

    @property
    def display_sector(self):
        return display_name(self.sector)

    @property
    def display_category(self):
        return display_name(self.category)


class Producer(models.Model):
    """A producer (chủ thể OCOP): enterprise, cooperative, cooperative group or business household."""

    legal_type = models.CharField(_("legal type"), max_length=20, choices=LegalType.choices)
    name = models.CharField(_("name"), max_length=200)
    registration_code = models.CharField(
        _("registration / tax code"), max_length=30, unique=True,
        help_text=_("Business or cooperative registration number, or tax code."),
    )
    representative = models.CharField(_("legal representative"), max_length=120)
    representative_title = models.CharField(_("representative's title"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, help_text=_("Village, street and house number."))
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="producers", verbose_name=_("commune"))
    historical_district = models.ForeignKey(
        HistoricalDistrict, on_delete=models.PROTECT, null=True, blank=True, related_name="producers",
        verbose_name=_("district (before 07/2025)"),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="producers",
                                 verbose_name=_("province"), editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"])

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.commune_id and self.historical_district_id:
            if self.historical_district.province_id != self.commune.province_id:
                raise ValidationError(
                    {"historical_district": _("The district must be in the same province as the commune.")}
                )

    def address_on(self, day) -> str:
        """The address as it was written on `day`: the commune of the two-tier system from 07/2025, the
        historical district before (a record of 2020 never names a commune created in 2025)."""
        unit = self.commune.name if is_two_tier(day) else (
            self.historical_district.name if self.historical_district_id else "")
        return ", ".join(p for p in (self.address, unit, self.province.name) if p)

    def save(self, *args, **kwargs):
        self.province_id = province_id_of(self.commune_id)
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)


def photo_upload_to(instance, filename):
    """Unguessable name, with the extension of the type found in the content (never the uploaded name's: a PNG
    sent as "anh.jpg" is stored as .png, and a file of no allowed type gets no extension at all)."""
    return f"products/photos/{uuid.uuid4().hex}{image_suffix(instance.photo)}"


class Product(models.Model):
    """A product of a producer, with its classification, description, photo and workflow status. Whether it is
    OCOP today is its standing, derived from its certificates (products.standing)."""

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="products",
                                 verbose_name=_("producer"))
    name = models.CharField(_("product name"), max_length=200)
    group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="products",
                              verbose_name=_("product group"))
    description = models.TextField(_("description"), blank=True)
    photo = PhotoField(_("photo"), upload_to=photo_upload_to, blank=True,
                       help_text=_("JPEG, PNG or WebP."))
    status = models.CharField(_("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.DRAFT,
                              editable=False)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Raised by every edit of the product's data: an edit made on an older version is a conflict, not an overwrite.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at", "photo", "version"])

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "name"], name="product_unique_name_per_producer"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # The producer is never on the edit forms (a product does not move), yet its names are unique per
        # producer: check that constraint too, so a rename to a sibling's name is a form error, not a crash.
        super().validate_constraints(exclude=set(exclude or ()) - {"producer"})

    def get_absolute_url(self):
        return reverse("products:detail", args=[self.pk])


DOSSIER_SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def dossier_upload_to(instance, filename):
    """A random name with the extension of the type found in the content (never the uploaded name's)."""
    return f"dossiers/{uuid.uuid4().hex}{DOSSIER_SUFFIXES[instance.content_type]}"


def _private_storage():
    """The "private" storage of settings.STORAGES (this machine's PRIVATE_MEDIA_ROOT, or object storage)."""
    return storages["private"]


class DossierDocument(models.Model):
    """A file of a product's dossier: stored under a random name outside the public media, and served only
    through a view that checks who asks."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration form")
        BUSINESS_PLAN = "business_plan", _("Business plan")
        LICENCE = "licence", _("Business licence")
        QUALITY = "quality", _("Quality, food-safety and test documents")
        PHOTO = "photo", _("Product photo")
        OTHER = "other", _("Other evidence")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="documents",
                                verbose_name=_("product"))
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=dossier_upload_to, storage=_private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("size"))
    # The content's fingerprint: the same file twice in one dossier is refused.
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # a document removed before submission stays in the history (who removed which file, when)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "sha256"], condition=~models.Q(sha256=""),
                                    name="dossierdocument_unique_content",
                                    violation_error_message=_("This file is already in the dossier.")),
        ]

    def __str__(self):
        return self.original_name


class DossierEvent(models.Model):
    """A step of a product's dossier: submitted by the producer, returned with a comment, or accepted."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Dossier submitted")
        RETURNED = "returned", _("Dossier returned for completion")
        ACCEPTED = "accepted", _("Dossier accepted into a round")
        REEVALUATION = "reevaluation", _("Re-evaluation requested")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="dossier_events",
                                verbose_name=_("product"))
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        ordering = ["created_at", "pk"]
