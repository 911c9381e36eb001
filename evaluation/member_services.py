"""Council members scoring on their own device: links, their own sheet, submitting it once.

The scores go through the same writer, parser, guards and result staging as the sheet staff type
(evaluation.services), so the rules and the history are the same whoever enters a score."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.enums import SCORES_EDITABLE_IN, RoundState
from evaluation.errors import EvaluationError, RoundLocked
from evaluation.models import CouncilMember, Enrolment, EvaluationRound, MemberLink, MemberSubmission, Score
from evaluation.queries import score_sheet
from evaluation.rules import spread
from evaluation.services import (
    _stamp,
    _write_scores,
    columns_by_group,
    columns_for,
    recompute_result,
    sheet_totals,
)

LINK_SALT = "evaluation.member-link"
LINK_VALID_FOR = timedelta(days=3)  # a council meets over a day or two; a link left in a mailbox must not last
COMMENT_MAX = 500


class MemberLinkRefused(EvaluationError):
    """A link that is not (or no longer) a way in."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_link(member, *, actor, valid_for=LINK_VALID_FOR):
    """A new one-time link for `member`; returns the token to put in the URL (shown once, never stored)."""
    round_ = member.round
    if not round_.members_score_online:
        raise EvaluationError(_("Members of this round do not score on their own device: turn the option on first."))
    if round_.state not in SCORES_EDITABLE_IN:
        raise RoundLocked.for_state(round_.state)
    if MemberSubmission.objects.filter(member=member).exists():
        raise EvaluationError(_("%(name)s has already submitted their sheet.") % {"name": member.name})
    # The member's earlier links stop working: only the last one handed over opens the sheet.
    MemberLink.objects.filter(member=member, used_at__isnull=True, expires_at__gt=timezone.now()).update(
        expires_at=timezone.now())
    secret = secrets.token_urlsafe(24)
    link = MemberLink.objects.create(member=member, digest=_digest(secret), created_by=actor,
                                     expires_at=timezone.now() + valid_for)
    return signing.dumps({"l": link.pk, "s": secret}, salt=LINK_SALT)


def _refused():
    return MemberLinkRefused(_("This link cannot be used: it was already used, it has expired or it is not valid. "
                               "Ask the council's secretary for a new link."))


@transaction.atomic
def open_link(token):
    """The member a link opens, once: the link is spent whether or not the member goes on."""
    try:
        data = signing.loads(str(token), salt=LINK_SALT, max_age=LINK_VALID_FOR)
        link_id, secret = int(data["l"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        raise _refused() from None
    link = MemberLink.objects.select_related("member__round").filter(pk=link_id).first()
    now = timezone.now()
    if link is None or not hmac.compare_digest(link.digest, _digest(secret)) or link.expires_at <= now:
        raise _refused()
    # Spent by one request only, even when two open it at the same moment.
    if not MemberLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
        raise _refused()
    if not link.member.round.members_score_online:
        raise _refused()
    return link


def has_submitted(member) -> bool:
    return MemberSubmission.objects.filter(member=member).exists()


def _check_may_score(member, round_):
    if not round_.members_score_online:
        raise EvaluationError(_("Members of this round do not score on their own device."))
    if round_.state not in SCORES_EDITABLE_IN:
        raise RoundLocked.for_state(round_.state)
    if MemberSubmission.objects.filter(member=member).exists():
        raise EvaluationError(_("You have submitted your sheet: it can no longer be changed."))


@transaction.atomic
def save_member_sheet(member, enrolment, points, comments):
    """Save a member's own sheet for one product: `points` {column key: typed text or None}, `comments`
    {column key: text}. Only their own cells; the product's result is staged again."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=member.round_id)  # serialise with closing
    member = CouncilMember.objects.get(pk=member.pk)
    _check_may_score(member, round_)
    if enrolment.round_id != round_.pk:
        raise EvaluationError(_("This product is not in your round."))
    enrolment = Enrolment.objects.select_related("round", "product").get(pk=enrolment.pk)
    keys = {c.key for c in columns_for(enrolment)}
    if set(points) - keys or set(comments) - keys:
        raise EvaluationError(_("This score does not belong to the round's sheet."))
    reason = _("Entered by council member %(name)s on their own device.") % {"name": member.name}
    _write_scores(enrolment, {(member.pk, key): raw for key, raw in points.items()}, None, reason)
    for score in Score.objects.filter(enrolment=enrolment, member=member):
        key = f"c{score.criterion_id}" if score.criterion_id else f"p{score.part_id}"
        comment = (comments.get(key) or "").strip()[:COMMENT_MAX]
        if key in comments and comment != score.comment:
            score.comment = comment
            _stamp(score, None, reason).save(update_fields=["comment"])
    # A staff sheet opened before this save then reports a conflict instead of overwriting it.
    Enrolment.objects.filter(pk=enrolment.pk).update(version=F("version") + 1)
    enrolment.refresh_from_db()
    return recompute_result(enrolment, reason=reason)


def incomplete_products(member, round_):
    """The products of the round whose sheet this member has not fully filled in."""
    enrolments = list(round_.enrolments.select_related("product"))
    counts = {}
    for enrolment_id in Score.objects.filter(enrolment__round=round_, member=member).values_list("enrolment_id",
                                                                                                  flat=True):
        counts[enrolment_id] = counts.get(enrolment_id, 0) + 1
    columns = columns_by_group(round_, [e.product.group_id for e in enrolments])
    return [e for e in enrolments if counts.get(e.pk, 0) != len(columns[e.product.group_id])]


@transaction.atomic
def submit_sheet(member):
    """Submit the member's whole sheet, once: every product scored in full; read-only from then on."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=member.round_id)
    _check_may_score(member, round_)
    missing = incomplete_products(member, round_)
    if missing:
        raise EvaluationError(_("Score every product in full before submitting: %(products)s.")
                              % {"products": ", ".join(e.product.name for e in missing)})
    try:
        with transaction.atomic():
            return MemberSubmission.objects.create(member=member)
    except IntegrityError:
        raise EvaluationError(_("You have submitted your sheet: it can no longer be changed.")) from None


@transaction.atomic
def set_members_score_online(round_, on, *, actor):
    """Turn the round's option on or off (while its scores may still change), in the round's history."""
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state not in (RoundState.DRAFT, RoundState.SCORING):
        raise RoundLocked.for_state(round_.state)
    round_.members_score_online = bool(on)
    _stamp(round_, actor).save(update_fields=["members_score_online"])
    return round_


# --- reads -------------------------------------------------------------------------------------

def council_status(round_):
    """What the secretary follows live: who submitted, how far each member is, and the spread alerts
    (products whose complete sheets differ by more than the round allows). A fixed number of queries."""
    members, rows = score_sheet(round_)
    submitted = {s.member_id: s.submitted_at for s in MemberSubmission.objects.filter(member__round=round_)}
    done = {m.pk: 0 for m in members}
    alerts = []
    for row in rows:
        totals, _partial = sheet_totals(row.enrolment, len(row.columns), list(row.enrolment.scores.all()))
        for member_id in totals:
            done[member_id] = done.get(member_id, 0) + 1
        gap = spread(totals.values())
        if len(totals) > 1 and gap > round_.max_spread:
            alerts.append({"product": row.enrolment.product.name, "spread": gap, "max": round_.max_spread})
    return {
        "members": [{"id": m.pk, "name": m.name, "role": m.get_role_display(), "submitted_at": submitted.get(m.pk),
                     "products_done": done.get(m.pk, 0)} for m in members],
        "products": len(rows),
        "submitted": len(submitted),
        "alerts": alerts,
    }
