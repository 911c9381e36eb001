"""Reads of product ideas, scoped by role: administrators all; the province's staff and officials their
province; commune staff their commune; producers the ideas naming them; anyone else nothing."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.roles import Role
from accounts.scoping import scoped
from geo.models import Commune
from ocop.text import search_key
from products.classification import scheme_on
from products.models import Producer, ProductGroup
from products.queries import SEARCH_WORDS
from programme.enums import IdeaStatus
from programme.models import IdeaEvent, ProductIdea

# The order of the lists: what waits for the reader first — returned ideas for their authors (commune staff,
# producers), submitted and selected ones for the province.
FIRST_FOR_AUTHORS = (IdeaStatus.RETURNED, IdeaStatus.SUBMITTED, IdeaStatus.SELECTED, IdeaStatus.REGISTERED,
                     IdeaStatus.REJECTED)
FIRST_FOR_PROVINCE = (IdeaStatus.SUBMITTED, IdeaStatus.SELECTED, IdeaStatus.RETURNED, IdeaStatus.REGISTERED,
                      IdeaStatus.REJECTED)


def ideas_for_user(user) -> QuerySet[ProductIdea]:
    qs = ProductIdea.objects.select_related("commune", "province", "producer", "group", "product")
    return scoped(qs, user, province="province_id", producer="producer_id", commune="commune_id")


def idea_steps(idea) -> QuerySet[IdeaEvent]:
    return IdeaEvent.objects.filter(idea=idea).select_related("actor").order_by("created_at", "pk")


def search_ideas(qs: QuerySet[ProductIdea], text: str) -> QuerySet[ProductIdea]:
    """Every word in the product's name, the proposed producer's or the registered producer's, with or without
    diacritics."""
    for word in search_key(text).split()[:SEARCH_WORDS]:
        qs = qs.filter(Q(search_name__contains=word) | Q(producer__search_name__contains=word))
    return qs


def communes_for_user(user) -> QuerySet[Commune]:
    """The communes whose ideas the user may list: their province's (staff, officials), their own (commune staff),
    every one (administrators); producers filter by none."""
    qs = Commune.objects.only("pk", "name").order_by("name")
    if user.is_administrator:
        return qs.filter(pk__in=ProductIdea.objects.values("commune_id"))
    if user.role == Role.COMMUNE:
        return qs.filter(pk=user.commune_id)
    if user.role in (Role.STAFF, Role.OFFICIAL):
        return qs.filter(province_id=user.province_id)
    return qs.none()


def commune_for_ideas(user, pk) -> Commune | None:
    """The commune whose idea page the user may open: the province's staff and that commune's own staff."""
    qs = Commune.objects.select_related("province").filter(pk=pk)
    if user.is_administrator:
        return qs.first()
    if user.role == Role.STAFF:
        return qs.filter(province_id=user.province_id).first()
    if user.role == Role.COMMUNE:
        return qs.filter(pk=user.commune_id).first()
    return None


def status_counts(qs: QuerySet[ProductIdea]) -> list[tuple[IdeaStatus, int]]:
    """(status, number of ideas) for every status, in the order of the cycle (one query)."""
    counts = dict(qs.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return [(status, counts.get(status, 0)) for status in IdeaStatus]


def idea_producers(user, commune_id) -> QuerySet[Producer]:
    """The producers an idea of `commune_id` may name: the commune's producers in the user's scope."""
    qs = scoped(Producer.objects.only("pk", "name", "commune_id").order_by("name"), user, province="province_id",
                producer="pk", commune="commune_id")
    return qs.filter(commune_id=commune_id)


def commune_producers(user, commune_id) -> QuerySet[Producer]:
    """The commune's registered producers as its page lists them (in the user's scope), by name."""
    qs = scoped(Producer.objects.only("pk", "name", "legal_type", "registration_code", "address", "commune_id"),
                user, province="province_id", producer="pk", commune="commune_id")
    return qs.filter(commune_id=commune_id).order_by("search_name", "pk")


def groups_in_force() -> QuerySet[ProductGroup]:
    """The product sets of the classification in force today (ideas, as new products, take no other)."""
    return ProductGroup.objects.filter(scheme=scheme_on(timezone.localdate())).order_by("position")



def authors_first(qs: QuerySet[ProductIdea], order=FIRST_FOR_AUTHORS) -> QuerySet[ProductIdea]:
    """By status in `order` (returned ideas first: what waits for their authors), newest first within each."""
    rank = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(order)), output_field=IntegerField())
    return qs.annotate(rank=rank).order_by("rank", "-created_at", "pk")


def waiting_first(qs: QuerySet[ProductIdea], user) -> QuerySet[ProductIdea]:
    """What waits for `user` first: returned ideas for commune staff and producers, the others for the province."""
    return authors_first(qs, FIRST_FOR_AUTHORS if user.role in (Role.COMMUNE, Role.PRODUCER) else FIRST_FOR_PROVINCE)
