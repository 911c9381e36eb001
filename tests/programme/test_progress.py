"""programme/services/progress.py: a plan's figures measured from the records. With the demo data, Lai Châu's
2019–2020 plan measures the 47 products recognised in 2020 against its “51”; every figure equals a count written
here in SQL, on the certificates and their dates."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from accounts.roles import Role
from products.models import Product
from programme.enums import AttendeeRole, Breakdown, Measure, PlanProductKind
from programme.models import (
    Attendee,
    Plan,
    PlanProduct,
    PointOfSale,
    PointOfSaleCheck,
    ProductIdea,
    PromotionEvent,
    Target,
    TrainingCourse,
)
from programme.services.progress import measured_day, percent, plan_progress
from tests.factories import (
    CommuneFactory,
    HistoricalDistrictFactory,
    ProducerFactory,
    ProductFactory,
    UserFactory,
    recognise,
    tea_group,
)

DEMO_DAY = datetime.date(2026, 11, 24)
PLAN_END = datetime.date(2020, 12, 31)
D = datetime.date


@pytest.fixture
def demo(db):
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())
        yield Plan.objects.get(province__short_name="Lai Châu", number="01-MAU/KH-UBND")


def sql(query, *params):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


IN_FORCE = """FROM certificates_certificate c
    JOIN products_product p ON p.id = c.product_id
    JOIN products_producer r ON r.id = p.producer_id
    JOIN geo_province g ON g.id = r.province_id
    WHERE g.short_name = %s AND c.in_force_from <= %s AND c.expires_on >= %s
      AND (c.ended_on IS NULL OR c.ended_on > %s)"""


def in_force(select, tail="", day=PLAN_END):
    return sql(f"SELECT {select} {IN_FORCE} {tail}", "Lai Châu", day, day, day)


def by_label(progress):
    return {t.target.measure: t for t in progress.targets}


def test_lai_chau_plan_shows_47_of_51_products_as_the_certificates_count(demo):
    with time_machine.travel(DEMO_DAY, tick=False):
        progress = plan_progress(demo)
    recognised = by_label(progress)[Measure.RECOGNISED]
    [(count,)] = in_force("COUNT(DISTINCT c.product_id)", "AND c.stars >= 3")
    assert progress.day == PLAN_END == measured_day(demo, DEMO_DAY)
    assert recognised.achieved == recognised.total == count == 47
    assert (recognised.goal, recognised.percent, recognised.met) == (51, 92, False)
    assert recognised.as_dict() == {"target": "Đến năm 2020 hoàn thiện, nâng cấp, chuẩn hóa 51 sản phẩm của các địa "
                                              "phương", "unit": "sản phẩm", "goal": 51, "achieved": 47}


def test_stars_split_and_each_district_equal_the_sql_counts(demo):
    with time_machine.travel(DEMO_DAY, tick=False):
        progress = plan_progress(demo)
    assert progress.by_district
    stars = dict(in_force("c.stars, COUNT(*)", "GROUP BY c.stars"))
    assert progress.stars == stars == {3: 38, 4: 9}
    with_district = IN_FORCE.replace("JOIN geo_province g", "JOIN geo_historicaldistrict d "
                                     "ON d.id = r.historical_district_id JOIN geo_province g")
    rows = sql(f"SELECT d.name, c.stars, COUNT(*) {with_district} GROUP BY d.name, c.stars",
               "Lai Châu", PLAN_END, PLAN_END, PLAN_END)
    expected = {}
    for name, s, n in rows:
        expected.setdefault(name, {})[s] = n
    shown = {name: counts for name, counts in progress.recognised_by_unit if counts}
    assert shown == expected
    assert len(shown) == 8 and shown["Huyện Tam Đường"] == {3: 7, 4: 8}
    per_district = {u.name: u.achieved for u in by_label(progress)[Measure.RECOGNISED].units}
    assert per_district == {name: sum(c.values()) for name, c in expected.items()}
    assert sum(per_district.values()) == 47


def test_tourism_villages_are_the_recognised_community_tourism_products(demo):
    with time_machine.travel(DEMO_DAY, tick=False):
        progress = plan_progress(demo)
    villages = by_label(progress)[Measure.TOURISM_VILLAGES]
    [(count,)] = in_force("COUNT(*)", "AND p.group_id IN (SELECT id FROM products_productgroup "
                                      "WHERE name LIKE '%%du lịch%%')")
    assert villages.achieved == count == 2
    assert (villages.goal, villages.percent, villages.met) == (4, 50, False)
    assert {u.name: u.achieved for u in villages.units if u.achieved} == {"Huyện Tam Đường": 2}


def test_each_district_target_counts_its_units_and_the_lowest_figure(demo):
    with time_machine.travel(DEMO_DAY, tick=False):
        progress = plan_progress(demo)
    targets = by_label(progress)
    advantaged = targets[Measure.ADVANTAGED]
    assert advantaged.per_unit and (advantaged.units_met, advantaged.units_counted) == (8, 8)
    assert advantaged.achieved == 2 and advantaged.total == 16 and advantaged.met
    producers = targets[Measure.PRODUCERS]
    taking_part = dict(sql("""SELECT d.name, COUNT(*) FROM products_producer r
        JOIN geo_historicaldistrict d ON d.id = r.historical_district_id
        JOIN geo_province g ON g.id = r.province_id
        WHERE g.short_name = %s AND r.legal_type IN ('enterprise', 'cooperative')
          AND EXISTS (SELECT 1 FROM products_product p WHERE p.producer_id = r.id)
        GROUP BY d.name""", "Lai Châu"))
    assert {u.name: u.achieved for u in producers.units} == taking_part
    assert producers.achieved == min(taking_part.values()) == 1 and producers.units_met == 8
    priority = targets[Measure.PRIORITY]
    assert priority.achieved == 2 and priority.met


def test_the_plan_of_a_later_period_is_measured_by_commune(lai_chau):
    commune = CommuneFactory(province=lai_chau, name="Xã Bản Bo")
    producer = ProducerFactory(commune=commune, legal_type="cooperative")
    ProductFactory(producer=producer)
    plan = Plan.objects.create(province=lai_chau, number="9/KH-UBND", signed_on=D(2025, 8, 1), title="2025–2026",
                               starts_on=D(2025, 8, 1), ends_on=D(2026, 12, 31))
    Target.objects.create(plan=plan, label="Mỗi xã 1 HTX", measure=Measure.PRODUCERS, goal=1, unit="tổ chức",
                          breakdown=Breakdown.COMMUNE)
    progress = plan_progress(plan, today=D(2026, 11, 24))
    assert not progress.by_district and progress.day == D(2026, 11, 24)
    [target] = progress.targets
    assert [(u.name, u.achieved, u.met) for u in target.units] == [("Xã Bản Bo", 1, True)]


def test_points_of_sale_count_when_open_and_the_latest_check_meets_every_criterion(lai_chau):
    commune = CommuneFactory(province=lai_chau)
    plan = Plan.objects.create(province=lai_chau, number="1/KH", signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    Target.objects.create(plan=plan, label="Điểm bán", measure=Measure.POINTS_OF_SALE, goal=2, unit="điểm")

    def point(name, checks, **dates):
        p = PointOfSale.objects.create(commune=commune, name=name, address="a", operator="o", **dates)
        for day, results in checks:
            PointOfSaleCheck.objects.create(point=p, checked_on=day, results=results)

    point("met", [(D(2020, 5, 1), {"a": False}), (D(2020, 6, 1), {"a": True, "b": True})])
    point("failed later", [(D(2020, 5, 1), {"a": True}), (D(2020, 11, 1), {"a": True, "b": False})])
    point("checked after the day", [(D(2021, 2, 1), {"a": True})])
    point("empty check", [(D(2020, 5, 1), {})])
    point("closed", [(D(2020, 5, 1), {"a": True})], closed_on=D(2020, 10, 1))
    point("not open yet", [(D(2020, 5, 1), {"a": True})], opened_on=D(2021, 1, 1))
    [target] = plan_progress(plan, today=D(2026, 1, 1)).targets
    assert target.achieved == 1


def test_ideas_events_and_training_count_within_the_period(lai_chau):
    district = HistoricalDistrictFactory(province=lai_chau)
    commune = CommuneFactory(province=lai_chau)
    trained = ProducerFactory(commune=commune, historical_district=district)
    untrained = ProducerFactory(commune=commune, historical_district=district)
    for producer in (trained, untrained):
        ProductFactory(producer=producer)
    plan = Plan.objects.create(province=lai_chau, number="1/KH", signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=D(2099, 12, 31))
    for i, measure in enumerate([Measure.IDEAS, Measure.EVENTS, Measure.PEOPLE_TRAINED, Measure.PRODUCERS_TRAINED,
                                 Measure.STAFF_TRAINED]):
        Target.objects.create(plan=plan, position=i, label=measure, measure=measure, goal=100, unit="x")
    ProductIdea.objects.create(commune=commune, product_name="Ý tưởng", group=tea_group("1048"))
    PromotionEvent.objects.create(province=lai_chau, kind="fair", title="Hội chợ", starts_on=D(2020, 3, 1),
                                  ends_on=D(2020, 3, 2), place="p")
    PromotionEvent.objects.create(province=lai_chau, kind="fair", title="Trước kỳ", starts_on=D(2019, 3, 1),
                                  ends_on=D(2019, 3, 2), place="p")
    course = TrainingCourse.objects.create(province=lai_chau, title="Tập huấn", starts_on=D(2020, 4, 1),
                                           ends_on=D(2020, 4, 2), place="p", audience="a")
    Attendee.objects.create(course=course, full_name="Lò Văn A", role=AttendeeRole.PRODUCER_LEADER, producer=trained)
    Attendee.objects.create(course=course, full_name="Cán bộ B", role=AttendeeRole.PROVINCIAL_STAFF)
    UserFactory(role=Role.STAFF, province=lai_chau)
    UserFactory(role=Role.STAFF, province=lai_chau)
    progress = plan_progress(plan)
    figures = {t.target.measure: t.achieved for t in progress.targets}
    assert figures == {Measure.IDEAS: 1, Measure.EVENTS: 1, Measure.PEOPLE_TRAINED: 2,
                       Measure.PRODUCERS_TRAINED: 50, Measure.STAFF_TRAINED: 50}


def test_percent_rounds_half_up_and_knows_nothing_to_divide_by():
    assert [percent(1, 2), percent(1, 3), percent(2, 3), percent(47, 51), percent(0, 0)] == [50, 33, 67, 92, None]


def _plan_with_every_measure(province, size):
    district = HistoricalDistrictFactory(province=province)
    commune = CommuneFactory(province=province)
    products = []
    for i in range(size):
        producer = ProducerFactory(commune=commune, historical_district=district, legal_type="cooperative")
        products.append(ProductFactory(producer=producer, name=f"Sản phẩm {i}"))
        ProductIdea.objects.create(commune=commune, product_name=f"Ý tưởng {i}", group=tea_group("1048"),
                                   producer=producer)
        p = PointOfSale.objects.create(commune=commune, name=f"Điểm {i}", address="a", operator="o")
        PointOfSaleCheck.objects.create(point=p, checked_on=D(2020, 5, 1), results={"a": True})
        course = TrainingCourse.objects.create(province=province, title=f"Lớp {i}", starts_on=D(2020, 4, 1),
                                               ends_on=D(2020, 4, 2), place="p", audience="a")
        Attendee.objects.create(course=course, full_name=f"Người {i}", role=AttendeeRole.PRODUCER_LEADER,
                                producer=producer, commune=commune)
        PromotionEvent.objects.create(province=province, kind="fair", title=f"Hội chợ {i}",
                                      starts_on=D(2020, 3, 1), ends_on=D(2020, 3, 2), place="p")
    registered = datetime.datetime(2020, 2, 1, 9, tzinfo=datetime.UTC)
    ProductIdea.objects.update(created_at=registered)
    Product.objects.update(created_at=registered)
    recognise(*products, stars=4, signed_on=D(2020, 9, 30))
    plan = Plan.objects.create(province=province, number=f"{size}/KH", signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    for i, measure in enumerate(Measure.values):
        Target.objects.create(plan=plan, position=i, label=measure, measure=measure, goal=1, unit="x",
                              breakdown=Breakdown.DISTRICT if i % 2 else Breakdown.PROVINCE, min_stars=3)
    for product in products:
        PlanProduct.objects.create(plan=plan, product=product, kind=PlanProductKind.ADVANTAGED)
        PlanProduct.objects.create(plan=plan, product=product, kind=PlanProductKind.PRIORITY)
    return plan


# Units, recognised, producers, picks, attendees, new products, ideas, points and their checks, events, staff.
PROGRESS_QUERIES = 13


@pytest.mark.parametrize("size", [1, 4])
def test_a_plan_is_measured_in_the_same_number_of_queries_whatever_its_size(lai_chau, size,
                                                                           django_assert_max_num_queries):
    plan = _plan_with_every_measure(lai_chau, size)
    plan = Plan.objects.get(pk=plan.pk)
    with django_assert_max_num_queries(PROGRESS_QUERIES):
        progress = plan_progress(plan, today=D(2026, 1, 1))
    figures = {t.target.measure: t.total for t in progress.targets}
    assert figures[Measure.RECOGNISED] == figures[Measure.PRIORITY] == figures[Measure.ADVANTAGED] == size
    assert figures[Measure.POINTS_OF_SALE] == figures[Measure.IDEAS] == figures[Measure.EVENTS] == size
    assert figures[Measure.NEW_PRODUCTS] == figures[Measure.PRODUCERS] == figures[Measure.PEOPLE_TRAINED] == size
    assert figures[Measure.PRODUCERS_TRAINED] == 100


def _joined(user, day):
    type(user).objects.filter(pk=user.pk).update(date_joined=datetime.datetime(day.year, day.month, day.day, 9,
                                                                               tzinfo=datetime.UTC))


def _staff_plan(province, ends_on, number):
    plan = Plan.objects.create(province=province, number=number, signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=ends_on)
    Target.objects.create(plan=plan, label="Cán bộ", measure=Measure.STAFF_TRAINED, goal=100, unit="%")
    course = TrainingCourse.objects.create(province=province, title="Tập huấn", starts_on=D(2020, 4, 1),
                                           ends_on=D(2020, 4, 2), place="p", audience="a")
    Attendee.objects.create(course=course, full_name=f"Cán bộ {number}", role=AttendeeRole.PROVINCIAL_STAFF)
    return plan


def test_staff_trained_divides_by_the_logins_that_existed_on_the_measured_day(lai_chau):
    commune = CommuneFactory(province=lai_chau)
    by_commune = _staff_plan(lai_chau, D(2025, 12, 31), "1/KH")
    assert [t.achieved for t in plan_progress(by_commune, today=D(2026, 6, 1)).targets] == [None]  # no login
    early, commune_login, late = (UserFactory(role=Role.STAFF, province=lai_chau),
                                  UserFactory(role=Role.COMMUNE, province=lai_chau, commune=commune),
                                  UserFactory(role=Role.STAFF, province=lai_chau))
    _joined(early, D(2019, 5, 1))
    _joined(commune_login, D(2025, 8, 1))
    _joined(late, D(2026, 2, 1))  # after the day measured (31/12/2025): not a login of that day
    [target] = plan_progress(by_commune, today=D(2026, 6, 1)).targets
    assert (target.achieved, target.percent) == (50, 50)  # 1 attendee of 2 logins: the staff and the commune's
    by_district = _staff_plan(lai_chau, D(2020, 12, 31), "2/KH")
    _joined(commune_login, D(2019, 5, 1))  # even so, no commune-staff login in the three-tier system
    [target] = plan_progress(by_district, today=D(2026, 6, 1)).targets
    assert target.achieved == 100  # 1 attendee of the 1 staff login of 2020


def test_producers_trained_leaves_out_units_with_no_producer_and_is_none_with_none(lai_chau):
    first, empty = HistoricalDistrictFactory(province=lai_chau, name="Huyện A"), HistoricalDistrictFactory(
        province=lai_chau, name="Huyện B")
    plan = Plan.objects.create(province=lai_chau, number="1/KH", signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    for breakdown in (Breakdown.PROVINCE, Breakdown.DISTRICT):
        Target.objects.create(plan=plan, label=breakdown, measure=Measure.PRODUCERS_TRAINED, goal=50, unit="%",
                              breakdown=breakdown)
    nothing = plan_progress(plan, today=D(2026, 1, 1))
    assert [(t.achieved, t.total, t.percent, t.met, t.units) for t in nothing.targets] == [
        (None, None, None, False, [])] * 2
    commune = CommuneFactory(province=lai_chau)
    trained, untrained = (ProducerFactory(commune=commune, historical_district=first) for _ in range(2))
    for producer in (trained, untrained):
        ProductFactory(producer=producer)
    Product.objects.update(created_at=datetime.datetime(2020, 2, 1, 9, tzinfo=datetime.UTC))
    course = TrainingCourse.objects.create(province=lai_chau, title="Tập huấn", starts_on=D(2020, 4, 1),
                                           ends_on=D(2020, 4, 2), place="p", audience="a")
    Attendee.objects.create(course=course, full_name="Lò Văn A", role=AttendeeRole.PRODUCER_LEADER, producer=trained)
    province, each = plan_progress(plan, today=D(2026, 1, 1)).targets
    assert (province.achieved, province.met, [(u.name, u.achieved) for u in province.units]) == (
        50, True, [("Huyện A", 50)])
    assert (each.achieved, each.met, each.units_met, each.units_counted) == (50, True, 1, 1)  # Huyện B left out
    assert [(u.name, u.achieved, u.met) for u in each.units] == [("Huyện A", 50, True)]
    assert empty.pk not in {u.unit_id for u in each.units}


def test_records_of_a_commune_are_not_put_in_districts_on_a_plan_by_district(lai_chau):
    district = HistoricalDistrictFactory(province=lai_chau, name="Huyện A")
    commune = CommuneFactory(province=lai_chau)
    producer = ProducerFactory(commune=commune, historical_district=district)
    ProductIdea.objects.create(commune=commune, product_name="Có chủ thể", group=tea_group("1048"), producer=producer)
    ProductIdea.objects.create(commune=commune, product_name="Chỉ có tên", group=tea_group("1048"))
    ProductIdea.objects.update(created_at=datetime.datetime(2020, 2, 1, 9, tzinfo=datetime.UTC))
    plan = Plan.objects.create(province=lai_chau, number="1/KH", signed_on=D(2020, 1, 1), title="t",
                               starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    Target.objects.create(plan=plan, label="Ý tưởng", measure=Measure.IDEAS, goal=2, unit="ý tưởng")
    [target] = plan_progress(plan, today=D(2026, 1, 1)).targets
    assert (target.achieved, target.met, target.units, target.per_unit) == (2, True, [], False)


def test_the_demo_plan_has_no_target_its_form_would_refuse(demo):
    from programme.services.progress import target_problems  # noqa: PLC0415 — the rule this test is about

    assert [target_problems(t.measure, t.breakdown, t.min_stars, demo.ends_on) for t in demo.targets.all()] == [
        {}] * 7
