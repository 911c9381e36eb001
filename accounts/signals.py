"""What the accounts app announces, for the apps above it to act on: it never imports them."""

from django.dispatch import Signal

# queue_invitation(): an account was invited (or invited again). Sent with `user`, `actor` and `url` (the
# one-time link to set the password), inside the transaction that writes the account. The portal app queues the
# invitation e-mail in its outbox and sends it after commit.
account_invited = Signal()
