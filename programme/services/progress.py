"""How far a plan has come: each target's figure measured from the records (pure reads, nothing is stored).

The day measured is the plan's last day, or today while its period is not over. The units are the province's
districts of the three-tier system for a plan whose period ends before 01/07/2025 (geo.reform), its communes
otherwise; a record is put in the unit of its producer (Producer.historical_district, Producer.commune) or, for
records of a commune (ideas, points of sale, attendees), of that commune (an attendee with none recorded: of their
producer's commune). Those records of a commune carry no district (a commune of today may span several former
districts), so on a plan by district they are measured for the province only (`has_units`), and the plan's form
refuses a target for each district on them (`target_problems`).

What each measure counts (programme.enums.Measure), in the province of the plan:

- RECOGNISED: products recognised on the day (products.standing.recognised_on: the registry's one derivation
  of standing) at `min_stars` or more (any stars if none);
- TOURISM_VILLAGES: those of them whose product group is a community-tourism group (its name says “du lịch”);
- NEW_PRODUCTS: products registered (created) within the period, up to the day;
- PRODUCERS: enterprises and cooperatives taking part, i.e. with at least one product registered by the day;
- ADVANTAGED: the products the plan picked as advantaged products of their district or commune;
- PRIORITY: the plan's priority picks recognised on the day at `min_stars` or more;
- IDEAS: product ideas registered within the period (by the day they were registered);
- POINTS_OF_SALE: points of sale open on the day whose latest check on or before the day found every criterion
  checked met (a check with no criterion recorded does not count);
- PEOPLE_TRAINED: attendees of the courses that started within the period (a person at two courses counts
  twice: the plan counts training given);
- PRODUCERS_TRAINED: the share (%) of the producers taking part (every legal type, with a product registered by
  the day) of which a leader attended a course of the period; a unit with no producer taking part has no share
  (it is left out of a target for each unit), and with none in the province the figure is None (“—”);
- STAFF_TRAINED: the share (%) of the province's active OCOP staff logins created by the day (and, on a plan by
  commune, its commune-staff logins created by the day) matched by the number of different staff attendees (by
  name) of the period's courses, at most 100 %; None (“—”) with no such login;
- EVENTS: promotion events that started within the period.

A target for each unit (Breakdown.DISTRICT or COMMUNE) is met when every unit reaches the goal: its `achieved`
is then the lowest unit's figure (so achieved ≥ goal exactly when the target is met), and `units_met` says how
many units reached it. Measures with no unit (events, staff) are measured for the province only; `min_stars`
counts for the measures of recognised products only (STAR_MEASURES).

Every figure comes from a fixed number of queries whatever the size of the data: the records are read once per
kind (a list of small tuples) and counted here.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from geo.models import Commune, HistoricalDistrict
from geo.reform import TWO_TIER_FROM
from ocop.text import search_key
from products.enums import LegalType
from products.models import Producer, Product
from products.standing import recognised_on
from programme.enums import AttendeeRole, Breakdown, Measure, PlanProductKind
from programme.models import Attendee, PlanProduct, PointOfSale, PointOfSaleCheck, ProductIdea, PromotionEvent

TOURISM_MARK = "du lịch"
PERCENT_MEASURES = {Measure.PRODUCERS_TRAINED, Measure.STAFF_TRAINED}
UNITLESS_MEASURES = {Measure.EVENTS, Measure.STAFF_TRAINED}
NO_DISTRICT_MEASURES = {Measure.IDEAS, Measure.POINTS_OF_SALE, Measure.PEOPLE_TRAINED}  # records of a commune
STAR_MEASURES = {Measure.RECOGNISED, Measure.TOURISM_VILLAGES, Measure.PRIORITY}
TAKING_PART_TYPES = (LegalType.ENTERPRISE, LegalType.COOPERATIVE)
STAFF_ATTENDEES = (AttendeeRole.PROVINCIAL_STAFF, AttendeeRole.COMMUNE_STAFF)


def measured_day(plan, today: datetime.date | None = None) -> datetime.date:
    """The plan's last day, or today while its period runs (or has not started)."""
    today = today or timezone.localdate()
    return min(plan.ends_on, today)


