"""Each product's story as its producer sees it, built from the real records (SPEC §4)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.roles import PROVINCE_ROLES
from certificates.enums import CertificateState
from certificates.standing import standing_of
from evaluation.enums import Outcome, RoundState
from ocop.text import points_text
from portal.notifications import expiring_soon, expiring_soon_on
from products.enums import ProductStatus, Standing


@dataclass
class Step:
    day: date
    label: str
    detail: str = ""
    tone: str = "done"  # done, current, warning, future


def _as_date(value):
    return timezone.localdate(value) if hasattr(value, "tzinfo") else value


def product_timeline(product, user) -> list[Step]:
    """Dated steps, oldest first. Points and stars appear only once the round is decided, unless the
    reader is staff of the province (who see staged results)."""
    staff = user.is_administrator or user.role in PROVINCE_ROLES
    today = timezone.localdate()
    steps = [Step(_as_date(product.created_at), pgettext("timeline", "Product registered"))]
    for event in product.dossier_events.all():
        steps.append(Step(_as_date(event.created_at), event.get_kind_display(), event.comment,
                          "warning" if event.kind == "returned" else "done"))
    for enrolment in product.enrolments.all():
        round_ = enrolment.round
        steps.append(Step(round_.starts_on, _("In %(round)s (%(level)s)") % {
            "round": round_, "level": round_.get_level_display()}, tone="done" if round_.is_decided else "current"))
        if round_.state == RoundState.CANCELLED:
            steps.append(Step(round_.starts_on, _("Round cancelled: the product was released"), tone="warning"))
            continue
        if round_.state == RoundState.DECIDED or staff:
            if enrolment.points is not None:
                decision = getattr(round_, "decision", None)
                result = (_("%(points)s points, %(stars)s stars") % {"points": points_text(enrolment.points),
                                                                    "stars": enrolment.stars}
                          if enrolment.stars else enrolment.get_outcome_display())
                steps.append(Step(decision.signed_on if decision else round_.starts_on, _("Scored"), result,
                                  "done" if decision else "current"))
        if round_.state == RoundState.DECIDED:
            decision = round_.decision
            if enrolment.outcome == Outcome.RECOGNISED:
                steps.append(Step(decision.signed_on, _("Recognised"),
                                  _("Decision %(number)s") % {"number": decision.number}))
    for certificate in product.certificates.all():
        steps.append(Step(certificate.issued_on, _("Certificate issued"),
                          _("No. %(number)s, %(stars)s stars") % {"number": certificate.number,
                                                                  "stars": certificate.stars}))
        state = certificate.state_on(today)
        if state == CertificateState.REVOKED:
            steps.append(Step(certificate.ended_on, _("Certificate revoked"),
                              certificate.revoked_reason, "warning"))
        elif state == CertificateState.SUPERSEDED:
            steps.append(Step(certificate.superseded_by.issued_on, _("Re-evaluated"),
                              _("replaced by certificate %(number)s") % {"number": certificate.superseded_by.number}))
        elif state == CertificateState.EXPIRED:
            steps.append(Step(certificate.expires_on, _("Certificate expired"), tone="warning"))
        else:
            steps.append(Step(certificate.expires_on, _("Certificate valid until"), tone=(
                "warning" if expiring_soon(certificate) else "future")))
    return sorted(steps, key=lambda s: (s.day, s.tone == "future"))


def product_page_context(sender, *, product, user, **kwargs) -> dict:
    """Receiver of products' `product_page` (connected in portal.apps): the product's status and timeline."""
    return {"status": current_status(product), "timeline": product_timeline(product, user)}


def current_status(product) -> tuple[str, str]:
    """(label, tone) of where the product stands now: its OCOP standing first (certificates/standing.py),
    then where its workflow is."""
    standing = standing_of(product)
    if standing.is_recognised:
        until = standing.until.strftime("%d/%m/%Y")
        if expiring_soon_on(standing.until):
            return _("Certificate expiring soon (%(date)s)") % {"date": until}, "warning"
        return _("Certificate valid until %(date)s") % {"date": until}, "done"
    enrolments = list(product.enrolments.all())
    open_rounds = [e.round for e in enrolments if e.round.state not in (RoundState.DECIDED, RoundState.CANCELLED)]
    if open_rounds:
        return _("Under evaluation: %(round)s") % {"round": open_rounds[-1]}, "current"
    if standing.code == Standing.EXPIRED:
        return _("Recognition expired on %(date)s") % {"date": standing.until.strftime("%d/%m/%Y")}, "warning"
    if standing.code == Standing.REVOKED:
        return _("Certificate revoked"), "warning"
    if product.status == ProductStatus.SUBMITTED:
        return _("Dossier submitted"), "current"
    decided = [e for e in enrolments if e.round.state == RoundState.DECIDED]
    if product.status == ProductStatus.DECIDED and decided:
        last = decided[-1]
        if last.outcome == Outcome.SCREENED:
            return _("Screened by the commune: %(stars)s stars (no certificate)") % {"stars": last.stars}, "warning"
        return last.get_outcome_display(), "warning"
    returned = [e for e in product.dossier_events.all() if e.kind == "returned"]
    if returned and returned[-1] == list(product.dossier_events.all())[-1]:
        return _("Dossier returned: please complete it"), "warning"
    return _("Registered"), "current"
