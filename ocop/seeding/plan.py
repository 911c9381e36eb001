"""The national data of `seed_national`, planned in Python before a row is written.

Seven years of OCOP in every province, from one seed:

- products of the 1048 era (2020–2022) evaluated by their province, the best ones by the central council;
- products of the 148 era (03/2023–07/2025): district councils recognise 3★ and send 70+ points up, the province
  4★, the centre 5★; many of the district's 3★ products are evaluated again by the province in 07/2025–05/2026
  (the new certificate supersedes the one in force);
- products of 26/2026 (from 22/05/2026), and in every province a round open for scoring today and dossiers
  waiting.

Every result is computed the way the services compute it — each member's total from the parts they scored, then
`evaluation.rules.council_result` with the criteria set's thresholds and the level's cap — and certificates are
numbered, dated and superseded as `certificates.services` does. Dates are fixed (the data's "today" is ANCHOR),
so the same seed gives the same data on any day.
"""

import datetime
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.roles import Role
from evaluation.enums import CouncilLevel, MemberRole, Outcome, RoundState
from evaluation.models import CouncilMember, EvaluationRound
from evaluation.rules import council_result, spread
from ocop.seeding import names
from ocop.seeding.reference import ANCHOR, PRODUCER_PREFIX, USER_PREFIX, at
from ocop.text import search_key
from products.models import Producer, Product

D = datetime.date
QUARTERS = [Decimal(q) / 4 for q in range(401)]  # points are scored in quarters: 0, 0.25 … 100
COUNCIL_ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER,
                 MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.SECRETARY]
MAX_SPREAD = Decimal(10)
PRODUCTS_PER_PROVINCE = 590  # below 34 × this, the data is spread over fewer provinces (rounds keep their size)


@dataclass(frozen=True)
class Era:
    """A period of the rules, as the seed uses it: the days councils meet at each level."""

    scheme: str
    province: tuple[datetime.date, datetime.date]
    central: tuple[datetime.date, ...]
    district: tuple[datetime.date, datetime.date] | None = None


ERA_1048 = Era("1048", (D(2020, 3, 1), D(2022, 11, 30)),
               (D(2020, 12, 10), D(2021, 6, 10), D(2021, 12, 10), D(2022, 6, 10), D(2022, 12, 10)))
ERA_148 = Era("148", (D(2023, 5, 1), D(2025, 6, 20)), (D(2023, 12, 5), D(2024, 6, 5), D(2024, 12, 5), D(2025, 6, 5)),
              district=(D(2023, 3, 15), D(2024, 12, 31)))
ERA_1489 = Era("148", (D(2025, 7, 15), D(2026, 5, 10)), (D(2025, 12, 5), D(2026, 5, 5)))
ERA_2026 = Era("2026", (D(2026, 6, 1), D(2026, 9, 30)), (D(2026, 10, 15),))

# Each product's way through the councils, with its share and its quality (mean, deviation of points).
PATHS = {
    "1048": (0.28, 66, 10),  # its province, 2020–2022
    "148-district": (0.28, 64, 9),  # its district (3★), then the province from 70 points
    "148-province": (0.06, 77, 6),  # its province, which recognised only 4★ then
    "1489-province": (0.14, 66, 10),  # its province, 07/2025–05/2026
    "2026": (0.16, 67, 10),  # its province under 26/2026
    "waiting": (0.08, 65, 10),  # registered, dossier submitted, or in the round open today
}
REEVALUATED = 0.8  # share of the district's 3★ products evaluated again by the province after 07/2025
KNOCKED_OUT = 0.01
REVOKED = 0.025


@dataclass
class PlannedEnrolment:
    round: "PlannedRound"
    product: Product
    position: int
    sheets: list  # per member: [quarters per part], or [] when not scored yet
    knockout_note: str = ""
    needs_rescoring: bool = False
    result: object = None  # evaluation.rules.CouncilResult
    id: int = 0


@dataclass
class PlannedRound:
    level: str
    province: object
    era: Era
    starts_on: datetime.date
    district: object = None
    state: str = RoundState.DECIDED
    entrants: list = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    members: list = field(default_factory=list)
    signed_on: datetime.date | None = None
    obj: EvaluationRound | None = None
    order: int = 0


