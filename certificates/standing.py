"""A product's OCOP standing on a day — the registry's one answer to "is this product OCOP today, at how many
stars, until when?" — derived from its certificates, here and nowhere else.

The certificate that governs a product on a day is the latest one in force from that day or before (a renewal
or a correction takes over from the certificate it supersedes). Its state on that day
(CertificateQuerySet.with_state_on) gives the standing:

- valid → recognised, at its stars, until its last day;
- past its last day → expired ("hết hạn");
- revoked on or before that day → revoked ("bị thu hồi");
- a product with no certificate in force from that day or before has no standing ("none").

`annotate_standing` is the one query annotation (every list, count, filter, search and report uses it);
`standing_of` is the one function for a single product (it reads the annotation, or runs it for that product).
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from certificates.enums import CertificateState
from certificates.models import Certificate
from products.enums import Standing

FIELDS = ("standing", "standing_stars", "standing_until", "standing_year", "standing_certificate_id", "standing_day")


def annotate_standing(products: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """Annotate each product with its standing on `day` (today by default): `standing` (a Standing code),
    `standing_stars`, `standing_until` (last day of validity), `standing_year` (year of the decision) and
    `standing_certificate_id` of the governing certificate."""
    day = day or timezone.localdate()
    governing = (Certificate.objects.filter(product=OuterRef("pk"), in_force_from__lte=day).with_state_on(day)
                 .order_by("-in_force_from", "-pk"))

    def first(field):
        return Subquery(governing.values(field)[:1])

    return products.annotate(
        standing_certificate_id=first("pk"), standing_stars=first("stars"), standing_until=first("expires_on"),
        standing_year=first("year"), standing_state=first("state_on"),
        standing_day=Value(day, output_field=DateField()),
    ).annotate(standing=Case(
        When(standing_state=CertificateState.VALID, then=Value(Standing.RECOGNISED.value)),
        When(standing_state=CertificateState.REVOKED, then=Value(Standing.REVOKED.value)),
        When(standing_state__in=[CertificateState.EXPIRED, CertificateState.SUPERSEDED],
             then=Value(Standing.EXPIRED.value)),
        default=Value(Standing.NONE.value), output_field=CharField(),
    ))


def annotate_recognised(products: QuerySet, day: datetime.date | None = None) -> QuerySet:
    """The products recognised on `day`, annotated like `annotate_standing`: the same answer as
    `annotate_standing(products, day).filter(standing="recognised")`, as one join instead of five subqueries per
    product (the registry's default list, its counts and its filter choices, at national scale).

    It rests on the rule that makes the standing well defined: at most one certificate of a product is in force on
    any day, because a new certificate supersedes (ends) the one in force when it comes into force. The governing
    certificate of a recognised product is then the one in force; tests/certificates/test_standing.py checks that
    both forms agree."""
    day = day or timezone.localdate()
    in_force = (Q(certificates__in_force_from__lte=day, certificates__expires_on__gte=day)
                & (Q(certificates__ended_on__isnull=True) | Q(certificates__ended_on__gt=day)))
    return products.annotate(governing=FilteredRelation("certificates", condition=in_force)).filter(
        governing__isnull=False).annotate(
        standing_certificate_id=F("governing__id"), standing_stars=F("governing__stars"),
        standing_until=F("governing__expires_on"), standing_year=F("governing__year"),
        standing_state=Value(CertificateState.VALID.value, output_field=CharField()),
        standing_day=Value(day, output_field=DateField()),
        standing=Value(Standing.RECOGNISED.value, output_field=CharField()))


@dataclass(frozen=True)
class ProductStanding:
    code: Standing
    stars: int | None = None
    until: datetime.date | None = None
    year: int | None = None
    certificate_id: int | None = None

    @property
    def is_recognised(self):
        return self.code == Standing.RECOGNISED

    @property
    def label(self):
        return self.code.label


def standing_of(product, day: datetime.date | None = None) -> ProductStanding:
    """The standing of one product on `day` (today by default): from its annotation when it carries one for
    that day, else from the same annotation run for that product alone."""
    day = day or timezone.localdate()
    if getattr(product, "standing_day", None) == day:
        row = {f: getattr(product, f) for f in FIELDS}
    else:
        row = annotate_standing(type(product).objects.filter(pk=product.pk), day).values(*FIELDS).get()
    return ProductStanding(Standing(row["standing"]), row["standing_stars"], row["standing_until"],
                           row["standing_year"], row["standing_certificate_id"])
