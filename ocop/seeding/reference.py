"""What the seed builds on: the administrative units, the product classification and the rules as stored (loaded
by migrations and geo's loader), read once in a fixed order; and the marks of seeded rows."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from certificates.enums import DEFAULT_NUMBER_PATTERN
from certificates.models import CertificateNumbering
from evaluation.models import CriteriaPart, LevelRule, RecognitionPeriod, StarThreshold
from geo.models import Commune, HistoricalDistrict, Province
from products.models import ProductGroup

ANCHOR = datetime.date(2026, 11, 1)  # the data's "today": every date is before it, whatever day the seed runs
PRODUCER_PREFIX = "SEED-"  # registration codes of seeded producers: what --reset deletes hangs off them
USER_PREFIX = "seed-"  # logins of the seed; seeded rounds are created by them
PASSWORD = "seed-ocop-2026"  # noqa: S105 — the seeded logins' password, printed by the command and in the README


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of `day` in the app's time zone."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass
class Criteria:
    part_ids: list[int]
    parts: list[int]  # each part's maximum, in quarter points
    thresholds: list[tuple[int, Decimal]]


class Reference:
    def __init__(self):
        self.provinces = list(Province.objects.order_by("code"))
        self.communes, self.districts = {}, {}
        for commune in Commune.objects.order_by("code"):
            self.communes.setdefault(commune.province_id, []).append(commune)
        for district in HistoricalDistrict.objects.order_by("code"):
            self.districts.setdefault(district.province_id, []).append(district)
        self.groups = {}
        for group in ProductGroup.objects.order_by("scheme", "position", "pk"):
            self.groups.setdefault(group.scheme, []).append(group)
        self.criteria = {}
        for part in CriteriaPart.objects.order_by("criteria_set_id", "position", "pk"):
            criteria = self.criteria.setdefault(part.criteria_set_id, Criteria([], [], []))
            criteria.part_ids.append(part.pk)
            criteria.parts.append(int(part.max_points * 4))
        for threshold in StarThreshold.objects.order_by("criteria_set_id", "-stars"):
            self.criteria[threshold.criteria_set_id].thresholds.append((threshold.stars, threshold.min_points))
        self.periods = list(RecognitionPeriod.objects.order_by("valid_from"))
        self.caps = {(rule.period_id, rule.level): rule.cap() for rule in LevelRule.objects.exclude(abolished=True)}
        patterns = dict(CertificateNumbering.objects.values_list("province_id", "pattern"))
        self.patterns = {p.pk: patterns.get(p.pk, DEFAULT_NUMBER_PATTERN) for p in self.provinces}

    def period_on(self, day):
        """RecognitionPeriod.for_date, on the rows read once."""
        return next(p for p in self.periods if p.valid_from <= day and (p.valid_until is None or day <= p.valid_until))
