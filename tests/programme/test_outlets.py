"""The OCOP points of sale's services (programme/services/outlets.py): the criteria of Decision 920/QĐ-BCT as data,
a check recording every criterion, who may create, change, check and close a point, and its history."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from programme.models import PointOfSale, PointOfSaleCheck
from programme.queries.outlets import points_for_staff, public_points
from programme.services.outlets import (
    CRITERIA,
    CRITERION_KEYS,
    GROUPS,
    OutletError,
    close_point,
    meets_criteria,
    record_check,
    save_point,
)
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def point(lai_chau, product, staff_user):
    return save_point(PointOfSale(commune=CommuneFactory(province=lai_chau, name="Phường Tân Phong"),
                                  name="Điểm bán OCOP Tân Phong", address="Số 1 Đại lộ Lê Lợi",
                                  operator="Trung tâm Xúc tiến thương mại", opened_on=datetime.date(2024, 1, 2)),
                      products=[product], actor=staff_user)


def test_the_criteria_are_data_with_unique_keys_in_known_groups():
    assert len(CRITERION_KEYS) == len(set(CRITERION_KEYS)) == 5
    assert {c.group for c in CRITERIA} == set(GROUPS) == {"location", "products"}
    assert all(str(c.label) for c in CRITERIA)


@pytest.mark.parametrize(("results", "meets"), [
    ({key: True for key in CRITERION_KEYS}, True),
    ({**{key: True for key in CRITERION_KEYS}, "products_kind": False}, False),
    ({key: False for key in CRITERION_KEYS}, False),
    ({}, False),  # nothing recorded is not "every criterion met"
    ({"location_access": "yes"}, False),  # only a true boolean counts
])
def test_meets_criteria_only_when_every_recorded_criterion_is_true(results, meets):
    assert meets_criteria(results) is meets


def test_a_check_records_every_criterion_true_or_false(point, staff_user):
    check = record_check(point, checked_on=TODAY, met={"location_access", "products_market"}, note=" Đã xem ",
                         actor=staff_user)
    check.refresh_from_db()
    assert check.results == {"location_access": True, "location_site": False, "products_market": True,
                             "products_quality": False, "products_kind": False}
    assert check.checked_by == staff_user and check.note == "Đã xem"
    assert not meets_criteria(check.results)
    full = record_check(point, checked_on=TODAY, met=set(CRITERION_KEYS), actor=staff_user)
    assert meets_criteria(full.results) and set(full.results) == set(CRITERION_KEYS)


def test_the_latest_check_decides_whether_a_point_meets_the_criteria(point, staff_user):
    record_check(point, checked_on=TODAY - datetime.timedelta(days=10), met=set(CRITERION_KEYS), actor=staff_user)
    record_check(point, checked_on=TODAY - datetime.timedelta(days=20), met=set(), actor=staff_user)  # older
    latest = public_points().get(pk=point.pk)
    assert latest.latest_checked_on == TODAY - datetime.timedelta(days=10)
    assert meets_criteria(latest.latest_results)
    record_check(point, checked_on=TODAY, met={"location_access"}, actor=staff_user)
    latest = public_points().get(pk=point.pk)
    assert latest.latest_checked_on == TODAY and not meets_criteria(latest.latest_results)


@pytest.mark.parametrize(("checked_on", "met", "message"), [
    (TODAY + datetime.timedelta(days=1), set(), "tương lai"),
    (datetime.date(2023, 12, 31), set(), "trước khi điểm bán mở cửa"),
    (TODAY, {"bogus"}, "bogus"),
])
def test_a_check_is_refused_when_its_day_or_criteria_are_wrong(point, staff_user, checked_on, met, message):
    with pytest.raises(OutletError) as refused:
        record_check(point, checked_on=checked_on, met=met, actor=staff_user)
    assert message in refused.value.message
    assert not PointOfSaleCheck.objects.exists()


def test_a_point_carries_only_products_of_its_province(point, staff_user, dien_bien):
    far = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)), name="Gạo Điện Biên")
    with pytest.raises(OutletError) as refused:
        save_point(point, products=[*point.products.all(), far], actor=staff_user)
    assert "Gạo Điện Biên" in refused.value.message
    assert list(point.products.values_list("name", flat=True)) == ["Chè Shan tuyết Mẫu"]


def test_staff_write_only_their_provinces_points(point, other_staff_user, dien_bien, staff_user):
    with pytest.raises(OutletError):
        record_check(point, checked_on=TODAY, met=set(), actor=other_staff_user)
    with pytest.raises(OutletError):
        close_point(point, closed_on=TODAY, actor=other_staff_user)
    with pytest.raises(OutletError) as refused:  # a Lai Châu point moved to a commune of Điện Biên
        point.commune = CommuneFactory(province=dien_bien)
        save_point(point, products=[], actor=staff_user)
    assert "tỉnh của bạn" in refused.value.message
    point.refresh_from_db()
    assert point.province.short_name == "Lai Châu" and not point.checks.exists() and point.closed_on is None


@pytest.mark.parametrize("role", [Role.PRODUCER, Role.OFFICIAL, Role.COMMUNE])
def test_only_staff_and_administrators_write(point, role, producer, lai_chau):
    user = UserFactory(role=role, **{Role.PRODUCER: {"producer": producer},
                                     Role.OFFICIAL: {"province": lai_chau},
                                     Role.COMMUNE: {"commune": point.commune}}[role])
    with pytest.raises(OutletError):
        record_check(point, checked_on=TODAY, met=set(), actor=user)
    with pytest.raises(OutletError):
        close_point(point, closed_on=TODAY, actor=user)
    with pytest.raises(OutletError):
        save_point(point, products=[], actor=user)
    assert not point.checks.exists() and point.products.count() == 1


def test_a_closed_point_leaves_the_public_list_but_not_its_staff(point, staff_user):
    close_point(point, closed_on=TODAY, actor=staff_user)
    assert not public_points().filter(pk=point.pk).exists()
    assert points_for_staff(staff_user).filter(pk=point.pk).exists()
    with pytest.raises(OutletError, match="đã đóng cửa"):
        close_point(point, closed_on=TODAY, actor=staff_user)


def test_a_point_closing_in_the_future_or_before_it_opened_is_refused(point, staff_user):
    for day in (TODAY + datetime.timedelta(days=1), datetime.date(2023, 1, 1)):
        with pytest.raises(OutletError):
            close_point(point, closed_on=day, actor=staff_user)
    point.refresh_from_db()
    assert point.closed_on is None


def test_every_change_is_in_history_with_who_made_it(point, staff_user, product, producer):
    other = ProductFactory(producer=producer, name="Trà xanh Mẫu")
    point.phone = "0213 3876 000"
    save_point(point, products=[product, other], actor=staff_user)
    record_check(point, checked_on=TODAY, met=set(CRITERION_KEYS), actor=staff_user)
    close_point(point, closed_on=TODAY, actor=staff_user)
    history = list(point.history.order_by("history_date", "history_id"))
    assert [h.history_type for h in history][0] == "+"
    assert all(h.history_user == staff_user for h in history)
    assert history[-1].closed_on == TODAY
    carried = [sorted(p.product.name for p in h.products.all()) for h in history]
    assert ["Chè Shan tuyết Mẫu"] in carried and ["Chè Shan tuyết Mẫu", "Trà xanh Mẫu"] in carried
    assert [h.history_user for h in PointOfSaleCheck.history.all()] == [staff_user]


def test_the_demo_points_of_sale_load_twice_as_once(db, settings):
    from django.core.management import call_command  # noqa: PLC0415 — the demo loads only in this test

    settings.DEBUG = True
    call_command("load_demo", "--no-logins", verbosity=0)
    points = PointOfSale.objects.filter(name__endswith="(dữ liệu mẫu)")
    assert points.count() == 3
    call_command("load_demo", "--no-logins", verbosity=0)
    assert points.count() == 3 and PointOfSaleCheck.objects.count() == 3
    assert sorted(meets_criteria(c.results) for c in PointOfSaleCheck.objects.all()) == [False, True, True]
    assert all(p.province.short_name == "Lai Châu" and p.products.exists() for p in points)