class Planner:
    """Draws everything from one random source, in a fixed order: the same seed, the same data."""

    def __init__(self, ref, products: int, seed: int):
        self.ref = ref
        self.total = products
        self.rng = random.Random(seed)  # noqa: S311 — synthetic data, the same for the same seed
        self.seed = seed
        self.rounds: list[PlannedRound] = []
        self.producers: list[Producer] = []
        self.products: list[Product] = []
        self.users: list[User] = []
        self.knockouts = 0.5

    # --- producers and products ------------------------------------------------------------------

    def registry(self, first_producer_id: int, first_product_id: int):
        rng, ref = self.rng, self.ref
        active = min(len(ref.provinces), math.ceil(self.total / PRODUCTS_PER_PROVINCE))
        provinces = sorted(rng.sample(ref.provinces, active), key=lambda p: p.code)
        weights = [rng.uniform(0.6, 1.4) for _ in provinces]
        counts = _apportion(self.total // 2, weights)
        for province, count in zip(provinces, counts):
            districts = ref.districts[province.pk]
            # district councils (148 era) take the products of the districts in use: a handful each
            in_use = rng.sample(districts, max(1, min(len(districts), round(count * 2 * PATHS["148-district"][0] / 8))))
            for _ in range(count):
                commune = rng.choice(ref.communes[province.pk])
                legal_type = names.weighted(rng, names.LEGAL_TYPE_WEIGHTS)
                representative = names.person(rng)
                producer = Producer(
                    id=first_producer_id + len(self.producers), legal_type=legal_type,
                    registration_code=f"{PRODUCER_PREFIX}{len(self.producers) + 1:06d}",
                    name=names.producer_name(rng, legal_type, commune.name, representative),
                    representative=representative, representative_title=names.REPRESENTATIVE_TITLES[legal_type],
                    address=names.address(rng), commune=commune, historical_district=rng.choice(in_use),
                    province=province, phone=f"0{rng.randint(200000000, 999999999)}")
                producer.search_name = search_key(producer.name)
                producer._taken = set()
                self.producers.append(producer)
        owners = list(self.producers) + rng.choices(self.producers, k=self.total - len(self.producers))
        paths = list(PATHS)
        for number, producer in enumerate(owners):
            path = rng.choices(paths, weights=[PATHS[p][0] for p in paths])[0]
            _share, mean, deviation = PATHS[path]
            scheme = {"1048": "1048", "148-district": "148", "148-province": "148",
                      "1489-province": "148"}.get(path, "2026")
            group, kind = _group(rng, ref.groups[scheme])
            product = Product(id=first_product_id + number, producer=producer, group=group, version=1, photo="",
                              name=names.product_name(rng, kind, producer.commune.name, producer._taken),
                              description="Dữ liệu tổng hợp (seed_national), không phải hồ sơ thật.")
            product.search_name = search_key(product.name)
            product._path, product._quality = path, min(98.0, max(30.0, rng.gauss(mean, deviation)))
            product._enrolments, product._certificates = [], []
            self.products.append(product)
        self.provinces = provinces

    # --- rounds ----------------------------------------------------------------------------------

    def schedule(self):
        """Every round with the products that enter it directly; upper levels fill as lower ones decide."""
        rng = self.rng
        by_path = {}
        for product in self.products:
            by_path.setdefault((product.producer.province_id, product._path), []).append(product)
        self.upper = {}  # (province id or None, scheme) -> rounds that take products sent up, by date
        for province in self.provinces:
            def direct(path, province=province):
                return by_path.get((province.pk, path), [])
            self._deal(direct("1048"), CouncilLevel.PROVINCE, province, ERA_1048, size=12)
            by_district = {}
            for product in direct("148-district"):
                by_district.setdefault(product.producer.historical_district_id, []).append(product)
            for district_id in sorted(by_district):
                entrants = by_district[district_id]
                self._deal(entrants, CouncilLevel.DISTRICT, province, ERA_148, size=10,
                           district=entrants[0].producer.historical_district)
            sent_up = len(direct("148-district"))
            self._deal(direct("148-province"), CouncilLevel.PROVINCE, province, ERA_148, size=12,
                       expected=0.35 * sent_up)
            self._deal(direct("1489-province"), CouncilLevel.PROVINCE, province, ERA_1489, size=12,
                       expected=REEVALUATED * 0.6 * sent_up)
            self._deal(direct("2026"), CouncilLevel.PROVINCE, province, ERA_2026, size=12)
            waiting = direct("waiting")
            rng.shuffle(waiting)
            open_size = min(24, math.ceil(0.6 * len(waiting)))  # 24 products × 7 members at national size
            if open_size:
                self.rounds.append(PlannedRound(CouncilLevel.PROVINCE, province, ERA_2026,
                                                ANCHOR - datetime.timedelta(days=rng.randint(2, 12)),
                                                state=RoundState.SCORING, entrants=waiting[:open_size]))
        for era in (ERA_1048, ERA_148, ERA_1489, ERA_2026):
            for day in era.central:
                round_ = PlannedRound(CouncilLevel.CENTRAL, None, era, day)
                self.rounds.append(round_)
                self.upper.setdefault((None, era.scheme), []).append(round_)
        for rounds in self.upper.values():
            rounds.sort(key=lambda r: r.starts_on)

    def _deal(self, products, level, province, era, *, size, district=None, expected=0.0):
        """Rounds of about `size` products over the era's days; province rounds of the 148 era also take the
        products sent up by the districts (`expected` of them)."""
        rng = self.rng
        count = max(1, round((len(products) + expected) / size)) if products or expected else 0
        first, last = era.district if level == CouncilLevel.DISTRICT else era.province
        days = sorted(first + datetime.timedelta(days=rng.randint(0, (last - first).days)) for _ in range(count))
        rounds = [PlannedRound(level, province, era, day, district=district) for day in days]
        products = list(products)
        rng.shuffle(products)
        for i, product in enumerate(products):
            rounds[i * count // len(products)].entrants.append(product)
        self.rounds += rounds
        if level == CouncilLevel.PROVINCE and era.scheme == "148":
            self.upper.setdefault((province.pk, "148"), []).extend(rounds)

    def simulate(self):
        """The rounds in the order their councils met: scores, results (the rules), decisions, products sent up."""
        rng = self.rng
        levels = [CouncilLevel.DISTRICT, CouncilLevel.PROVINCE, CouncilLevel.CENTRAL]
        self.rounds.sort(key=lambda r: (r.starts_on, levels.index(r.level)))
        for round_ in self.rounds:
            if not round_.entrants:
                continue
            round_.members = [(names.person(rng), names.COUNCIL_TITLES[round_.level][i], role)
                              for i, role in enumerate(COUNCIL_ROLES)]
            period = self.ref.period_on(round_.starts_on)
            criteria = self.ref.criteria[period.criteria_set_id]
            cap = self.ref.caps[(period.pk, round_.level)]
            round_.period, round_.criteria_set_id = period, period.criteria_set_id
            decided = round_.state == RoundState.DECIDED
            scored = len(round_.entrants) if decided else math.ceil(0.6 * len(round_.entrants))
            for position, product in enumerate(round_.entrants, start=1):
                enrolment = PlannedEnrolment(round_, product, position, [])
                if position <= scored:
                    enrolment.sheets = self._sheets(product._quality, criteria.parts)
                    if decided and round_.level != CouncilLevel.CENTRAL:
                        self.knockouts += KNOCKED_OUT  # one product in a hundred, the first among the first fifty
                        if self.knockouts >= 1:
                            self.knockouts -= 1
                            enrolment.knockout_note = names.KNOCKOUT_NOTE
                    totals = [QUARTERS[sum(sheet)] for sheet in enrolment.sheets]
                    enrolment.needs_rescoring = spread(totals) > MAX_SPREAD  # never: _sheets keeps within 9 points
                    enrolment.result = council_result(totals, criteria.thresholds, cap,
                                                      knocked_out=bool(enrolment.knockout_note))
                else:
                    enrolment.result = council_result([], criteria.thresholds, cap)
                round_.enrolments.append(enrolment)
                product._enrolments.append(enrolment)
            if decided:
                gap = rng.randint(5, 14) if round_.level == CouncilLevel.CENTRAL else rng.randint(7, 30)
                round_.signed_on = round_.starts_on + datetime.timedelta(days=gap)
                round_.ends_on = min(round_.signed_on, round_.starts_on + datetime.timedelta(days=rng.randint(0, 2)))
                self._send_on(round_)
            else:
                round_.ends_on = None
        self.rounds = [r for r in self.rounds if r.enrolments]

    def _sheets(self, quality, parts):
        """Seven members' points per part: each member's total near the product's quality, split over the parts
        in proportion to their maxima, in quarter points; totals within the round's largest spread."""
        rng = self.rng
        while True:
            sheets = []
            for _member in COUNCIL_ROLES:
                total = quality + max(-4.0, min(4.0, rng.gauss(0, 1.8)))
                sheets.append([min(top, max(0, round((total * top / 400 + rng.gauss(0, 0.8)) * 4)))
                               for top in parts])
            sums = [sum(sheet) for sheet in sheets]
            if max(sums) - min(sums) <= 36:  # 9 points
                return sheets

    def _send_on(self, round_):
        """What a decided round sends to another council: proposed products to the level above, and (from the
        148 era's districts) some 3★ products that come back to the province after 07/2025."""
        rng = self.rng
        for enrolment in round_.enrolments:
            product, result = enrolment.product, enrolment.result
            if result.proposed_upward:
                if round_.level == CouncilLevel.DISTRICT:
                    candidates, wait = self.upper.get((round_.province.pk, "148"), []), 14
                else:
                    candidates, wait = self.upper.get((None, round_.era.scheme), []), 30
                upper = next((r for r in candidates if r.starts_on >= round_.signed_on + datetime.timedelta(wait)),
                             None)
                if upper is not None:
                    upper.entrants.append(product)
            elif (round_.level == CouncilLevel.DISTRICT and result.outcome == Outcome.RECOGNISED
                  and rng.random() < REEVALUATED):
                later = [r for r in self.upper.get((round_.province.pk, "148"), [])
                         if r.era is ERA_1489 and r.starts_on >= round_.signed_on + datetime.timedelta(180)]
                if later:
                    rng.choice(later).entrants.append(product)
                    product._quality = min(98.0, product._quality + rng.uniform(3, 9))  # improved since

    # --- ids, numbers, logins --------------------------------------------------------------------

    def number(self, first_round_id: int, first_member_id: int, first_enrolment_id: int):
        """Round numbers per unit and year, ids in the order councils met."""
        counters = {}
        member_id, enrolment_id = first_member_id, first_enrolment_id
        for order, round_ in enumerate(self.rounds):
            unit = round_.district.pk if round_.district else (round_.province.pk if round_.province else None)
            key = (round_.level, unit, round_.starts_on.year)
            counters[key] = counters.get(key, 0) + 1
            round_.order = order
            round_.obj = EvaluationRound(
                id=first_round_id + order, province=round_.province, level=round_.level, district=round_.district,
                commune=None, year=round_.starts_on.year, number=counters[key], criteria_set_id=round_.criteria_set_id,
                period=round_.period, starts_on=round_.starts_on, ends_on=round_.ends_on, detailed_scoring=False,
                max_spread=MAX_SPREAD, quorum=Decimal("0.75"), state=round_.state,
                created_at=at(round_.starts_on - datetime.timedelta(days=self.rng.randint(15, 45)), 8))
            round_.member_objs = []
            for position, (name, title, role) in enumerate(round_.members, start=1):
                round_.member_objs.append(CouncilMember(id=member_id, round_id=round_.obj.id, name=name, title=title,
                                                        role=role, position=position))
                member_id += 1
            for enrolment in round_.enrolments:
                enrolment.id = enrolment_id
                enrolment_id += 1

    def logins(self, first_user_id: int, password: str):
        """seed-admin; seed-canbo-NN and seed-lanhdao-NN for every province (NN: its official code); seed-chuthe-NN
        for the first producer of each province with products. One password; its hash made once."""
        encoded = make_password(password, salt=f"seedocop{self.seed}")
        joined = at(ANCHOR - datetime.timedelta(days=400), 8)

        def login(username, first_name, **fields):
            user = User(id=first_user_id + len(self.users), username=f"{USER_PREFIX}{username}", password=encoded,
                        first_name=first_name, last_name="", email="", is_active=True, date_joined=joined,
                        last_login=None, is_staff=fields["role"] != Role.PRODUCER, **{"is_superuser": False, **fields})
            self.users.append(user)
            return user

        self.admin = login("admin", "Quản trị (dữ liệu tổng hợp)", role=Role.ADMIN, is_superuser=True)
        self.staff, self.officials = {}, {}
        for province in self.ref.provinces:
            self.staff[province.pk] = login(f"canbo-{province.code:02d}", f"Cán bộ OCOP {province.short_name}",
                                            role=Role.STAFF, province=province)
            self.officials[province.pk] = login(f"lanhdao-{province.code:02d}", f"Lãnh đạo {province.short_name}",
                                                role=Role.OFFICIAL, province=province)
        for province in self.provinces:
            producer = next(p for p in self.producers if p.province_id == province.pk)
            login(f"chuthe-{province.code:02d}", producer.representative, role=Role.PRODUCER, producer=producer)
        for round_ in self.rounds:
            round_.obj.created_by = self.staff[round_.province.pk] if round_.province else self.admin


def _apportion(total: int, weights) -> list[int]:
    """`total` split in proportion to `weights`, largest remainders first."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    for i in sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])[:total - sum(counts)]:
        counts[i] += 1
    return counts


def _group(rng, groups):
    """A product group of the scheme, sectors weighted as councils see them, and the kind of product it holds."""
    kinds = {}
    for group in groups:
        kinds.setdefault(names.SECTOR_KINDS.get(group.sector, "tourism" if "du lịch" in group.sector.lower()
                                                else "food"), []).append(group)
    kind = names.weighted(rng, {k: w for k, w in names.KIND_WEIGHTS.items() if k in kinds})
    return rng.choice(kinds[kind]), kind
