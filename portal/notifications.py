"""E-mail notifications in Vietnamese, through the Notification outbox.

queue_* functions write rows (idempotent: one per person and event); send_pending() sends what is unsent.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import Role
from certificates.enums import CertificateState
from certificates.models import Certificate
from certificates.numbering import add_months
from ocop.public_url import public_url
from portal.models import Notification

EXPIRY_NOTICE_MONTHS = 6
EXPIRING = "expiring:"  # key of an expiry notice: "expiring:<certificate id>"


def _written(user, key, template, context) -> Notification:
    """The e-mail, written in Vietnamese (first line of the template: the subject), not saved yet."""
    with translation.override("vi"):
        text = render_to_string(template, {**context, "user": user, "site": public_url()})
    subject, _, body = text.strip().partition("\n")
    return Notification(recipient=user, key=key, email=user.email, subject=subject.strip(), body=body.strip())


def queue(user, key, template, context):
    if not user.email:
        return None
    note = _written(user, key, template, context)
    try:
        with transaction.atomic():
            note.save()
            return note
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


def preview_recognition(sender, *, recognised, **kwargs):
    """Receiver of evaluation's `decision_previewed` (connected in portal.apps): the addresses queue_recognition
    would write to for these products (accounts without an e-mail get none)."""
    producers = {e.product.producer_id for e in recognised}
    addresses = {}
    accounts = get_user_model().objects.filter(producer_id__in=producers, role=Role.PRODUCER, is_active=True)
    for producer_id, email in accounts.exclude(email="").order_by("pk").values_list("producer_id", "email"):
        addresses.setdefault(producer_id, []).append(email)
    return {"emails": [(e.pk, email) for e in recognised for email in addresses.get(e.product.producer_id, [])]}


def queue_expiring(today=None):
    """One e-mail per producer account for each certificate in force whose last day is within 6 months (one
    that a renewal has superseded or that was revoked is not announced).

    One query finds the (certificate, account) pairs not announced yet; only those are read, written and
    saved (in one statement). When there is nothing new, that query is all: nothing is rendered. Two runs at the
    same moment queue each e-mail once (the outbox's unique key; the loser's rows are dropped by the database)."""
    today = today or timezone.localdate()
    horizon = add_months(today, EXPIRY_NOTICE_MONTHS)
    users = "product__producer__users"
    announced = Notification.objects.filter(recipient=OuterRef("recipient_id"),
                                            key=Concat(Value(EXPIRING), Cast(OuterRef("pk"), CharField())))
    pairs = list(Certificate.objects.in_force_on(today).filter(expires_on__lte=horizon)
                 .filter(**{f"{users}__role": Role.PRODUCER, f"{users}__is_active": True, f"{users}__email__gt": ""})
                 .annotate(recipient_id=F(users)).filter(~Exists(announced))
                 .order_by("pk", "recipient_id").values_list("pk", "recipient_id"))
    if not pairs:
        return []
    certificates = Certificate.objects.in_bulk({certificate for certificate, _user in pairs})
    recipients = get_user_model().objects.in_bulk({user for _certificate, user in pairs})
    notes = [_written(recipients[user], f"{EXPIRING}{certificate}", "portal/email/expiring.txt", {
        "certificate": certificates[certificate], "days": (certificates[certificate].expires_on - today).days})
        for certificate, user in pairs]
    return Notification.objects.bulk_create(notes, ignore_conflicts=True)


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
