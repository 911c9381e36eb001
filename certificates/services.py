"""Writes of the certificates app: issue, revoke, supersede, expire; start a batch print. Certificates are never
deleted."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.batches import active_job, recover_abandoned_jobs
from certificates.enums import DEFAULT_NUMBER_PATTERN, VALIDITY_MONTHS, CertificateState
from certificates.models import Certificate, CertificateNumbering, PrintJob
from certificates.numbering import format_number, valid_until
from certificates.queries import batch_certificates
from certificates.signals import decision_certified
from certificates.tasks import print_batch
from evaluation.errors import EvaluationError
from ocop.public_url import public_url


class CertificateError(EvaluationError):
    pass


def _next_sequence(province, year):
    return (Certificate.objects.filter(province=province, year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


def _supersede(older, successor, on, actor, reason=""):
    older.state, older.superseded_by, older.ended_on = CertificateState.SUPERSEDED, successor, on
    older._history_user = actor
    if reason:
        older._change_reason = reason
    older.save(update_fields=["state", "superseded_by", "ended_on"])


def _issue_one(recognition, decision, pattern, actor, *, in_force_from=None, reason=""):
    """Number and write one certificate. It takes over from the product's certificate still in force on the
    day it comes into force (a renewal, a higher level's result, a correction); an expired or revoked one is
    left as it ended."""
    product = recognition.product
    producer = product.producer
    province = decision.province or producer.province  # a central decision numbers in the product's province
    in_force_from = in_force_from or decision.signed_on
    for _attempt in range(5):  # another issuer may take the same sequence: retry under the unique constraint
        seq = _next_sequence(province, decision.year)
        certificate = Certificate(
            number=format_number(pattern, province=province.code, year=decision.year, seq=seq),
            province=province, year=decision.year, sequence=seq, recognition=recognition, decision=decision,
            product=product, stars=recognition.stars, issued_on=decision.signed_on, in_force_from=in_force_from,
            expires_on=valid_until(decision.signed_on, VALIDITY_MONTHS), position=recognition.position,
            product_name=product.name, product_group=product.group.name, producer_name=producer.name,
            producer_address=producer.address_on(decision.signed_on), issuer=decision.authority_header,
            issuing_body=decision.authority, place=decision.place, province_name=province.name,
            decision_number=decision.number, decision_date=decision.signed_on,
            signer_name=decision.signer_name, signer_title=decision.signer_title,
        )
        certificate._history_user = actor
        if reason:
            certificate._change_reason = reason
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            continue
        for older in Certificate.objects.select_for_update().filter(product=product).in_force_on(
                in_force_from).exclude(pk=certificate.pk):
            _supersede(older, certificate, in_force_from, actor, reason)
        return certificate
    raise CertificateError(_("Could not number the certificate; please try again."))


@transaction.atomic
def issue_certificates(decision, *, actor=None):
    """One certificate per recognised product of the decision, numbered in the decision's order; then the apps
    above are told (the portal queues the producers' e-mails)."""
    issued = []
    with translation.override("vi"):
        for recognition in decision.recognitions.select_related(
                "product__group", "product__producer__commune", "product__producer__historical_district",
                "product__producer__province").order_by("position", "pk"):
            if not recognition.certificates.filter(state=CertificateState.VALID).exists():
                pattern = _pattern(decision.province or recognition.product.producer.province)
                issued.append(_issue_one(recognition, decision, pattern, actor))
    decision_certified.send(sender=Certificate, decision=decision, certificates=issued)
    return issued


def issue_for_decision(sender, *, decision, actor, **kwargs):
    """Receiver of evaluation's `decision_finalised` (connected in certificates.apps)."""
    issue_certificates(decision, actor=actor)


@transaction.atomic
def revoke_certificate(certificate, *, reason, actor, on=None):
    """Revoke a certificate from `on` (the day of the revocation decision; today by default), with its reason.
    Only a certificate in force that day can be revoked: an expired one has already ended."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Revoking a certificate needs a reason."))
    today = timezone.localdate()
    on = on or today
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if on > today:
        raise CertificateError(_("A revocation cannot be dated in the future."))
    if on < certificate.in_force_from:
        raise CertificateError(_("A revocation cannot be dated before the certificate came into force (%(date)s).")
                               % {"date": certificate.in_force_from.strftime("%d/%m/%Y")})
    state = certificate.state_on(on)
    if state == CertificateState.EXPIRED:
        raise CertificateError(_("This certificate expired on %(date)s: an expired certificate cannot be revoked.")
                               % {"date": certificate.expires_on.strftime("%d/%m/%Y")})
    if state != CertificateState.VALID or certificate.ended_on is not None:
        raise CertificateError(_("This certificate is already %(state)s.")
                               % {"state": CertificateState(certificate.state).label.lower()})
    certificate.state, certificate.ended_on = CertificateState.REVOKED, on
    certificate.revoked_reason, certificate.revoked_by, certificate.revoked_at = reason, actor, timezone.now()
    certificate._history_user, certificate._change_reason = actor, reason
    certificate.save()
    return certificate


def _pattern(province):
    numbering = CertificateNumbering.objects.filter(province=province).first()
    return numbering.pattern if numbering else DEFAULT_NUMBER_PATTERN


@transaction.atomic
def follow_correction(recognition_or_none, enrolment, *, reason, actor):
    """After a recorded correction: new stars are printed on a new certificate that supersedes the old one;
    a withdrawn recognition revokes its certificate. Returns the certificate now valid, if any."""
    today = timezone.localdate()
    current = Certificate.objects.select_for_update().filter(recognition__enrolment=enrolment).in_force_on(
        today).first()
    if recognition_or_none is None:
        if current is not None:
            revoke_certificate(current, reason=reason, actor=actor)
        return None
    if current is not None and current.stars == recognition_or_none.stars:
        return current
    if current is None and recognition_or_none.certificates.exists():
        return None  # its certificate has already expired or was revoked: a correction does not revive it
    decision = recognition_or_none.decision
    with translation.override("vi"):
        # The corrected certificate counts from the day of the correction; the one it replaces ends that day.
        pattern = _pattern(decision.province or enrolment.product.producer.province)
        return _issue_one(recognition_or_none, decision, pattern, actor, in_force_from=max(today, decision.signed_on),
                          reason=reason)


def follow_recorded_correction(sender, *, recognition, enrolment, reason, actor, **kwargs):
    """Receiver of evaluation's `scores_corrected` (connected in certificates.apps)."""
    follow_correction(recognition, enrolment, reason=reason, actor=actor)


@transaction.atomic
def expire_certificates(today=None):
    """Record as expired the valid certificates past their last day (a daily job; safe to run twice). Nothing
    depends on it: a certificate's state on any day is read from its dates (Certificate.state_on)."""
    today = today or timezone.localdate()
    expired = 0
    for certificate in Certificate.objects.select_for_update().filter(state=CertificateState.VALID,
                                                                      expires_on__lt=today):
        certificate.state = CertificateState.EXPIRED
        certificate._change_reason = "expired"
        certificate.save(update_fields=["state"])
        expired += 1
    return expired


def start_print_job(*, actor, province, year=None, decision=None) -> PrintJob:
    """Queue a batch, or return the one already queued or running for the same decision (or province and year):
    a double click makes one job. The database refuses a second active job (a partial unique constraint), so two
    requests at the same moment cannot both create one; the second gets the first's job."""
    recover_print_jobs()
    total = batch_certificates(province=province, year=year, decision=decision).count()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                job = PrintJob.objects.create(requested_by=actor, province=province, year=year, decision=decision,
                                              total=total, public_url=public_url())
        except IntegrityError:
            existing = active_job(province=province, year=year, decision=decision)
            if existing is not None:
                return existing
            continue  # the other job ended in between: this one may start now
        _enqueue(str(job.pk))
        return job
    raise IntegrityError("could not queue the print job: another one keeps starting and ending")


def recover_print_jobs() -> int:
    """Jobs whose worker died go to another worker, or fail with a message (batches.recover_abandoned_jobs)."""
    requeued = recover_abandoned_jobs()
    for job_id in requeued:
        _enqueue(job_id)
    return len(requeued)


def _enqueue(job_id):
    transaction.on_commit(lambda: print_batch.enqueue(job_id))
