"""Reads, scoped by role. Every view and admin page starts from these, never from Model.objects.all()."""

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from accounts.scoping import scoped
from ocop.cache import remember
from ocop.text import search_key
from products.enums import LAPSED, ProductStatus, Standing
from products.models import DossierEvent, Producer, Product
from products.standing import annotate_standing, recognised_on


def producers_for_user(user) -> QuerySet[Producer]:
    """Producers a logged-in user may see: all (administrator), their province (staff, official), their own."""
    qs = Producer.objects.select_related("commune", "historical_district", "province")
    return scoped(qs, user, province="province_id", producer="pk")


def products_for_user(user, day=None) -> QuerySet[Product]:
    """Products a logged-in user may see (same scope as their producers), with their standing on `day`."""
    qs = Product.objects.select_related("producer", "producer__commune", "producer__province", "group")
    return annotate_standing(scoped(qs, user, province="producer__province_id", producer="producer_id"), day)


def reevaluation_requests(user) -> QuerySet[Product]:
    """Products in scope whose producer asked for re-evaluation and whose request staff have not yet accepted
    into a round or declined (the request is the product's latest dossier step), oldest request first."""
    latest = DossierEvent.objects.filter(product=OuterRef("pk")).order_by("-created_at", "-pk")
    return (products_for_user(user)
            .annotate(last_step=Subquery(latest.values("kind")[:1]),
                      requested_at=Subquery(latest.values("created_at")[:1]),
                      request_comment=Subquery(latest.values("comment")[:1]))
            .filter(last_step=DossierEvent.Kind.REEVALUATION).order_by("requested_at", "pk"))


def enrollable_products(user, province_id) -> QuerySet[Product]:
    """The products of a province a round may take (any not already in an undecided round), by name: only what
    the enrolment list shows, with no standing to derive for thousands of products."""
    qs = scoped(Product.objects.only("pk", "name"), user, province="producer__province_id", producer="producer_id")
    return qs.filter(producer__province_id=province_id).exclude(status=ProductStatus.IN_EVALUATION).order_by("name")


# What the public may see, by the registry's "standing" filter: recognised today (the default), lapsed
# (expired or revoked), or both. A product never recognised is never public.
PUBLIC_STANDINGS = {
    "": (Standing.RECOGNISED,),
    "lapsed": LAPSED,
    "all": (Standing.RECOGNISED, *LAPSED),
}


def public_products(standing="", day=None) -> QuerySet[Product]:
    """What the public sees: the products recognised on `day` (today by default); with standing="lapsed" or
    "all", also those whose recognition expired or was revoked, each carrying its standing."""
    qs = Product.objects.select_related(
        "producer", "producer__commune", "producer__historical_district", "producer__province", "group")
    if not standing:  # the default list: recognised that day, as one join
        return recognised_on(qs, day)
    return annotate_standing(qs, day).filter(standing__in=PUBLIC_STANDINGS[standing])


def public_counts() -> dict[str, int]:
    """The home page's figures: how many products are OCOP today, from how many producers. Two counts over every
    product, so computed at most once in OCOP_PUBLIC_COUNTS_SECONDS for all servers (the shared cache), and anew
    each day: a certificate issued or revoked shows there within that time."""
    today = timezone.localdate()

    def count():
        recognised = public_products(day=today)
        return {"recognised_count": recognised.count(),
                "producer_count": recognised.values("producer_id").distinct().count()}

    return remember(f"public-counts:{today.isoformat()}", settings.OCOP_PUBLIC_COUNTS_SECONDS, count)


SEARCH_WORDS = 10


def search_products(qs: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Every word must occur in the product's name; diacritics and case are ignored ("che" finds "Chè").
    The first SEARCH_WORDS words count: a name has fewer, and a thousand words would be a thousand conditions."""
    for word in search_key(text).split()[:SEARCH_WORDS]:
        qs = qs.filter(search_name__contains=word)
    return qs

