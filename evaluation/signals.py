"""What the evaluation app announces, for the apps above it to act on: it never imports them.

Both are sent inside the transaction of the change: what a receiver writes commits or rolls back with it, and
an exception in a receiver undoes the whole change.
"""

from django.dispatch import Signal

# finalise_decision(): the decision is recorded and the round decided. Sent with `decision` and `actor`.
# The certificates app issues the decision's certificates (and announces them to the portal, which tells the
# producers: certificates.signals).
decision_finalised = Signal()

# correct_scores(): a recorded correction of a decided round. Sent with `recognition` (None when the correction
# withdrew it), `enrolment`, `reason` and `actor`. The certificates app reprints or revokes the certificate.
scores_corrected = Signal()

# preview_decision(): what finalising would do, asked before anything is written. Sent with `evaluation_round`,
# `recognised` (the enrolments that would be recognised, in the decision's order) and `year`. Each receiver
# returns a dict merged into the preview: the certificates app {"certificates": {enrolment pk: number}}
# (numbers computed, not taken), the portal {"emails": [(enrolment pk, address)]}. Receivers write nothing.
decision_previewed = Signal()
