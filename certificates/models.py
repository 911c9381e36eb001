import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from certificates.enums import ACTIVE_JOB_STATES, DEFAULT_NUMBER_PATTERN, CertificateState, JobFailure, JobState
from certificates.numbering import validate_pattern
from ocop.public_url import public_url


class CertificateNumbering(models.Model):
    """How a province numbers its certificates."""

    province = models.OneToOneField("geo.Province", on_delete=models.CASCADE, related_name="certificate_numbering",
                                    verbose_name=_("province"))
    pattern = models.CharField(_("number pattern"), max_length=60, default=DEFAULT_NUMBER_PATTERN,
                               validators=[validate_pattern],
                               help_text=_("Placeholders: {province} (official code), {year}, {seq} (sequence in "
                                           "the year), e.g. OCOP-{province:02d}-{year}-{seq:04d}."))

    class Meta:
        verbose_name = _("certificate numbering")
        verbose_name_plural = _("certificate numbering")

    def __str__(self):
        return f"{self.province}: {self.pattern}"


class CertificateQuerySet(models.QuerySet):
    """The rule of a certificate's life, in SQL. Its Python twin is Certificate.state_on, right below; the
    tests hold the two to the same answers on every boundary day."""

    def delete(self):
        raise models.ProtectedError(_("Certificates are never deleted: revoke them."), set(self))

    def in_force_on(self, day):
        """Certificates that count on `day`: in force from that day or before, not past their last day,
        not revoked or superseded on or before it."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), in_force_from__lte=day,
                           expires_on__gte=day)

    def with_state_on(self, day):
        """Annotate `state_on`: valid, expired, revoked or superseded, as it stood on `day` (the recorded
        `state` only says how a certificate ended; whether it had ended by `day` is read from the dates)."""
        return self.annotate(state_on=Case(
            When(ended_on__lte=day, then=F("state")),
            When(expires_on__lt=day, then=Value(CertificateState.EXPIRED.value)),
            default=Value(CertificateState.VALID.value),
            output_field=models.CharField(),
        ))


def private_storage():
    """The "private" storage of settings.STORAGES (this machine's PRIVATE_MEDIA_ROOT, or object storage)."""
    return storages["private"]


SNAPSHOT_FIELDS = ("number", "province_id", "year", "sequence", "recognition_id", "decision_id", "product_id",
                   "stars", "issued_on", "expires_on", "product_name", "product_group", "producer_name",
                   "producer_address", "issuer", "issuing_body", "place", "province_name", "decision_number",
                   "decision_date", "signer_name", "signer_title")


class Certificate(models.Model):
    """A legal document: what it certifies is copied onto it when issued, so it reprints identically."""

    objects = CertificateQuerySet.as_manager()

    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="certificates")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    recognition = models.ForeignKey("evaluation.Recognition", on_delete=models.PROTECT,
                                    related_name="certificates")
    decision = models.ForeignKey("evaluation.Decision", on_delete=models.PROTECT, related_name="certificates")
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="certificates")
    stars = models.PositiveSmallIntegerField(_("stars"))
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"))
    state = models.CharField(_("state"), max_length=12, choices=CertificateState.choices,
                             default=CertificateState.VALID)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    superseded_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="supersedes", verbose_name=_("superseded by"))
    # The days it counts: from `in_force_from` (the decision's date; for a correction, the day it was
    # recorded) to `expires_on`, unless it `ended_on` a day by revocation or supersession.
    in_force_from = models.DateField(_("in force from"))
    ended_on = models.DateField(_("revoked or superseded on"), null=True, blank=True)
    # Snapshot, as printed
    product_name = models.CharField(_("product"), max_length=200)
    product_group = models.CharField(_("product group"), max_length=160)
    producer_name = models.CharField(_("producer"), max_length=200)
    producer_address = models.CharField(_("address"), max_length=400)
    issuer = models.CharField(_("issuing authority"), max_length=160)
    issuing_body = models.CharField(_("issuing authority, in a sentence"), max_length=160)
    place = models.CharField(_("place of signature"), max_length=100)
    province_name = models.CharField(_("province"), max_length=100)
    decision_number = models.CharField(_("decision number"), max_length=40)
    decision_date = models.DateField(_("decision date"))
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=160)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # The PDF, rendered once when issued and again only when revoked or superseded (certificates.documents): the
    # file in the private storage, its SHA-256, and the watermark printed on it ("" for none). Derived from the
    # row, so not part of its history.
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="certificates/pdf/", max_length=200,
                           blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, editable=False)
    pdf_watermark = models.CharField(_("watermark of the PDF"), max_length=12, blank=True, editable=False,
                                     choices=CertificateState.choices)
    history = HistoricalRecords(excluded_fields=["pdf", "pdf_sha256", "pdf_watermark"])

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [("print_certificates", _("Can print certificates in batches")),
                       ("revoke_certificate", _("Can revoke a certificate"))]
        ordering = ["decision_date", "decision_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "sequence"], name="certificate_unique_sequence"),
            models.CheckConstraint(condition=Q(stars__gte=3, stars__lte=5), name="certificate_stars_3_to_5",
                                   violation_error_message=_("A certificate is issued for 3 to 5 stars.")),
            models.CheckConstraint(condition=Q(expires_on__gt=models.F("issued_on")),
                                   name="certificate_expires_after_issue",
                                   violation_error_message=_("A certificate expires after the day it is issued.")),
            # Numbers are written in capitals (format_number), so a lookup is an exact match on the unique index.
            models.CheckConstraint(condition=Q(number=Upper("number")), name="certificate_number_in_capitals",
                                   violation_error_message=_("A certificate number is written in capitals.")),
            models.CheckConstraint(condition=~Q(state=CertificateState.REVOKED) | ~Q(revoked_reason=""),
                                   name="certificate_revoked_has_reason",
                                   violation_error_message=_("Revoking a certificate needs a reason.")),
            models.CheckConstraint(condition=~Q(state=CertificateState.SUPERSEDED) | Q(superseded_by__isnull=False),
                                   name="certificate_superseded_has_successor",
                                   violation_error_message=_("A superseded certificate names the certificate that "
                                                             "replaces it.")),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(state__in=[CertificateState.REVOKED,
                                                                  CertificateState.SUPERSEDED]),
                name="certificate_ended_is_revoked_or_superseded",
                violation_error_message=_("Only a revoked or superseded certificate has an end date.")),
        ]
        indexes = [models.Index(fields=["product", "in_force_from"], name="certificate_product_in_force")]

    def __str__(self):
        return self.number

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(_("Certificates are never deleted: revoke them."), {self})

    def save(self, *args, **kwargs):
        """Once issued, only the state (and what goes with it) may change; what is printed never does."""
        if self.pk:
            issued = type(self).objects.filter(pk=self.pk).values(*SNAPSHOT_FIELDS).first()
            if issued and any(issued[f] != getattr(self, f) for f in SNAPSHOT_FIELDS):
                raise models.ProtectedError(_("An issued certificate cannot be changed: revoke it and issue "
                                              "a new one."), {self})
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.number])

    def verification_url(self):
        return public_url() + self.get_absolute_url()

    def state_on(self, day) -> CertificateState:
        """The state on `day` (Python twin of CertificateQuerySet.with_state_on): a valid certificate past its
        last day is expired, even before the daily job records it."""
        if self.ended_on is not None and self.ended_on <= day:
            return CertificateState(self.state)
        if day > self.expires_on:
            return CertificateState.EXPIRED
        return CertificateState.VALID

    @property
    def current_state(self) -> CertificateState:
        return self.state_on(timezone.localdate())

    @property
    def replaced_by_correction(self) -> bool:
        """Superseded by a certificate of the same decision: the decision's scores were corrected (a recorded
        correction), the product was not evaluated again."""
        return self.superseded_by_id is not None and self.superseded_by.decision_id == self.decision_id


