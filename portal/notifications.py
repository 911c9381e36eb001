"""E-mail notifications in Vietnamese, through the Notification outbox.

queue_* functions write rows (idempotent: one per person and event); send_pending() sends what is unsent.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import Role
from portal.models import Notification

EXPIRY_NOTICE_MONTHS = 6


def _queue(user, key, template, context):
    if not user.email:
        return None
    with translation.override("vi"):
        text = render_to_string(template, {**context, "user": user, "site": settings.OCOP_PUBLIC_URL})
    subject, _, body = text.strip().partition("\n")
    try:
        with transaction.atomic():
            return Notification.objects.create(recipient=user, key=key, email=user.email, subject=subject.strip(),
                                               body=body.strip())
    except IntegrityError:
        return None  # already queued for this event


def producer_users(producer):
    return producer.users.filter(role=Role.PRODUCER, is_active=True)


def queue_recognition(decision):
    """One e-mail per producer account for each product recognised (and certified) by the decision."""
    queued = []
    for recognition in decision.recognitions.filter(withdrawn=False).select_related("product__producer"):
        certificate = recognition.certificates.order_by("-pk").first()
        for user in producer_users(recognition.product.producer):
            note = _queue(user, f"recognised:{recognition.pk}", "portal/email/recognised.txt",
                          {"recognition": recognition, "decision": decision, "certificate": certificate})
            if note:
                queued.append(note)
    return queued


def queue_expiring(today=None):
    """One e-mail per producer account for each valid certificate whose last day is within 6 months."""
    from certificates.enums import CertificateState
    from certificates.models import Certificate
    from certificates.numbering import add_months

    today = today or timezone.localdate()
    horizon = add_months(today, EXPIRY_NOTICE_MONTHS)
    queued = []
    for certificate in Certificate.objects.filter(state=CertificateState.VALID, expires_on__gte=today,
                                                  expires_on__lte=horizon).select_related("product__producer"):
        for user in producer_users(certificate.product.producer):
            note = _queue(user, f"expiring:{certificate.pk}", "portal/email/expiring.txt",
                          {"certificate": certificate, "days": (certificate.expires_on - today).days})
            if note:
                queued.append(note)
    return queued


def send_pending(limit=500):
    """Send unsent notifications; each is claimed by a conditional update, so two senders never send twice."""
    sent = 0
    for note in Notification.objects.filter(sent_at__isnull=True).order_by("pk")[:limit]:
        if not Notification.objects.filter(pk=note.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue
        try:
            send_mail(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, [note.email])
        except Exception:
            Notification.objects.filter(pk=note.pk).update(sent_at=None)  # retried next run
            raise
        sent += 1
    return sent


def expiring_soon(certificate, today=None):
    from certificates.enums import CertificateState
    from certificates.numbering import add_months

    today = today or timezone.localdate()
    return (certificate.current_state == CertificateState.VALID
            and certificate.expires_on <= add_months(today, EXPIRY_NOTICE_MONTHS))


