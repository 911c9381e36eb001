"""E-mail notifications in Vietnamese, through the Notification outbox.

queue_* functions write rows (idempotent: one per person and event); send_pending() sends what is unsent.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import Role
from certificates.enums import CertificateState
from certificates.models import Certificate
from certificates.numbering import add_months
from ocop.public_url import public_url
from portal.models import Notification

EXPIRY_NOTICE_MONTHS = 6


def queue(user, key, template, context):
    if not user.email:
        return None
    with translation.override("vi"):
        text = render_to_string(template, {**context, "user": user, "site": public_url()})
    subject, _, body = text.strip().partition("\n")
    try:
        with transaction.atomic():
            return Notification.objects.create(recipient=user, key=key, email=user.email, subject=subject.strip(),
                                               body=body.strip())
    except IntegrityError:
        return None  # already queued for this event


def queue_invitation(sender, *, user, actor, url, **kwargs):
    """Receiver of accounts' `account_invited` (connected in portal.apps): the invitation e-mail, sent after
    commit (and retried by `send_notifications` if the mail server fails)."""
    note = queue(user, f"invite:{timezone.now().isoformat()}", "accounts/invite_email.txt",
                 {"producer": user.producer, "url": url, "inviter": actor})
    transaction.on_commit(send_pending)
    return note


def queue_recognised(sender, *, decision, **kwargs):
    """Receiver of certificates' `decision_certified` (connected in portal.apps)."""
    queue_recognition(decision)


def producer_users(producer):
    return producer.users.filter(role=Role.PRODUCER, is_active=True)


def queue_recognition(decision):
    """One e-mail per producer account for each product recognised (and certified) by the decision."""
    queued = []
    for recognition in decision.recognitions.filter(withdrawn=False).select_related("product__producer"):
        certificate = recognition.certificates.order_by("-pk").first()
        for user in producer_users(recognition.product.producer):
            note = queue(user, f"recognised:{recognition.pk}", "portal/email/recognised.txt",
                          {"recognition": recognition, "decision": decision, "certificate": certificate})
            if note:
                queued.append(note)
    return queued


def queue_expiring(today=None):
    """One e-mail per producer account for each certificate in force whose last day is within 6 months (one
    that a renewal has superseded or that was revoked is not announced)."""
    today = today or timezone.localdate()
    horizon = add_months(today, EXPIRY_NOTICE_MONTHS)
    queued = []
    for certificate in Certificate.objects.in_force_on(today).filter(expires_on__lte=horizon).select_related(
            "product__producer"):
        for user in producer_users(certificate.product.producer):
            note = queue(user, f"expiring:{certificate.pk}", "portal/email/expiring.txt",
                          {"certificate": certificate, "days": (certificate.expires_on - today).days})
            if note:
                queued.append(note)
    return queued


MAX_ATTEMPTS = 5
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)


def send_pending(limit=500):
    """Send unsent notifications. Each row is claimed by a conditional update (two senders never take the
    same row), marked sent only once the mail server accepted it, and a failing address is retried on later
    runs (at most MAX_ATTEMPTS times) without holding up the others."""
    sent = 0
    now = timezone.now()
    pending = (Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
               .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)).order_by("pk"))
    for note in pending[:limit]:
        claim = Notification.objects.filter(pk=note.pk, sent_at__isnull=True, claimed_at=note.claimed_at)
        if not claim.update(claimed_at=now):
            continue
        try:
            send_mail(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, [note.email])
        except Exception as error:  # recorded; the next rows are still sent
            Notification.objects.filter(pk=note.pk).update(claimed_at=None, attempts=F("attempts") + 1,
                                                           last_error=str(error)[:1000])
            continue
        Notification.objects.filter(pk=note.pk).update(sent_at=timezone.now(), attempts=F("attempts") + 1)
        sent += 1
    return sent


def expiring_soon_on(last_day, today=None):
    """A last day of validity within the notice period (6 months) from today."""
    today = today or timezone.localdate()
    return last_day <= add_months(today, EXPIRY_NOTICE_MONTHS)


def expiring_soon(certificate, today=None):
    today = today or timezone.localdate()
    return certificate.state_on(today) == CertificateState.VALID and expiring_soon_on(certificate.expires_on, today)