def by_district(plan) -> bool:
    """A plan whose period ends before the two-tier reform is reported by district, later ones by commune."""
    return plan.ends_on < TWO_TIER_FROM


def has_units(measure, district: bool) -> bool:
    """Whether a measure's records are placed in units: never for events and staff, and not in districts for the
    records of a commune (ideas, points of sale, attendees)."""
    return measure not in UNITLESS_MEASURES and not (district and measure in NO_DISTRICT_MEASURES)


def target_problems(measure, breakdown, min_stars, ends_on) -> dict:
    """{field: message} of what makes a target unmeasurable as labelled, for a plan ending on `ends_on` (the
    plan's form refuses it): a breakdown by the other system's units, or on records with no such unit; stars on a
    measure that ignores them."""
    problems = {}
    district = ends_on < TWO_TIER_FROM if ends_on else None
    if breakdown and breakdown != Breakdown.PROVINCE and measure:
        if measure in UNITLESS_MEASURES:
            problems["breakdown"] = _("This measure is counted for the province only: choose “For the province”.")
        elif district and measure in NO_DISTRICT_MEASURES:
            problems["breakdown"] = _("Ideas, points of sale and attendees are recorded by commune, not by "
                                      "district, and a plan ending before 01/07/2025 is measured by district: "
                                      "choose “For the province”.")
        elif breakdown == Breakdown.DISTRICT and district is False:
            problems["breakdown"] = _("A plan ending on or after 01/07/2025 is measured by commune: choose “For "
                                      "each commune”.")
        elif breakdown == Breakdown.COMMUNE and district:
            problems["breakdown"] = _("A plan ending before 01/07/2025 is measured by district: choose “For each "
                                      "district”.")
    if min_stars and measure and measure not in STAR_MEASURES:
        problems["min_stars"] = _("Stars count only for recognised products, community-tourism villages and "
                                  "priority products: leave it empty.")
    return problems


