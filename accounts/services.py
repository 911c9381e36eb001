"""Accounts: staff invite producer accounts; the producer sets a password through the link."""

from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.signals import account_invited
from ocop.errors import DomainError
from ocop.public_url import public_url


class AccountError(DomainError):
    """A refusal of the accounts app."""


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:set_password", args=[uid, default_token_generator.make_token(user)])
    return public_url() + path


@transaction.atomic
def invite_producer_user(producer, *, username, email, full_name, actor) -> User:
    """A producer account with no password yet; the invitation e-mail carries a one-time link to set it."""
    if not (actor.is_administrator or (actor.role == Role.STAFF and actor.province_id == producer.province_id)):
        raise AccountError(_("You can invite accounts only for producers of your province."))
    taken = AccountError(_("The login name “%(username)s” is taken.") % {"username": username})
    if User.objects.filter(username__iexact=username).exists():
        raise taken
    first, _sep, last = full_name.strip().rpartition(" ")
    user = User(username=username, email=email, role=Role.PRODUCER, producer=producer,
                first_name=first or last, last_name=last if first else "")
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same invitation submitted twice at once: the other one created it
        raise taken from None
    queue_invitation(user, actor)
    return user


def queue_invitation(user, actor):
    """The invitation goes through the outbox (the portal app's, told by the `account_invited` signal): written
    with the account, sent after commit and retried by `send_notifications` if the mail server fails. Staff may
    send it again (a new link) any time."""
    account_invited.send(sender=User, user=user, actor=actor, url=set_password_url(user))
