"""The OCOP points of sale's pages (programme/views/outlets.py): the public list and page (open points, recognised
products only, the latest check criterion by criterion), each product's public page listing where it is sold,
the page cache renewed by a check, the staff's pages and who is refused them, and the lists' query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates.services import revoke_certificate
from programme.models import PointOfSale, PointOfSaleCheck
from programme.services.outlets import CRITERION_KEYS, close_point, record_check, save_point
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, UserFactory, recognise

TODAY = timezone.localdate()
LIST = reverse("programme:points_of_sale")


def page(point):
    return reverse("programme:point_of_sale", kwargs={"pk": point.pk})


def make_point(province, products, actor, *, name="Điểm bán OCOP Tân Phong", commune=None, met=CRITERION_KEYS,
               checked_on=TODAY):
    point = save_point(PointOfSale(commune=commune or CommuneFactory(province=province), name=name,
                                   address="Số 1 Đại lộ Lê Lợi", operator="Trung tâm Xúc tiến thương mại",
                                   phone="0213 3000 001"), products=products, actor=actor)
    if met is not None:
        record_check(point, checked_on=checked_on, met=set(met), actor=actor)
    return point


@pytest.fixture
def shelf(lai_chau, producer, product, staff_user):
    """A point carrying a product recognised today, one whose recognition expired and a draft."""
    expired = ProductFactory(producer=producer, name="Chè hết hạn Mẫu")
    recognise(expired, stars=3, signed_on=datetime.date(2020, 9, 30))
    draft = ProductFactory(producer=producer, name="Trà mới chưa công nhận")
    point = make_point(lai_chau, [product, expired, draft], staff_user, commune=producer.commune,
                       checked_on=TODAY - datetime.timedelta(days=3))
    return {"point": point, "product": product, "expired": expired, "draft": draft}


def test_the_public_list_shows_open_points_with_their_check_and_recognised_products(client, shelf, lai_chau,
                                                                                     staff_user):
    unchecked = make_point(lai_chau, [], staff_user, name="Quầy OCOP chợ Than Uyên", met=None)
    failing = make_point(lai_chau, [], staff_user, name="Gian hàng OCOP bến xe", met={"location_access"})
    closed = make_point(lai_chau, [shelf["product"]], staff_user, name="Điểm bán đã đóng")
    close_point(closed, closed_on=TODAY, actor=staff_user)
    response = client.get(LIST)
    assert response.status_code == 200
    rows = {p.name: (p.meets_criteria, p.latest_checked_on, p.recognised_count) for p in response.context["points"]}
    assert rows == {"Điểm bán OCOP Tân Phong": (True, TODAY - datetime.timedelta(days=3), 1),
                    "Quầy OCOP chợ Than Uyên": (False, None, 0),
                    "Gian hàng OCOP bến xe": (False, TODAY, 0)}
    body = response.content.decode()
    for text in ["Điểm bán OCOP Tân Phong", "Số 1 Đại lộ Lê Lợi", shelf["point"].commune.name, "Lai Châu",
                 "Trung tâm Xúc tiến thương mại", "Đạt tiêu chí",
                 f"kiểm tra ngày {(TODAY - datetime.timedelta(days=3)):%d/%m/%Y}", "Chưa kiểm tra",
                 "Chưa đạt đủ tiêu chí", "3 điểm bán"]:
        assert text in body
    assert unchecked.name in body and failing.name in body and "Điểm bán đã đóng" not in body


def test_the_public_list_filters_by_province_and_commune(client, shelf, dien_bien, lai_chau, staff_user,
                                                         other_staff_user):
    far = make_point(dien_bien, [], other_staff_user, name="Điểm bán OCOP Điện Biên")
    near = make_point(lai_chau, [], staff_user, name="Điểm bán OCOP khác xã")

    def names(params):
        return sorted(p.name for p in client.get(LIST, params).context["points"])

    assert names({}) == sorted([far.name, near.name, shelf["point"].name])
    assert names({"province": dien_bien.pk}) == [far.name]
    assert names({"province": lai_chau.pk}) == sorted([near.name, shelf["point"].name])
    assert names({"province": lai_chau.pk, "commune": near.commune_id}) == [near.name]
    assert names({"commune": shelf["point"].commune_id}) == [shelf["point"].name]  # the province follows
    assert names({"province": "99999999999999999999"}) == []


def test_the_public_list_is_paginated(client, lai_chau, staff_user, settings):
    settings.OCOP_PAGE_SIZE = 2
    for i in range(5):
        make_point(lai_chau, [], staff_user, name=f"Điểm bán {i}", met=None)
    assert [p.name for p in client.get(LIST, {"page": 3}).context["points"]] == ["Điểm bán 4"]
    assert client.get(LIST, {"page": 99}).context["page_obj"].number == 3


@pytest.mark.parametrize("rows", [1, 6])
def test_the_public_list_query_count_does_not_grow_with_its_rows(client, lai_chau, producer, product, staff_user,
                                                                 rows, django_assert_max_num_queries):
    for i in range(rows):
        make_point(lai_chau, [product], staff_user, name=f"Điểm bán {i}", commune=producer.commune)
    # the province chosen, the provinces and communes offered, the count, the page with each point's latest check,
    # the recognised products of the page's points
    with django_assert_max_num_queries(6):
        response = client.get(LIST, {"province": lai_chau.pk})
    assert len(response.context["points"]) == rows
    assert all(p.recognised_count == 1 for p in response.context["points"])


def test_the_public_page_shows_only_recognised_products_and_every_criterion(client, shelf, staff_user):
    record_check(shelf["point"], checked_on=TODAY, met=set(CRITERION_KEYS) - {"products_kind"}, actor=staff_user)
    response = client.get(page(shelf["point"]))
    assert response.status_code == 200
    assert [p.name for p in response.context["products"]] == ["Chè Shan tuyết Mẫu"]
    body = response.content.decode()
    assert "★★★★" in body and "Chè hết hạn Mẫu" not in body and "Trà mới chưa công nhận" not in body
    assert f"Lần kiểm tra gần nhất, ngày {TODAY:%d/%m/%Y}" in body and "Chưa đạt đủ tiêu chí" in body
    met = [c["met"] for group in response.context["criteria"] for c in group["criteria"]]
    assert met == [True, True, True, True, False]
    assert body.count("✔") == 4 and body.count("✘") == 1
    assert "Đơn vị quản lý" in body and "0213 3000 001" in body
    assert "Các lần kiểm tra" not in body  # the checks' list is for the province's staff


def test_a_revoked_product_leaves_the_point_and_its_own_page_says_nothing_of_it(client, shelf, official_user):
    product = shelf["product"]
    assert shelf["point"].name in client.get(product.get_absolute_url()).content.decode()
    revoke_certificate(product.certificates.get(), reason="Vi phạm cam kết chất lượng", actor=official_user)
    assert list(client.get(page(shelf["point"])).context["products"]) == []
    assert shelf["point"].name not in client.get(product.get_absolute_url()).content.decode()


def test_a_product_page_lists_the_open_points_that_sell_it(client, shelf, lai_chau, staff_user, product):
    other = make_point(lai_chau, [product], staff_user, name="Gian hàng OCOP bến xe", met={"location_access"})
    closed = make_point(lai_chau, [product], staff_user, name="Điểm bán đã đóng")
    close_point(closed, closed_on=TODAY, actor=staff_user)
    response = client.get(product.get_absolute_url())
    body = response.content.decode()
    assert "Nơi mua: điểm giới thiệu và bán sản phẩm OCOP" in body
    assert page(shelf["point"]) in body and page(other) in body and page(closed) not in body
    assert body.index("Gian hàng OCOP bến xe") < body.index("Điểm bán OCOP Tân Phong")
    # an expired product's page (still public, marked expired) lists no point of sale
    assert "Nơi mua" not in client.get(shelf["expired"].get_absolute_url()).content.decode()


def test_the_product_page_stays_within_its_query_bound_with_points_of_sale(client, shelf, lai_chau, staff_user,
                                                                           product, django_assert_max_num_queries):
    for i in range(4):
        make_point(lai_chau, [product], staff_user, name=f"Điểm bán {i}")
    with django_assert_max_num_queries(3):  # the product, its certificates, the points selling it
        response = client.get(product.get_absolute_url())
    main = response.content.decode().split("<main", 1)[1]  # (the navigation links the list too)
    assert main.count("programme/points-of-sale/") == 6  # 5 points and the list


def test_a_closed_point_is_404_for_the_public_and_shown_to_its_staff(client, login, shelf, staff_user,
                                                                     other_staff_user):
    close_point(shelf["point"], closed_on=TODAY, actor=staff_user)
    assert client.get(page(shelf["point"])).status_code == 404
    assert login(other_staff_user).get(page(shelf["point"])).status_code == 404
    body = login(staff_user).get(page(shelf["point"])).content.decode()
    assert f"Đã đóng cửa ngày {TODAY:%d/%m/%Y}" in body and "Các lần kiểm tra" in body


def test_a_new_check_is_on_the_cached_public_pages_at_once(client, settings, lai_chau, producer, product,
                                                           staff_user, django_capture_on_commit_callbacks):
    settings.OCOP_PUBLIC_PAGE_SECONDS = 60
    point = make_point(lai_chau, [product], staff_user, met={"location_access"})
    assert "Chưa đạt đủ tiêu chí" in client.get(page(point)).content.decode()
    assert "Chưa đạt đủ tiêu chí" in client.get(LIST).content.decode()
    record_check(point, checked_on=TODAY, met=set(CRITERION_KEYS), actor=staff_user)  # not committed: not seen
    assert "Chưa đạt đủ tiêu chí" in client.get(page(point)).content.decode()  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):  # committed
        record_check(point, checked_on=TODAY, met=set(CRITERION_KEYS), actor=staff_user)
    assert "Chưa đạt đủ tiêu chí" not in client.get(page(point)).content.decode()
    assert "Đạt tiêu chí" in client.get(LIST).content.decode()
    assert "Chưa đạt đủ tiêu chí" not in client.get(LIST).content.decode()
    # a product taken off the point's shelf leaves the product's cached page too (a change of the relation only)
    assert point.name in client.get(product.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        point.products.remove(product)
    assert point.name not in client.get(product.get_absolute_url()).content.decode()


# --- the staff's pages -----------------------------------------------------------------------------------------

def staff_pages(point):
    return [reverse("programme:point_of_sale_new")] + [
        reverse(f"programme:point_of_sale_{name}", kwargs={"pk": point.pk}) for name in ("edit", "check", "close")]


def test_staff_create_a_point_with_products_of_their_province_only(login, staff_user, producer, product, dien_bien):
    far = ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)), name="Gạo Điện Biên")
    client = login(staff_user)
    form = client.get(reverse("programme:point_of_sale_new")).context["form"]
    assert list(form.fields["products"].queryset) == [product]
    data = {"name": "Điểm bán OCOP Bình Lư", "address": "Bản Bình Lư", "commune": producer.commune_id,
            "operator": "Hợp tác xã Chè Mẫu", "operator_producer": producer.pk, "opened_on": "02/01/2025"}
    refused = client.post(reverse("programme:point_of_sale_new"), {**data, "products": [far.pk]})
    assert refused.status_code == 200 and not PointOfSale.objects.exists()
    response = client.post(reverse("programme:point_of_sale_new"), {**data, "products": [product.pk]})
    point = PointOfSale.objects.get()
    assert response.url == page(point)
    assert (point.province, point.opened_on, list(point.products.all())) == (
        producer.province, datetime.date(2025, 1, 2), [product])
    history = list(point.history.order_by("history_id"))  # the point, then its products
    assert history[0].history_type == "+" and {h.history_user for h in history} == {staff_user}
    assert [p.product for p in history[-1].products.all()] == [product]


def test_staff_record_a_check_with_every_criterion_and_close_the_point(login, staff_user, shelf):
    client = login(staff_user)
    point = shelf["point"]
    response = client.post(reverse("programme:point_of_sale_check", kwargs={"pk": point.pk}), {
        "checked_on": TODAY.strftime("%d/%m/%Y"), "note": "Kiểm tra định kỳ", "c_location_access": "on",
        "c_products_kind": "on"})
    assert response.url == page(point)
    check = point.checks.order_by("-pk").first()
    assert check.results == {"location_access": True, "location_site": False, "products_market": False,
                             "products_quality": False, "products_kind": True}
    assert check.note == "Kiểm tra định kỳ" and check.checked_by == staff_user
    future = client.post(reverse("programme:point_of_sale_check", kwargs={"pk": point.pk}), {
        "checked_on": (TODAY + datetime.timedelta(days=2)).strftime("%d/%m/%Y")})
    assert "Không thể ghi ngày kiểm tra trong tương lai." in future.content.decode()
    close = reverse("programme:point_of_sale_close", kwargs={"pk": point.pk})
    assert client.post(close, {"closed_on": TODAY.strftime("%d/%m/%Y")}).status_code == 200  # not confirmed
    client.post(close, {"closed_on": TODAY.strftime("%d/%m/%Y"), "confirm": "on"})
    point.refresh_from_db()
    assert point.closed_on == TODAY and point.history.first().history_user == staff_user


def test_staff_edit_a_point_and_its_products(login, staff_user, shelf, producer):
    other = ProductFactory(producer=producer, name="Trà xanh Mẫu")
    point = shelf["point"]
    client = login(staff_user)
    client.post(reverse("programme:point_of_sale_edit", kwargs={"pk": point.pk}), {
        "name": "Điểm bán OCOP Tân Phong mới", "address": point.address, "commune": point.commune_id,
        "operator": point.operator, "products": [shelf["product"].pk, other.pk]})
    point.refresh_from_db()
    assert point.name == "Điểm bán OCOP Tân Phong mới"
    assert sorted(point.products.values_list("name", flat=True)) == ["Chè Shan tuyết Mẫu", "Trà xanh Mẫu"]
    assert point.history.first().history_user == staff_user


def test_another_provinces_staff_get_404_on_every_staff_page_of_the_point(login, other_staff_user, shelf):
    client = login(other_staff_user)
    new, *pages = staff_pages(shelf["point"])
    assert client.get(new).status_code == 200  # their own province's points
    for url in pages:
        assert client.get(url).status_code == 404
        assert client.post(url, {"checked_on": TODAY.strftime("%d/%m/%Y"), "closed_on": TODAY.strftime(
            "%d/%m/%Y"), "confirm": "on", "name": "x"}).status_code == 404
    assert PointOfSaleCheck.objects.count() == 1 and PointOfSale.objects.get().closed_on is None


@pytest.mark.parametrize("persona", ["producer", "commune", "official"])
def test_producers_commune_staff_and_officials_are_refused_the_staff_pages(login, shelf, producer_user, lai_chau,
                                                                            official_user, persona):
    user = {"producer": producer_user, "official": official_user,
            "commune": UserFactory(username="canboxa", role=Role.COMMUNE, commune=shelf["point"].commune)}[persona]
    client = login(user)
    for url in staff_pages(shelf["point"]):
        assert client.get(url).status_code == 403
        assert client.post(url, {"checked_on": TODAY.strftime("%d/%m/%Y")}).status_code == 403
    assert PointOfSaleCheck.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in_for_the_staff_pages(client, shelf):
    for url in staff_pages(shelf["point"]):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_point_with_a_25_digit_product_id_is_refused_by_the_shared_records_field(login, staff_user, producer):
    from ocop.forms import RecordsField  # noqa: PLC0415 — the field this test is about
    from programme.forms.outlets import PointOfSaleForm  # noqa: PLC0415 — the form this test is about

    assert type(PointOfSaleForm.base_fields["products"]) is RecordsField
    response = login(staff_user).post(reverse("programme:point_of_sale_new"), {
        "name": "Điểm bán OCOP Bình Lư", "address": "Bản Bình Lư", "commune": producer.commune_id,
        "operator": "Hợp tác xã Chè Mẫu", "opened_on": "02/01/2025", "products": ["9" * 25]})
    assert response.status_code == 200 and "products" in response.context["form"].errors
    assert not PointOfSale.objects.exists()
