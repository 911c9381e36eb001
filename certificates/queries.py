from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.scoping import scoped
from certificates.models import Certificate, PrintJob, RevocationRequest
from certificates.numbering import NUMBER_SHAPE


def certificates_for_user(user) -> QuerySet[Certificate]:
    """Producers: their own; staff and officials: their province; administrators: all; anonymous: none."""
    return scoped(Certificate.objects.all(), user, province="province_id", producer="product__producer_id")


def jobs_for_user(user) -> QuerySet[PrintJob]:
    return scoped(PrintJob.objects.all(), user, province="province_id")


def open_revocation_requests(user, day) -> QuerySet[RevocationRequest]:
    """Requests still waiting for an official on `day` (RevocationRequest.objects.open_on)."""
    qs = RevocationRequest.objects.open_on(day)
    return scoped(qs, user, province="certificate__province_id")


def batch_certificates(*, province, year=None, decision=None) -> QuerySet[Certificate]:
    """What a batch prints, in the decisions' order: every certificate of a decision, or of a province's year."""
    qs = Certificate.objects.filter(province=province)
    qs = qs.filter(decision=decision) if decision is not None else qs.filter(year=year)
    return qs.order_by("decision_date", "decision_id", "position", "pk")


def find_certificate(number: str):
    """The certificate of a number typed or scanned by anyone, whatever the case; None if there is none."""
    number = number.strip()
    if not NUMBER_SHAPE.fullmatch(number):
        return None
    return Certificate.objects.filter(number=number.upper()).first()  # stored in capitals: the unique index


def certificate_or_404(qs: QuerySet[Certificate], number: str) -> Certificate:
    if not NUMBER_SHAPE.fullmatch(number):
        raise Http404
    return get_object_or_404(qs, number=number)
