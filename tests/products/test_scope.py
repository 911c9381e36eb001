"""Who may see and change which producers and products: grants and, above all, denials."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from products.models import Product, ProductGroup
from products.queries import producers_for_user, products_for_user
from tests.factories import CommuneFactory, ProducerFactory, ProductFactory, tea_group


@pytest.fixture
def dien_bien_product(dien_bien):
    return ProductFactory(producer=ProducerFactory(commune=CommuneFactory(province=dien_bien)), name="Gạo Điện Biên")


def test_products_for_user_scopes_each_role(product, other_product, dien_bien_product, producer_user, staff_user,
                                            other_staff_user, official_user, admin_user):
    assert set(products_for_user(producer_user)) == {product}
    assert set(products_for_user(staff_user)) == {product, other_product}
    assert set(products_for_user(official_user)) == {product, other_product}
    assert set(products_for_user(other_staff_user)) == {dien_bien_product}
    assert set(products_for_user(admin_user)) == {product, other_product, dien_bien_product}
    assert list(products_for_user(AnonymousUser())) == []
    assert set(producers_for_user(producer_user)) == {producer_user.producer}
    assert product.producer not in producers_for_user(other_staff_user)


def test_inactive_user_sees_nothing(product, staff_user):
    staff_user.is_active = False
    staff_user.save()
    assert list(products_for_user(staff_user)) == []


def test_producer_can_edit_own_draft(login, producer_user, draft_product):
    client = login(producer_user)
    url = reverse("products:edit", args=[draft_product.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": draft_product.version, "name": "Trà mới Tam Đường",
                                 "group": draft_product.group_id, "description": "Mô tả"})
    assert response.status_code == 302
    draft_product.refresh_from_db()
    assert draft_product.name == "Trà mới Tam Đường"
    assert draft_product.description == "Mô tả"


def test_producer_cannot_open_or_edit_another_producers_product(login, producer_user, other_product):
    client = login(producer_user)
    url = reverse("products:edit", args=[other_product.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": other_product.version, "name": "Đã sửa",
                             "group": other_product.group_id}).status_code == 404
    other_product.refresh_from_db()
    assert other_product.name == "Mật ong Mẫu"


def test_producer_cannot_edit_own_recognised_product(login, producer_user, product):
    client = login(producer_user)
    url = reverse("products:edit", args=[product.pk])
    response = client.post(url, {"version": product.version, "name": "Đổi tên", "group": product.group_id})
    assert response.status_code == 403
    product.refresh_from_db()
    assert product.name == "Chè Shan tuyết Mẫu"


def test_my_products_lists_only_own(login, producer_user, product, other_product):
    response = login(producer_user).get(reverse("products:mine"))
    assert [p.name for p in response.context["products"]] == ["Chè Shan tuyết Mẫu"]


def test_my_products_query_count(login, staff_user, producer, django_assert_max_num_queries):
    client = login(staff_user)
    ProductFactory(producer=producer)
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("products:mine"))
    ProductFactory.create_batch(10, producer=producer)
    with django_assert_max_num_queries(8) as many:
        client.get(reverse("products:mine"))
    assert len(one.captured_queries) == len(many.captured_queries)


def test_staff_edits_products_of_their_province(login, staff_user, product):
    client = login(staff_user)
    url = reverse("products:edit", args=[product.pk])
    response = client.post(url, {"version": product.version, "name": product.name, "group": product.group_id,
                                 "description": "Đã kiểm tra"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.description == "Đã kiểm tra"


def test_staff_of_another_province_cannot_see_or_change_lai_chau_records(login, other_staff_user, product):
    client = login(other_staff_user)
    url = reverse("products:edit", args=[product.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": product.version, "name": "Đã sửa",
                             "group": product.group_id}).status_code == 404
    mine = client.get(reverse("products:mine"))
    assert list(mine.context["products"]) == []


def test_staff_of_another_province_is_refused_in_the_admin(login, other_staff_user, product):
    client = login(other_staff_user)
    changelist = client.get(reverse("admin:products_product_changelist"))
    assert changelist.status_code == 200
    assert product.name not in changelist.content.decode()
    change_url = reverse("admin:products_product_change", args=[product.pk])
    response = client.get(change_url)
    assert response.status_code == 302 and response.url == reverse("admin:index")
    client.post(change_url, {"producer": product.producer_id, "name": "Đã sửa", "group": product.group_id})
    assert Product.objects.get(pk=product.pk).name == "Chè Shan tuyết Mẫu"
    producer_url = reverse("admin:products_producer_change", args=[product.producer_id])
    assert client.get(producer_url).status_code == 302


def test_staff_admin_offers_only_their_province(login, staff_user, producer, dien_bien):
    outside = ProducerFactory(commune=CommuneFactory(province=dien_bien))
    response = login(staff_user).get(reverse("admin:products_product_add"))
    choices = list(response.context["adminform"].form.fields["producer"].queryset)
    assert producer in choices and outside not in choices
    response = login(staff_user).post(reverse("admin:products_product_add"), {
        "producer": outside.pk, "name": "Lén thêm", "group": 1})
    assert response.status_code == 200  # the form is refused
    assert not Product.objects.filter(name="Lén thêm").exists()


def test_staff_admin_changes_a_product_of_their_province(login, staff_user, product):
    url = reverse("admin:products_product_change", args=[product.pk])
    response = login(staff_user).post(url, {"producer": product.producer_id, "name": "Chè Shan tuyết Mẫu",
                                            "group": product.group_id, "description": "Qua quản trị"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.description == "Qua quản trị"


def test_producer_has_no_back_office(login, producer_user, product):
    client = login(producer_user)
    response = client.get(reverse("admin:products_product_change", args=[product.pk]))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_official_cannot_edit(login, official_user, product):
    client = login(official_user)
    assert client.get(reverse("products:edit", args=[product.pk])).status_code == 403
    change_url = reverse("admin:products_product_change", args=[product.pk])
    client.post(change_url, {"producer": product.producer_id, "name": "Đã sửa", "group": product.group_id})
    assert Product.objects.get(pk=product.pk).name == "Chè Shan tuyết Mẫu"


def test_anonymous_is_sent_to_login(client, product):
    for url in [reverse("products:mine"), reverse("products:edit", args=[product.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url


def test_a_products_producer_cannot_be_changed_in_the_admin(login, staff_user, product, other_producer):
    url = reverse("admin:products_product_change", args=[product.pk])
    login(staff_user).post(url, {"producer": other_producer.pk, "name": product.name, "group": product.group_id})
    product.refresh_from_db()
    assert product.producer != other_producer


def test_the_product_form_offers_only_the_classification_in_force_and_a_reclassification_needs_a_reason(
        login, staff_user, producer):
    old = ProductFactory(producer=producer, name="Chè cũ")  # classified under 1048
    client = login(staff_user)
    url = reverse("products:edit", args=[old.pk])
    offered = client.get(url).context["form"].fields["group"].queryset
    assert set(offered.values_list("scheme", flat=True)) == {"2026"} and offered.count() == 26
    refused = client.post(url, {"version": old.version, "name": "Chè cũ", "group": tea_group("2026").pk,
                                "description": ""})
    assert refused.status_code == 200 and "Hãy ghi lý do phân loại lại" in refused.content.decode()
    old.refresh_from_db()
    assert old.group.scheme == "1048"
    assert client.post(url, {"version": old.version, "name": "Chè cũ", "group": tea_group("2026").pk,
                             "description": "",
                             "reason": "Theo QĐ 26/2026/QĐ-TTg"}).status_code == 302
    old.refresh_from_db()
    assert old.group == tea_group("2026")
    record = old.history.first()
    assert (record.history_change_reason, record.history_user) == ("Theo QĐ 26/2026/QĐ-TTg", staff_user)
    assert ProductGroup.objects.filter(scheme="1048").exists()  # the old scheme stays for old records


def test_defect_12_an_official_refused_the_edit_page_is_told_why_not_that_it_is_no_longer_a_draft(
        login, official_user, draft_product):
    response = login(official_user).get(reverse("products:edit", args=[draft_product.pk]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Bạn có thể xem sản phẩm này nhưng không được sửa" in body
    assert "không còn là bản nháp" not in body
