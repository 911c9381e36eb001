"""Writes of the certificates app: issue, revoke, supersede, expire; start a batch print. Certificates are never
deleted. Each write that changes what a certificate's PDF shows queues its rendering after commit
(certificates.documents keeps the file)."""

from itertools import batched

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.batches import active_job, recover_abandoned_jobs
from certificates.enums import DEFAULT_NUMBER_PATTERN, VALIDITY_MONTHS, CertificateState
from certificates.models import Certificate, CertificateNumbering, PrintJob, RevocationRequest
from certificates.numbering import format_number, valid_until
from certificates.queries import batch_certificates
from certificates.signals import decision_certified
from certificates.tasks import print_batch, render_pdfs
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
        superseded = list(Certificate.objects.select_for_update().filter(product=product).in_force_on(
            in_force_from).exclude(pk=certificate.pk))
        for older in superseded:
            _supersede(older, certificate, in_force_from, actor, reason)
        queue_pdf_rendering([certificate.pk, *(older.pk for older in superseded)])
        return certificate
    raise CertificateError(_("Could not number the certificate; please try again."))


@transaction.atomic
def record_past_certificate(recognition, *, number, issued_on, in_force_from, expires_on, actor=None, reason=""):
    """A certificate issued before the registry kept the province's records (imported with its decision): its
    number and dates as on paper. It takes over from the product's certificate in force on the day it came into
    force, as an issued one does, so the standing (certificates.standing) counts it like any other. Without a
    number on paper, it is numbered by the province's pattern."""
    decision = recognition.decision
    product = recognition.product
    producer = product.producer
    province = decision.province or producer.province
    seq = _next_sequence(province, decision.year)
    number = (number or "").strip().upper() or format_number(_pattern(province), province=province.code,
                                                             year=decision.year, seq=seq)
    certificate = Certificate(
        number=number, province=province, year=decision.year, sequence=seq, recognition=recognition, decision=decision,
        product=product, stars=recognition.stars, issued_on=issued_on, in_force_from=in_force_from,
        expires_on=expires_on, position=recognition.position, product_name=product.name,
        product_group=product.group.name, producer_name=producer.name,
        producer_address=producer.address_on(decision.signed_on), issuer=decision.authority_header,
        issuing_body=decision.authority, place=decision.place, province_name=province.name,
        decision_number=decision.number, decision_date=decision.signed_on, signer_name=decision.signer_name,
        signer_title=decision.signer_title,
    )
    certificate._history_user = actor
    if reason:
        certificate._change_reason = reason
    certificate.save()
    superseded = list(Certificate.objects.select_for_update().filter(product=product).in_force_on(
        in_force_from).exclude(pk=certificate.pk))
    for older in superseded:
        _supersede(older, certificate, in_force_from, actor, reason)
    queue_pdf_rendering([certificate.pk, *(older.pk for older in superseded)])
    return certificate


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


def preview_numbers(sender, *, evaluation_round, recognised, year, **kwargs):
    """Receiver of evaluation's `decision_previewed` (connected in certificates.apps): the numbers the decision's
    certificates would receive, computed as _issue_one would in the same order, without taking any."""
    numbers, next_seq, patterns = {}, {}, {}
    for enrolment in recognised:
        province = evaluation_round.province or enrolment.product.producer.province
        if province.pk not in next_seq:
            next_seq[province.pk] = _next_sequence(province, year)
            patterns[province.pk] = _pattern(province)
        numbers[enrolment.pk] = format_number(patterns[province.pk], province=province.code, year=year,
                                              seq=next_seq[province.pk])
        next_seq[province.pk] += 1
    return {"certificates": numbers}


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
    queue_pdf_rendering([certificate.pk])  # printed again, with its watermark
    return certificate


