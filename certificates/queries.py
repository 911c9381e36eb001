from django.db.models import QuerySet

from accounts.roles import PROVINCE_ROLES
from certificates.models import Certificate, PrintJob


def certificates_for_user(user) -> QuerySet[Certificate]:
    """Producers: their own; staff and officials: their province; administrators: all; anonymous: none."""
    qs = Certificate.objects.all()
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_administrator:
        return qs
    if user.role in PROVINCE_ROLES:
        return qs.filter(province_id=user.province_id)
    if user.producer_id:
        return qs.filter(product__producer_id=user.producer_id)
    return qs.none()


def jobs_for_user(user) -> QuerySet[PrintJob]:
    qs = PrintJob.objects.all()
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_administrator:
        return qs
    if user.role in PROVINCE_ROLES:
        return qs.filter(province_id=user.province_id)
    return qs.none()


def batch_certificates(*, province, year=None, decision=None) -> QuerySet[Certificate]:
    """What a batch prints, in the decisions' order: every certificate of a decision, or of a province's year."""
    qs = Certificate.objects.filter(province=province)
    qs = qs.filter(decision=decision) if decision is not None else qs.filter(year=year)
    return qs.order_by("decision_date", "decision_id", "position", "pk")


def find_certificate(number: str):
    return Certificate.objects.filter(number=number.strip().upper()).first()
