"""Reads of the OCOP points of sale: what the public sees (open points, recognised products only) and what the
provincial staff manage (their province's points), each with its latest check against Decision 920/QĐ-BCT."""

from collections import Counter

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.scoping import scoped
from geo.models import Commune, Province
from products.enums import Standing
from products.models import Product
from products.standing import recognised_on
from programme.models import PointOfSale, PointOfSaleCheck
from programme.rules import is_writer
from programme.services.outlets import CRITERIA, GROUPS, meets_criteria


def with_latest_check(points: QuerySet) -> QuerySet:
    """Each point with the day and results of its latest check (`latest_checked_on`, `latest_results`), in the
    same query."""
    latest = PointOfSaleCheck.objects.filter(point=OuterRef("pk")).order_by("-checked_on", "-pk")
    return points.annotate(latest_checked_on=Subquery(latest.values("checked_on")[:1]),
                           latest_results=Subquery(latest.values("results")[:1]))


def open_on(day) -> Q:
    """The points open on `day`: opened by then (or with no opening day recorded) and not closed."""
    return (Q(opened_on__isnull=True) | Q(opened_on__lte=day)) & ~Q(closed_on__lte=day)


def public_points(day=None) -> QuerySet[PointOfSale]:
    """The points of sale the public sees: those open on `day` (today by default)."""
    day = day or timezone.localdate()
    qs = PointOfSale.objects.select_related("commune", "province").filter(open_on(day))
    return with_latest_check(qs)


def points_for_staff(user) -> QuerySet[PointOfSale]:
    """The points of sale a user manages: their province's, open or closed (administrators: all)."""
    return with_latest_check(scoped(PointOfSale.objects.select_related("commune", "province"), user,
                                    province="province_id"))


def points_for_user(user) -> QuerySet[PointOfSale]:
    """The points whose page a user may open: the open ones, and for provincial staff also their province's closed
    ones and those not opened yet (administrators: every one)."""
    shown = open_on(timezone.localdate())
    if is_writer(user):
        if user.is_administrator:
            shown = Q()
        else:
            shown |= Q(province_id=user.province_id)
    return with_latest_check(PointOfSale.objects.select_related("commune", "province").filter(shown))


def describe(points, day=None) -> list:
    """The rows of a page of points (a list, at most a page long), each given `meets_criteria` (its latest check
    met every criterion) and `recognised_count` (products it carries that are recognised on `day`): one query for
    the counts of the whole page."""
    points = list(points)
    carried = recognised_on(Product.objects.filter(points_of_sale__in=[p.pk for p in points]), day)
    counts = Counter(pair[0] for pair in set(carried.values_list("points_of_sale", "pk")))
    for point in points:
        point.meets_criteria = meets_criteria(point.latest_results or {})
        point.recognised_count = counts[point.pk]
    return points


def criteria_of(check_results: dict | None) -> list[dict]:
    """The criteria, grouped, each with whether the check met it (None: not recorded by that check)."""
    results = check_results or {}
    return [{"group": label, "criteria": [{"label": c.label, "met": results.get(c.key)}
                                          for c in CRITERIA if c.group == group]}
            for group, label in GROUPS.items()]


def recognised_products_of(point, day=None) -> QuerySet[Product]:
    """The products a point carries that are recognised on `day` — the only ones the public sees — with their
    stars (standing_stars), best first."""
    qs = Product.objects.filter(points_of_sale=point).select_related("producer")
    return recognised_on(qs, day).order_by("-standing_stars", "name", "pk")


def points_selling(product, day=None) -> list[PointOfSale]:
    """The open points of sale that carry a product, by province and name, each given `meets_criteria`."""
    points = list(public_points(day).filter(products=product).order_by("province__short_name", "name", "pk"))
    for point in points:
        point.meets_criteria = meets_criteria(point.latest_results or {})
    return points


def product_page_section(product) -> dict | None:
    """The public product page's section "where to buy it" (products.pages, registered in programme.apps): the
    open points of sale carrying it, for a product recognised today only (one query); None otherwise."""
    if getattr(product, "standing", None) != Standing.RECOGNISED:
        return None
    points = points_selling(product)
    return {"points": points} if points else None


def offered_provinces() -> QuerySet[Province]:
    return Province.objects.filter(pk__in=public_points().values("province_id")).order_by("short_name")


def offered_communes(province_id) -> QuerySet[Commune]:
    if not province_id:
        return Commune.objects.none()
    return Commune.objects.filter(pk__in=public_points().filter(province_id=province_id).values("commune_id")
                                  ).order_by("name")


def checks_of(point) -> list[PointOfSaleCheck]:
    """Every check of a point, latest first (for its staff), each given `met_count` and `criteria_count`."""
    checks = list(point.checks.select_related("checked_by").order_by("-checked_on", "-pk"))
    for check in checks:
        check.met_count = sum(1 for value in check.results.values() if value is True)
        check.criteria_count = len(check.results)
    return checks


def products_offered(user, province_id=None) -> QuerySet[Product]:
    """The products staff may put in a point of sale: those of the point's province (their own, for staff)."""
    qs = Product.objects.select_related("producer").order_by("name", "pk")
    if user.is_authenticated and not user.is_administrator:
        province_id = user.province_id
    return qs.filter(producer__province_id=province_id) if province_id else qs
