"""Reads, scoped by role. Every view and admin page starts from these, never from Model.objects.all()."""

from django.db.models import QuerySet

from accounts.scoping import scoped
from ocop.text import search_key
from products.enums import ProductStatus
from products.models import Producer, Product


def producers_for_user(user) -> QuerySet[Producer]:
    """Producers a logged-in user may see: all (administrator), their province (staff, official), their own."""
    qs = Producer.objects.select_related("commune", "historical_district", "province")
    return scoped(qs, user, province="province_id", producer="pk")


def products_for_user(user) -> QuerySet[Product]:
    """Products a logged-in user may see (same scope as their producers)."""
    qs = Product.objects.select_related("producer", "producer__commune", "producer__province", "group")
    return scoped(qs, user, province="producer__province_id", producer="producer_id")


def public_products() -> QuerySet[Product]:
    """What the public sees: recognised products only."""
    return Product.objects.filter(status=ProductStatus.RECOGNISED).select_related(
        "producer", "producer__commune", "producer__historical_district", "producer__province", "group"
    )


def search_products(qs: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Every word must occur in the product's name; diacritics and case are ignored ("che" finds "Chè")."""
    for word in search_key(text).split():
        qs = qs.filter(search_name__contains=word)
    return qs


def current_recognition(product):
    """The decision that gives the product its current stars (None if it has none)."""
    return (product.recognitions.filter(withdrawn=False).select_related("decision")
            .order_by("-decision__signed_on", "-pk").first())
