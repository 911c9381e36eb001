from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CertificateState(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate state", "Valid")
    EXPIRED = "expired", pgettext_lazy("certificate state", "Expired")
    REVOKED = "revoked", pgettext_lazy("certificate state", "Revoked")
    SUPERSEDED = "superseded", pgettext_lazy("certificate state", "Superseded by a later evaluation")


# Printed across a certificate that no longer counts; its stored PDF is rendered again with it (certificates.documents).
WATERMARKS = {CertificateState.REVOKED: "ĐÃ THU HỒI", CertificateState.SUPERSEDED: "ĐÃ ĐƯỢC THAY THẾ"}


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("print job", "Waiting")
    RUNNING = "running", pgettext_lazy("print job", "Printing")
    DONE = "done", pgettext_lazy("print job", "Ready")
    FAILED = "failed", pgettext_lazy("print job", "Failed")


ACTIVE_JOB_STATES = [JobState.QUEUED, JobState.RUNNING]


class JobFailure(models.TextChoices):
    """Why a print job failed, as its user reads it (the technical detail stays in `PrintJob.error`)."""

    WORKER_LOST = "worker_lost", _("The printing stopped because the background print worker stopped, and trying "
                                   "again did not help. Start the printing again; if it stops again, tell the "
                                   "administrator.")
    RENDERING = "rendering", _("The PDF could not be made. Tell the administrator: the details are kept with the "
                               "print job in the back office.")


VALIDITY_MONTHS = 36  # OCOP-RULES.md: valid 36 months from the decision date
DEFAULT_NUMBER_PATTERN = "OCOP-{province:02d}-{year}-{seq:04d}"
