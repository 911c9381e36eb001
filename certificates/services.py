"""Writes of the certificates app: issue, revoke, supersede, expire. Certificates are never deleted."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.enums import DEFAULT_NUMBER_PATTERN, VALIDITY_MONTHS, CertificateState
from certificates.models import Certificate, CertificateNumbering
from certificates.numbering import format_number, valid_until
from evaluation.errors import EvaluationError


class CertificateError(EvaluationError):
    pass


def _address(producer):
    parts = [producer.address, producer.commune.name]
    if producer.historical_district_id:
        parts.append(producer.historical_district.name)
    parts.append(producer.province.name)
    return ", ".join(p for p in parts if p)


def _next_sequence(province, year):
    return (Certificate.objects.filter(province=province, year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


def _issue_one(recognition, decision, pattern, actor):
    product = recognition.product
    producer = product.producer
    province = decision.province
    for _attempt in range(5):  # another issuer may take the same sequence: retry under the unique constraint
        seq = _next_sequence(province, decision.year)
        certificate = Certificate(
            number=format_number(pattern, province=province.code, year=decision.year, seq=seq),
            province=province, year=decision.year, sequence=seq, recognition=recognition, decision=decision,
            product=product, stars=recognition.stars, issued_on=decision.signed_on,
            expires_on=valid_until(decision.signed_on, VALIDITY_MONTHS), position=recognition.position,
            product_name=product.name, product_group=product.group.name, producer_name=producer.name,
            producer_address=_address(producer), issuer=f"ỦY BAN NHÂN DÂN {province.name.upper()}",
            province_name=province.name,
            decision_number=decision.number, decision_date=decision.signed_on,
            signer_name=decision.signer_name, signer_title=decision.signer_title,
        )
        certificate._history_user = actor
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            continue
        for older in Certificate.objects.filter(product=product, state=CertificateState.VALID).exclude(
                pk=certificate.pk):
            older.state, older.superseded_by = CertificateState.SUPERSEDED, certificate
            older._history_user = actor
            older.save(update_fields=["state", "superseded_by"])
        return certificate
    raise CertificateError(_("Could not number the certificate; please try again."))


@transaction.atomic
def issue_certificates(decision, *, actor=None):
    """One certificate per recognised product of the decision, numbered in the decision's order."""
    from django.utils import translation

    pattern = _pattern(decision.province)
    issued = []
    with translation.override("vi"):
        for recognition in decision.recognitions.select_related(
                "product__group", "product__producer__commune", "product__producer__historical_district",
                "product__producer__province").order_by("position", "pk"):
            if not recognition.certificates.filter(state=CertificateState.VALID).exists():
                issued.append(_issue_one(recognition, decision, pattern, actor))
    return issued


@transaction.atomic
def revoke_certificate(certificate, *, reason, actor):
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Revoking a certificate needs a reason."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.state in (CertificateState.REVOKED, CertificateState.SUPERSEDED):
        raise CertificateError(_("This certificate is already %(state)s.")
                               % {"state": certificate.get_state_display().lower()})
    certificate.state = CertificateState.REVOKED
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
    from django.utils import translation

    current = Certificate.objects.select_for_update().filter(
        recognition__enrolment=enrolment, state=CertificateState.VALID).first()
    if recognition_or_none is None:
        if current is not None:
            revoke_certificate(current, reason=reason, actor=actor)
        return None
    if current is not None and current.stars == recognition_or_none.stars:
        return current
    with translation.override("vi"):
        return _issue_one(recognition_or_none, recognition_or_none.decision, _pattern(enrolment.round.province),
                          actor)


@transaction.atomic
def expire_certificates(today=None):
    """Mark valid certificates past their last day as expired (a daily job; safe to run twice)."""
    today = today or timezone.localdate()
    expired = 0
    for certificate in Certificate.objects.select_for_update().filter(state=CertificateState.VALID,
                                                                      expires_on__lt=today):
        certificate.state = CertificateState.EXPIRED
        certificate._change_reason = "expired"
        certificate.save(update_fields=["state"])
        expired += 1
    return expired