@transaction.atomic
def request_revocation(certificate, *, reason, actor):
    """Staff ask the officials to revoke a certificate in force, with the reason they will read (and may keep as the
    revocation's). One request per certificate: a second is refused, naming the first."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Revoking a certificate needs a reason."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.current_state != CertificateState.VALID:
        raise CertificateError(_("Only a certificate in force can be revoked; this one is %(state)s.")
                               % {"state": certificate.current_state.label.lower()})
    earlier = RevocationRequest.objects.filter(certificate=certificate, declined_at__isnull=True).first()
    if earlier is not None:
        raise CertificateError(_("Its revocation was already requested on %(date)s.")
                               % {"date": timezone.localtime(earlier.requested_at).strftime("%d/%m/%Y")})
    try:
        with transaction.atomic():
            return RevocationRequest.objects.create(certificate=certificate, reason=reason, requested_by=actor)
    except IntegrityError:  # a request made at the same moment: the database's unique index decided
        raise CertificateError(_("Its revocation was already requested.")) from None


@transaction.atomic
def decline_revocation_request(request, *, reason, actor):
    """An official keeps the certificate in force and closes staff's request, saying why (kept on the request with
    who and when). Staff may ask again later; the certificate itself is not touched."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Declining a revocation request needs a reason."))
    request = RevocationRequest.objects.select_for_update().select_related("certificate").get(pk=request.pk)
    if request.declined_at is not None:
        raise CertificateError(_("This request was already declined on %(date)s.")
                               % {"date": timezone.localtime(request.declined_at).strftime("%d/%m/%Y")})
    if request.certificate.current_state != CertificateState.VALID:
        raise CertificateError(_("The certificate is no longer in force: the request is closed already."))
    request.declined_at, request.declined_by, request.decline_reason = timezone.now(), actor, reason
    request.save(update_fields=["declined_at", "declined_by", "decline_reason"])
    return request


def queue_pdf_rendering(certificate_ids, *, chunk=1):
    """After commit, render and store these certificates' PDFs in the background: one task per `chunk`
    certificates, so that several workers share the work. The QR codes lead to the address this request was
    served at (or OCOP_PUBLIC_URL)."""
    url = public_url()
    for ids in batched(certificate_ids, chunk):
        transaction.on_commit(lambda ids=list(ids): render_pdfs.enqueue(ids, url))


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


EXPIRE_CHUNK = 10_000  # certificates per statement (well under every database's limit on parameters)


@transaction.atomic
def expire_certificates(today=None) -> int:
    """Record as expired the valid certificates past their last day (a daily job), in a few statements whatever
    their number: their ids are read and locked (a second run at the same moment waits, then finds none), then
    per EXPIRE_CHUNK of them one UPDATE and one INSERT … SELECT of their history rows. Nothing depends on it: a
    certificate's state on any day is read from its dates (Certificate.state_on), and what its PDF shows does not
    change (an expired certificate carries no watermark)."""
    today = today or timezone.localdate()
    due = Certificate.objects.select_for_update().filter(state=CertificateState.VALID, expires_on__lt=today)
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    for chunk in batched(ids, EXPIRE_CHUNK):
        Certificate.objects.filter(pk__in=chunk).update(state=CertificateState.EXPIRED)
        _copy_to_history(chunk, when=now, reason="expired")
    return len(ids)


def _copy_to_history(ids, *, when, reason):
    """One history row per certificate, as it stands now, written by the database in one statement (what
    simple-history writes on save(), without a round trip per row)."""
    history = Certificate.history.model
    copied = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in copied)
    history_columns = ", ".join(quote(c) for c in ("history_date", "history_type", "history_change_reason"))
    table, pk, placeholders = quote(Certificate._meta.db_table), quote(Certificate._meta.pk.column), ", ".join(
        ["%s"] * len(ids))
    # Only our models' quoted table and column names are in the text; every value is a parameter.
    sql = f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {history_columns}) "
    sql += f"SELECT {columns}, %s, %s, %s FROM {table} WHERE {pk} IN ({placeholders})"  # noqa: S608 — names only
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(when), "~", reason, *ids])


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