def percent(part, whole) -> int | None:
    """A share in whole percent, rounded half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass
class UnitFigure:
    unit_id: int | None
    name: str
    achieved: int
    met: bool | None = None  # for a target for each unit: whether this unit reached the goal


@dataclass
class TargetProgress:
    target: object
    achieved: int | None  # None: nothing to divide by (a share of no producer, of no login)
    total: int | None  # the province's figure (for a target for each unit, `achieved` is the lowest unit's)
    units: list = field(default_factory=list)  # [UnitFigure], every unit of the province, then “unknown”
    per_unit: bool = False
    units_met: int = 0
    units_counted: int = 0

    @property
    def goal(self):
        return self.target.goal

    @property
    def percent(self):
        return None if self.achieved is None else percent(self.achieved, self.goal)

    @property
    def met(self):
        return self.achieved is not None and self.achieved >= self.goal

    def as_dict(self) -> dict:
        """What `plan_progress --json` prints for the target."""
        return {"target": self.target.label, "unit": self.target.unit, "goal": self.goal, "achieved": self.achieved}


@dataclass
class PlanProgress:
    plan: object
    day: datetime.date
    by_district: bool
    targets: list
    stars: dict  # {stars: number of products recognised on the day}
    recognised_by_unit: list  # [(unit name, {stars: n})], the recognised products of each unit

    @property
    def unit_label(self):
        return _("District") if self.by_district else _("Commune")

    @property
    def recognised(self):
        return sum(self.stars.values())


class _Records:
    """The records of one plan's province, each kind read once (one query) when a measure first needs it."""

    def __init__(self, plan, day):
        self.plan, self.day, self.district = plan, day, by_district(plan)
        self.province_id = plan.province_id
        self.first = plan.starts_on
        self.last = min(plan.ends_on, day)

    def producer_unit(self, prefix="producer__"):
        return f"{prefix}historical_district_id" if self.district else f"{prefix}commune_id"

    @cached_property
    def units(self):
        """[(id, name)] of the province's districts (or communes), by name."""
        model = HistoricalDistrict if self.district else Commune
        return [(pk, name) for pk, name in
                model.objects.filter(province_id=self.province_id).order_by("name").values_list("pk", "name")]

    @cached_property
    def recognised(self):
        """[(product id, unit id, stars, group name)] of the province's products recognised on the day."""
        products = Product.objects.filter(producer__province_id=self.province_id)
        return list(recognised_on(products, self.day).values_list(
            "pk", self.producer_unit(), "standing_stars", "group__name"))

    @cached_property
    def producers(self):
        """[(producer id, unit id, legal type)] of the producers taking part: a product registered by the day."""
        registered = Product.objects.filter(producer=OuterRef("pk"), created_at__date__lte=self.day)
        return list(Producer.objects.filter(province_id=self.province_id).filter(Exists(registered))
                    .values_list("pk", self.producer_unit(""), "legal_type"))

    @cached_property
    def picks(self):
        """{kind: [(product id, unit id)]} of the plan's picked products."""
        found = defaultdict(list)
        for kind, product_id, unit in PlanProduct.objects.filter(plan=self.plan).values_list(
                "kind", "product_id", self.producer_unit("product__producer__")):
            found[kind].append((product_id, unit))
        return found

    @cached_property
    def attendees(self):
        """[(full name, role, producer id, commune id)] of the attendees of the courses started in the period (their
        commune, else their producer's)."""
        rows = Attendee.objects.filter(course__province_id=self.province_id,
                                       course__starts_on__range=(self.first, self.last))
        return [(name, role, producer, commune or producer_commune) for name, role, producer, commune, producer_commune
                in rows.values_list("full_name", "role", "producer_id", "commune_id", "producer__commune_id")]

    def count(self, rows):
        """(total, Counter of unit id) of [(key, unit id), ...]."""
        return len(rows), Counter(unit for _key, unit in rows)

    def measure(self, target):
        """(total, {unit id: figure} or None) of a target."""
        measure, stars = target.measure, target.min_stars or 1
        if measure == Measure.RECOGNISED:
            return self.count([(pk, unit) for pk, unit, s, _group in self.recognised if s >= stars])
        if measure == Measure.TOURISM_VILLAGES:
            return self.count([(pk, unit) for pk, unit, s, group in self.recognised
                               if s >= stars and TOURISM_MARK in search_key_keep(group)])
        if measure == Measure.PRIORITY:
            picked = {pk for pk, _unit in self.picks[PlanProductKind.PRIORITY]}
            return self.count([(pk, unit) for pk, unit, s, _group in self.recognised if s >= stars and pk in picked])
        if measure == Measure.ADVANTAGED:
            return self.count(self.picks[PlanProductKind.ADVANTAGED])
        if measure == Measure.PRODUCERS:
            return self.count([(pk, unit) for pk, unit, kind in self.producers if kind in TAKING_PART_TYPES])
        if measure == Measure.NEW_PRODUCTS:
            return self.count(list(Product.objects.filter(
                producer__province_id=self.province_id, created_at__date__range=(self.first, self.last))
                .values_list("pk", self.producer_unit())))
        if measure == Measure.IDEAS:
            return self.count(list(ProductIdea.objects.filter(
                province_id=self.province_id, created_at__date__range=(self.first, self.last))
                .values_list("pk", "commune_id")))
        if measure == Measure.POINTS_OF_SALE:
            return self.count(self.points_meeting_criteria())
        if measure == Measure.PEOPLE_TRAINED:
            return self.count([(name, unit) for name, _role, _producer, unit in self.attendees])
        if measure == Measure.PRODUCERS_TRAINED:
            return self.producers_trained()
        if measure == Measure.STAFF_TRAINED:
            return self.staff_trained(), None
        if measure == Measure.EVENTS:
            return PromotionEvent.objects.filter(province_id=self.province_id,
                                                 starts_on__range=(self.first, self.last)).count(), None
        raise ValueError(f"unknown measure {measure!r}")

    def points_meeting_criteria(self):
        points = dict(PointOfSale.objects.filter(province_id=self.province_id)
                      .filter(Q(opened_on__isnull=True) | Q(opened_on__lte=self.day))
                      .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=self.day)).values_list("pk", "commune_id"))
        latest = {}
        for point_id, results in (PointOfSaleCheck.objects.filter(point_id__in=list(points),
                                                                  checked_on__lte=self.day)
                                  .order_by("point_id", "-checked_on", "-pk").values_list("point_id", "results")):
            latest.setdefault(point_id, results)
        return [(pk, points[pk]) for pk, results in latest.items()
                if isinstance(results, dict) and results and all(v is True for v in results.values())]

    def producers_trained(self):
        trained = {producer for _name, role, producer, _unit in self.attendees
                   if role == AttendeeRole.PRODUCER_LEADER}
        taking_part = Counter(unit for _pk, unit, _kind in self.producers)
        with_leader = Counter(unit for pk, unit, _kind in self.producers if pk in trained)
        total = percent(sum(with_leader.values()), len(self.producers))
        return total, {unit: percent(with_leader[unit], n) for unit, n in taking_part.items()}

    def staff_trained(self):
        """The logins that existed on the day: created by then; commune-staff logins (communes of the two-tier
        system) only on a plan by commune. A login deactivated since still counts as active (no history of it)."""
        people = {search_key(name) for name, role, _producer, _unit in self.attendees if role in STAFF_ATTENDEES}
        roles = [Role.STAFF] if self.district else [Role.STAFF, Role.COMMUNE]
        staff = User.objects.filter(province_id=self.province_id, is_active=True, role__in=roles,
                                    date_joined__date__lte=self.day).count()
        share = percent(len(people), staff)
        return None if share is None else min(100, share)


