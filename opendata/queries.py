"""What the open data publishes: the public registry (products.queries.public_products, standing from
certificates.standing through it), filtered as the web registry filters it, and each product, producer and
certificate as one plain row. The API, the snapshots and the tests all read these functions, so the three agree."""

from django.db.models import Case, Exists, OuterRef, QuerySet, When
from django.urls import reverse

from certificates.enums import CertificateState
from certificates.models import Certificate
from ocop.text import search_key
from products.enums import Standing
from products.filters import RegistryFilter
from products.models import Producer, Product
from products.queries import PUBLIC_STANDINGS, SEARCH_WORDS, public_products, search_products

# The web registry's filters, by the same names and on the same fields (products/filters.py): a filter changed
# there changes here.
FIELD_FILTERS = ("province", "district", "commune", "group", "stars", "year", "producer_type")
FILTER_FIELDS = {name: RegistryFilter.base_filters[name].field_name for name in FIELD_FILTERS}
PRODUCER_FILTERS = {"province": "province", "district": "historical_district", "commune": "commune",
                    "producer_type": "legal_type"}


def standing_key(value) -> str:
    """The registry's standing filter: "" (recognised today), "lapsed" or "all"; anything else is the default."""
    return value if value in PUBLIC_STANDINGS else ""


def registry_products(filters: dict, day=None) -> QuerySet[Product]:
    """The public products with their standing on `day` (today by default), filtered like the web registry's
    /products/ (q, province, district, commune, group, stars, year, producer_type, standing) and in its order:
    recognised first, then by stars (most first), name and id. A filter whose value matches nothing gives
    nothing (the web form ignores a value it does not offer; an API answers what was asked)."""
    qs = public_products(standing_key(filters.get("standing")), day)
    if filters.get("q"):
        qs = search_products(qs, filters["q"])
    for name, field in FILTER_FIELDS.items():
        if filters.get(name) not in (None, ""):
            qs = qs.filter(**{field: filters[name]})
    recognised_first = Case(When(standing=Standing.RECOGNISED, then=0), default=1)
    return qs.order_by(recognised_first, "-standing_stars", "name", "pk")


def public_product(pk):
    """A product that is or was OCOP (the web page /products/<id>/ shows the same ones), or None."""
    return public_products("all").filter(pk=pk).first()


def public_producers(filters: dict) -> QuerySet[Producer]:
    """Producers with at least one public product under the standing filter (recognised today by default)."""
    products = public_products(standing_key(filters.get("standing"))).filter(producer=OuterRef("pk"))
    qs = Producer.objects.select_related("commune", "historical_district", "province").filter(Exists(products))
    if filters.get("q"):
        for word in search_key(filters["q"]).split()[:SEARCH_WORDS]:
            qs = qs.filter(search_name__contains=word)
    for name, field in PRODUCER_FILTERS.items():
        if filters.get(name) not in (None, ""):
            qs = qs.filter(**{field: filters[name]})
    return qs.order_by("name", "pk")


def public_producer(pk):
    return public_producers({"standing": "all"}).filter(pk=pk).first()


# --- rows --------------------------------------------------------------------------------------------------

def _place(unit):
    return {"id": unit.pk, "name": unit.name} if unit is not None else None


def producer_brief(producer) -> dict:
    """What the web product page shows of a producer (never its registration code, representative or e-mail)."""
    return {"id": producer.pk, "name": producer.name, "legal_type": producer.legal_type,
            "legal_type_label": str(producer.get_legal_type_display()), "address": producer.address,
            "commune": _place(producer.commune), "district": _place(producer.historical_district),
            "province": {"id": producer.province.pk, "name": producer.province.short_name}}


def producer_row(producer) -> dict:
    # The phone is shown on the web product page; the e-mail and website are not, so they are not published.
    return {**producer_brief(producer), "phone": producer.phone or None}


def _certificates_of(products) -> dict:
    """The governing certificates of a page of products, in one query."""
    ids = [p.standing_certificate_id for p in products if p.standing_certificate_id]
    rows = Certificate.objects.filter(pk__in=ids).values("pk", "number", "decision_number", "decision_date")
    return {row["pk"]: row for row in rows}


def product_rows(products) -> list[dict]:
    """Each product as a plain row (dates as dates): two queries for any number of products (their governing
    certificates), the products having come from registry_products or public_products."""
    products = list(products)
    certificates = _certificates_of(products)
    return [product_row(p, certificates.get(p.standing_certificate_id)) for p in products]


def product_row(product, certificate) -> dict:
    return {
        "id": product.pk,
        "name": product.name,
        "url": reverse("products:detail", args=[product.pk]),
        "group": {"id": product.group.pk, "name": product.group.name, "sector": product.group.sector,
                  "category": product.group.category or None, "scheme": product.group.scheme},
        "producer": producer_brief(product.producer),
        "standing": {
            "code": product.standing,
            "label": str(Standing(product.standing).label),
            "stars": product.standing_stars,
            "valid_until": product.standing_until,
            "year": product.standing_year,
            "certificate": certificate["number"] if certificate else None,
            "decision_number": certificate["decision_number"] if certificate else None,
            "decision_date": certificate["decision_date"] if certificate else None,
        },
    }


def certificate_brief(certificate, day) -> dict:
    state = certificate.state_on(day)
    return {
        "number": certificate.number, "stars": certificate.stars, "state": state.value, "state_label": str(state.label),
        "decision_number": certificate.decision_number, "decision_date": certificate.decision_date,
        "issuing_body": certificate.issuing_body, "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "ended_on": certificate.ended_on if state in (CertificateState.REVOKED, CertificateState.SUPERSEDED) else None,
        "revoked_reason": certificate.revoked_reason if state == CertificateState.REVOKED else None,
        "verify_url": certificate.get_absolute_url(),
    }


def verification_row(certificate, day) -> dict:
    """What /verify/<number>/ shows: the certificate's state today and what it certifies (no private data)."""
    superseded_by = certificate.superseded_by if certificate.superseded_by_id else None
    state = certificate.state_on(day)
    return {
        **certificate_brief(certificate, day),
        "valid": state == CertificateState.VALID,
        "product_id": certificate.product_id,
        "product_name": certificate.product_name,
        "product_group": certificate.product_group,
        "producer_name": certificate.producer_name,
        "province": certificate.province_name,
        "superseded_by": superseded_by.number if superseded_by and state == CertificateState.SUPERSEDED else None,
        "replaced_by_correction": bool(superseded_by and state == CertificateState.SUPERSEDED
                                       and certificate.replaced_by_correction),
    }