class PrintJob(models.Model):
    """A batch of certificates printed into one PDF by the task worker, kept for download.

    One job per decision (or per province and year, for a year's batch) is queued or running at a time: the
    database refuses a second. A running job holds a lease that its worker renews (`heartbeat_at`); `attempts`
    counts the workers that claimed it (certificates.batches)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+")
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    decision = models.ForeignKey("evaluation.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=private_storage, upload_to="certificates/batches/", blank=True)
    error = models.TextField(blank=True)
    failure = models.CharField(max_length=12, choices=JobFailure.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The address the request was served at, for the QR codes printed by the worker (ocop.public_url).
    public_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["decision"], condition=Q(state__in=ACTIVE_JOB_STATES),
                                    name="printjob_one_active_per_decision", violation_error_message=_(
                                        "The certificates of this decision are already being printed.")),
            models.UniqueConstraint(fields=["province", "year"],
                                    condition=Q(state__in=ACTIVE_JOB_STATES, decision__isnull=True),
                                    name="printjob_one_active_per_year", violation_error_message=_(
                                        "The certificates of this year are already being printed.")),
        ]

    @property
    def error_message(self) -> str:
        """What the user is told when the job failed (translated); empty otherwise."""
        if self.state != JobState.FAILED:
            return ""
        return self.get_failure_display() if self.failure else str(JobFailure.RENDERING.label)

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else (100 if self.state == JobState.DONE else 0)


class RevocationRequestQuerySet(models.QuerySet):
    def open_on(self, day):
        """Requests still waiting for an official on `day`: not declined, and their certificate in force (revoking it,
        or its ending any other way, closes them)."""
        return self.filter(declined_at__isnull=True,
                           certificate__in=Certificate.objects.in_force_on(day).values("pk"))


class RevocationRequest(models.Model):
    """Staff ask an official to revoke a certificate, with a reason. The official either revokes it
    (certificates.services.revoke_certificate, which closes the request) or declines the request with a reason of
    their own (certificates.services.decline_revocation_request: who, when and why are kept on the row). A
    certificate has at most one open request; after a decline staff may ask again."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="revocation_requests",
                                    verbose_name=_("certificate"))
    reason = models.TextField(_("reason for revocation"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("declined by"))
    decline_reason = models.TextField(_("why it was declined"), blank=True)

    objects = RevocationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("revocation request")
        verbose_name_plural = _("revocation requests")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="revocation_request_has_reason",
                                   violation_error_message=_("Revoking a certificate needs a reason.")),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True) | (~Q(decline_reason="") & Q(declined_by__isnull=False)),
                name="revocation_request_decline_has_reason",
                violation_error_message=_("Declining a revocation request needs a reason."),
            ),
            models.UniqueConstraint(fields=["certificate"], condition=Q(declined_at__isnull=True),
                                    name="revocation_request_one_open",
                                    violation_error_message=_("Its revocation was already requested.")),
        ]

    def __str__(self):
        return str(self.certificate)