def search_key_keep(text) -> str:
    """A group's name lower-cased, diacritics kept (“Du lịch cộng đồng” → “du lịch cộng đồng”)."""
    return " ".join((text or "").lower().split())


def _target_progress(records, target) -> TargetProgress:
    total, by_unit = records.measure(target)
    if by_unit is None or not has_units(target.measure, records.district):
        return TargetProgress(target, achieved=total, total=total)
    per_unit = target.breakdown != Breakdown.PROVINCE
    known = dict(records.units)
    if target.measure in PERCENT_MEASURES:  # a share of nothing is no figure: such a unit is left out
        units = [UnitFigure(pk, name, by_unit[pk]) for pk, name in records.units if by_unit.get(pk) is not None]
    else:
        units = [UnitFigure(pk, name, by_unit.get(pk, 0)) for pk, name in records.units]
    unknown = sum(n for unit, n in by_unit.items() if unit not in known)
    if unknown and target.measure not in PERCENT_MEASURES:
        units.append(UnitFigure(None, _("No unit recorded"), unknown))
    if not per_unit:
        return TargetProgress(target, achieved=total, total=total, units=units)
    counted = [u for u in units if u.unit_id is not None]
    for unit in counted:
        unit.met = unit.achieved >= target.goal
    lowest = min((u.achieved for u in counted), default=None if target.measure in PERCENT_MEASURES else 0)
    return TargetProgress(target, achieved=lowest, total=total, units=units, per_unit=True,
                          units_met=sum(1 for u in counted if u.met), units_counted=len(counted))


def plan_progress(plan, today: datetime.date | None = None) -> PlanProgress:
    """Every target of the plan measured on its day, with the stars of the products recognised that day, in
    total and per unit."""
    day = measured_day(plan, today)
    records = _Records(plan, day)
    targets = [_target_progress(records, t) for t in plan.targets.order_by("position", "pk")]
    stars = Counter(s for _pk, _unit, s, _group in records.recognised)
    names = dict(records.units)
    per_unit = defaultdict(Counter)
    for _pk, unit, s, _group in records.recognised:
        per_unit[unit][s] += 1
    recognised_by_unit = [(name, dict(per_unit.get(pk, {}))) for pk, name in records.units]
    unknown = Counter()
    for unit, counts in per_unit.items():
        if unit not in names:
            unknown.update(counts)
    if unknown:
        recognised_by_unit.append((_("No unit recorded"), dict(unknown)))
    return PlanProgress(plan=plan, day=day, by_district=records.district, targets=targets,
                        stars=dict(sorted(stars.items())), recognised_by_unit=recognised_by_unit)
