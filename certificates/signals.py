"""What the certificates app announces, for the apps above it to act on: it never imports them."""

from django.dispatch import Signal

# issue_certificates(): a decision's certificates are issued, inside the decision's transaction. Sent with
# `decision` and `certificates` (those issued now). The portal app queues one e-mail per producer account.
decision_certified = Signal()
