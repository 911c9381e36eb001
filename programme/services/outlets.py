"""Writes of the OCOP points of sale (điểm giới thiệu và bán sản phẩm OCOP), and the criteria they are checked
against: those of the Ministry of Industry and Trade's Decision 920/QĐ-BCT of 16/04/2019 ("Tiêu chí điểm giới
thiệu và bán sản phẩm thuộc Chương trình Mỗi xã một sản phẩm giai đoạn 2019-2020"), section II, as data.

Section II.1 (where a point is) and II.2 (what it sells) are encoded one requirement a line; a check records each
one met or not on a day, and a point meets the criteria when its latest check has every one met
(`meets_criteria`). Decision 950/QĐ-BCT (18/04/2023) replaced it for 2023–2025 with the same two sections, widened
(post offices among the places; typical rural agricultural products among the products)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo.models import Commune
from ocop.errors import DomainError
from products.models import Product
from programme.models import PointOfSale, PointOfSaleCheck
from programme.rules import is_writer, writes_province

DECISION = "920/QĐ-BCT"
DECIDED_ON = datetime.date(2019, 4, 16)


@dataclass(frozen=True)
class Criterion:
    key: str  # kept in PointOfSaleCheck.results: never renamed
    group: str
    label: str


GROUPS = {
    "location": gettext_lazy("Where the point of sale is (II.1)"),
    "products": gettext_lazy("The products it introduces and sells (II.2)"),
}

CRITERIA = (
    Criterion("location_access", "location", gettext_lazy(
        "Easy to reach by road, with many passers-by, tourists or residents nearby")),
    Criterion("location_site", "location", gettext_lazy(
        "At one of the sites listed: shops of a railway station, airport, bus station or port; a stop on a "
        "motorway or national road; a shopping centre, supermarket or market; a shop of a tourist site, restaurant "
        "or hotel; a traditional craft village; a district or commune trade centre or industrial site; a fair, "
        "exhibition or product centre")),
    Criterion("products_market", "products", gettext_lazy(
        "Its products meet market demand and consumers' tastes")),
    Criterion("products_quality", "products", gettext_lazy(
        "Its products meet quality standards and the law on consumers' health and safety and on the environment")),
    Criterion("products_kind", "products", gettext_lazy(
        "Its products are OCOP products of 3 stars or more, key products of the province, typical rural "
        "industrial products, or specialities and advantaged products of the locality")),
)
CRITERION_KEYS = tuple(c.key for c in CRITERIA)


def meets_criteria(results: dict) -> bool:
    """Whether a check's results meet Decision 920/QĐ-BCT: at least one criterion recorded, and every one met."""
    return bool(results) and all(value is True for value in results.values())


class OutletError(DomainError):
    """A refusal about a point of sale or its check."""


def may_manage_points(user) -> bool:
    """Provincial staff (their province's points, by the selectors' scope) and administrators."""
    return is_writer(user)


def may_manage_point(user, point) -> bool:
    """Whether a user manages this point: its province's staff, or an administrator."""
    return writes_province(user, point.province_id)


def _check_products(point, products):
    foreign = list(Product.objects.filter(pk__in=[p.pk for p in products])
                   .exclude(producer__province_id=point.province_id).values_list("name", flat=True))
    if foreign:
        raise OutletError(_("Only products of the point's province can be chosen: %(names)s.")
                          % {"names": ", ".join(sorted(foreign))})


@transaction.atomic
def save_point(point, *, products, actor):
    """Create or edit a point of sale and set the products it carries (products of its province only); both
    changes are in its history, with who made them."""
    if actor is not None and not may_manage_points(actor):  # None: a command (the demo data)
        raise OutletError(_("Your role does not allow this."))
    if actor is not None and point.pk is not None and not writes_province(
            actor, PointOfSale.objects.values_list("province_id", flat=True).get(pk=point.pk)):
        raise OutletError(_("Only the staff of its province change this point of sale."))
    province_id = Commune.objects.values_list("province_id", flat=True).filter(pk=point.commune_id).first()
    if actor is not None and not writes_province(actor, province_id):
        raise OutletError(_("Choose a commune of your province."))
    if point.closed_on and point.opened_on and point.closed_on < point.opened_on:
        raise OutletError(_("A point of sale closes on or after the day it opened."))
    point._history_user = actor
    point.save()  # derives the province from the commune
    products = list(products)
    _check_products(point, products)
    if {p.pk for p in products} != set(point.products.values_list("pk", flat=True)):
        point._history_user = actor
        point.products.set(products)
    return point


@transaction.atomic
def record_check(point, *, checked_on, met, note="", actor, today=None):
    """Record a check of the point against every criterion: `met` are the keys of the criteria found met, every
    other criterion is recorded as not met (a check always holds every criterion, true or false)."""
    if actor is not None and not may_manage_point(actor, point):  # None: a command (the demo data)
        raise OutletError(_("Your role does not allow this."))
    today = today or timezone.localdate()
    unknown = set(met) - set(CRITERION_KEYS)
    if unknown:
        raise OutletError(_("Unknown criteria: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    if checked_on > today:
        raise OutletError(_("A check cannot be dated in the future."))
    if point.opened_on and checked_on < point.opened_on:
        raise OutletError(_("The check is dated before the point of sale opened (%(date)s).")
                          % {"date": point.opened_on.strftime("%d/%m/%Y")})
    if point.closed_on and checked_on > point.closed_on:
        raise OutletError(_("The point of sale closed on %(date)s: no check after that day.")
                          % {"date": point.closed_on.strftime("%d/%m/%Y")})
    check = PointOfSaleCheck(point=point, checked_on=checked_on, note=note.strip(), checked_by=actor,
                             results={key: key in met for key in CRITERION_KEYS})
    check._history_user = actor
    check.save()
    return check


@transaction.atomic
def close_point(point, *, closed_on, actor, today=None):
    """Close a point of sale on a day (it leaves the public pages); recorded in its history."""
    if actor is not None and not may_manage_point(actor, point):  # None: a command (the demo data)
        raise OutletError(_("Your role does not allow this."))
    today = today or timezone.localdate()
    point = PointOfSale.objects.select_for_update().get(pk=point.pk)
    if point.closed_on:
        raise OutletError(_("This point of sale closed on %(date)s already.")
                          % {"date": point.closed_on.strftime("%d/%m/%Y")})
    if closed_on > today:
        raise OutletError(_("A point of sale cannot be closed on a future day."))
    if point.opened_on and closed_on < point.opened_on:
        raise OutletError(_("A point of sale closes on or after the day it opened."))
    point.closed_on = closed_on
    point._history_user = actor
    point.save()
    return point
