import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import Role
from evaluation import services
from evaluation.enums import MemberRole, RoundState
from evaluation.models import CriteriaSet
from products.enums import ProductStatus
from tests.factories import (
    CommuneFactory,
    ProducerFactory,
    ProductFactory,
    ProvinceFactory,
    UserFactory,
    part_values,
    recognise,
    tea_group,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the test settings' local memory): a figure cached by one test's data
    is never seen by the next."""
    cache.clear()


@pytest.fixture
def lai_chau(db):
    return ProvinceFactory(code=12, name="Tỉnh Lai Châu", short_name="Lai Châu")


@pytest.fixture
def dien_bien(db):
    return ProvinceFactory(code=11, name="Tỉnh Điện Biên", short_name="Điện Biên")


@pytest.fixture
def producer(lai_chau):
    return ProducerFactory(name="Hợp tác xã Chè Mẫu", commune=CommuneFactory(province=lai_chau))


@pytest.fixture
def other_producer(lai_chau):
    return ProducerFactory(name="Hợp tác xã Khác", commune=CommuneFactory(province=lai_chau))


@pytest.fixture
def product(producer):
    """A 4-star OCOP product today: recognised a month ago under the rules in force (26/2026)."""
    product = ProductFactory(producer=producer, name="Chè Shan tuyết Mẫu", group=tea_group("2026"))
    recognise(product, stars=4, signed_on=timezone.localdate() - datetime.timedelta(days=30))
    return product


@pytest.fixture
def draft_product(producer):
    return ProductFactory(producer=producer, name="Trà mới", status=ProductStatus.DRAFT, group=tea_group("2026"))


@pytest.fixture
def other_product(other_producer):
    return ProductFactory(producer=other_producer, name="Mật ong Mẫu", status=ProductStatus.DRAFT,
                          group=tea_group("2026"))


# Personas: producer, producer of another entity, staff of the province, staff of another province,
# official, administrator (anonymous is the test client without login).
@pytest.fixture
def producer_user(producer):
    return UserFactory(username="chuthe", role=Role.PRODUCER, producer=producer)


@pytest.fixture
def other_producer_user(other_producer):
    return UserFactory(username="chuthekhac", role=Role.PRODUCER, producer=other_producer)


@pytest.fixture
def staff_user(lai_chau):
    return UserFactory(username="canbo", role=Role.STAFF, province=lai_chau)


@pytest.fixture
def other_staff_user(dien_bien):
    return UserFactory(username="canbodienbien", role=Role.STAFF, province=dien_bien)


@pytest.fixture
def official_user(lai_chau):
    return UserFactory(username="lanhdao", role=Role.OFFICIAL, province=lai_chau)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", role=Role.ADMIN, is_superuser=True)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


# --- evaluation ---

ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.MEMBER,
         MemberRole.MEMBER, MemberRole.SECRETARY]


@pytest.fixture
def make_round(lai_chau, staff_user):
    """A Lai Châu provincial round under 1048 with `members` council members and `products` enrolled."""

    def _make(members=3, products=1, number=1, year=None, starts_on=datetime.date(2020, 9, 15), scoring=True,
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
                                     group=tea_group(round_.criteria_set.classification))
            services.enrol_product(round_, product, actor=staff_user)
        if scoring:
            services.set_round_state(round_, RoundState.SCORING, actor=staff_user)
        round_.refresh_from_db()
        return round_

    return _make


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
