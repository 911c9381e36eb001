import datetime

import pytest

from evaluation import services
from evaluation.enums import MemberRole, RoundState
from evaluation.models import CriteriaSet
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory

ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.MEMBER,
         MemberRole.MEMBER, MemberRole.SECRETARY]


@pytest.fixture
def make_round(lai_chau, staff_user):
    """A Lai Châu provincial round under 1048 with `members` council members and `products` enrolled."""

    def _make(members=3, products=1, number=1, year=2020, starts_on=datetime.date(2020, 9, 15), scoring=True,
              province=None, **options):
        province = province or lai_chau
        round_ = services.create_round(province=province, year=year, number=number, starts_on=starts_on,
                                       actor=staff_user if province == lai_chau else None, **options)
        for i in range(members):
            services.add_member(round_, name=f"Thành viên {i + 1}", role=ROLES[i % len(ROLES)]
                                if i < len(ROLES) else MemberRole.MEMBER, position=i, actor=staff_user)
        producer = ProducerFactory(commune=CommuneFactory(province=province))
        for i in range(products):
            product = ProductFactory(producer=producer, name=f"Sản phẩm {number}-{i + 1}", status="draft",
                                     stars=None, recognised_year=None)
            services.enrol_product(round_, product, actor=staff_user)
        if scoring:
            services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
        round_.refresh_from_db()
        return round_

    return _make


def part_values(enrolment, rows):
    """{(member, 'p<part>'): points} from rows of (A, B, C) per member, in council order."""
    members = list(enrolment.round.members.all())
    parts = list(enrolment.round.criteria_set.parts.all())
    return {(m.pk, f"p{p.pk}"): str(v) for m, row in zip(members, rows) for p, v in zip(parts, row)}


@pytest.fixture
def score(staff_user):
    def _score(enrolment, rows, knockout_note=None):
        enrolment.refresh_from_db()
        return services.record_scores(enrolment, part_values(enrolment, rows), actor=staff_user,
                                      expected_version=enrolment.version, knockout_note=knockout_note)

    return _score


@pytest.fixture
def decided_round(make_round, score, staff_user, official_user):
    round_ = make_round(members=3, products=2)
    first, second = round_.enrolments.all()
    score(first, [(30, 20, 30), (28, 20, 32), (29, 21, 30)])  # 80 each-ish → 4★
    score(second, [(20, 15, 20), (21, 14, 20), (20, 15, 21)])  # ~55 → 3★
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    services.finalise_decision(round_, number="1168/QĐ-UBND", signed_on=datetime.date(2020, 9, 30),
                               signer_name="Hà Trọng Hải", signer_title="KT. Chủ tịch – Phó Chủ tịch",
                               actor=official_user)
    round_.refresh_from_db()
    return round_


@pytest.fixture
def criteria_1048(db):
    return CriteriaSet.objects.get(code="1048")
