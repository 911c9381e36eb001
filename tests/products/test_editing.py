"""Editing a product on the site: two people at once get a conflict, never a silent overwrite; a product's
name is unique for its producer, in the app and in the admin."""

from django.test import Client
from django.urls import reverse

from products.models import Product
from tests.factories import ProductFactory


def form_data(response, **typed):
    """What the browser sends back: the form as opened (with its version), with `typed` changes."""
    form = response.context["form"]
    data = {name: form[name].value() for name in ("version", "name", "group", "description")}
    return {k: "" if v is None else v for k, v in {**data, **typed}.items()}


def test_two_people_editing_a_product_at_once_get_a_conflict_not_a_lost_update(
        client, login, staff_user, producer_user, draft_product):
    url = reverse("products:edit", args=[draft_product.pk])
    producer_client = login(producer_user)
    producers_form = producer_client.get(url)
    staff_client = Client()
    staff_client.force_login(staff_user)
    staffs = form_data(staff_client.get(url), description="Chè búp tươi hái một tôm hai lá.")
    producers = form_data(producers_form, description="Trà xanh sấy khô, túi 100 g.", name="Trà xanh Tam Đường")
    assert staff_client.post(url, staffs).status_code == 302  # the first save wins

    response = producer_client.post(url, producers)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Không có thay đổi nào của bạn được lưu" in body and (staff_user.get_full_name() or "canbo") in body
    assert "Chè búp tươi hái một tôm hai lá." in body and "Trà xanh sấy khô, túi 100 g." in body  # both versions
    draft_product.refresh_from_db()
    assert (draft_product.name, draft_product.description) == ("Trà mới", "Chè búp tươi hái một tôm hai lá.")
    # the form now carries the saved version: saving again is a conscious overwrite, recorded
    again = form_data(response, description="Trà xanh sấy khô, túi 100 g.", name="Trà xanh Tam Đường")
    assert response.context["form"]["name"].value() == "Trà xanh Tam Đường"  # what was typed is kept
    assert producer_client.post(url, again).status_code == 302
    draft_product.refresh_from_db()
    assert (draft_product.name, draft_product.description) == ("Trà xanh Tam Đường", "Trà xanh sấy khô, túi 100 g.")
    assert [h.history_user.username for h in draft_product.history.all()[:2]] == ["chuthe", "canbo"]


def test_an_edit_without_its_version_is_refused(login, staff_user, draft_product):
    url = reverse("products:edit", args=[draft_product.pk])
    response = login(staff_user).post(url, {"name": "Đổi tên", "group": draft_product.group_id})
    assert response.status_code == 200 and "Biểu mẫu này đã cũ" in response.content.decode()
    assert Product.objects.get(pk=draft_product.pk).name == "Trà mới"


def test_renaming_a_product_to_a_siblings_name_is_refused_in_the_app_and_the_admin(login, staff_user, admin_user,
                                                                                   draft_product):
    sibling = ProductFactory(producer=draft_product.producer, name="Chè Shan tuyết Mẫu", group=draft_product.group)
    url = reverse("products:edit", args=[draft_product.pk])
    client = login(staff_user)
    response = client.post(url, form_data(client.get(url), name="Chè Shan tuyết Mẫu"))
    assert response.status_code == 200 and response.context["form"].errors
    admin = login(admin_user).post(reverse("admin:products_product_change", args=[draft_product.pk]), {
        "name": "Chè Shan tuyết Mẫu", "group": draft_product.group_id, "description": ""})
    assert admin.status_code == 200 and admin.context["adminform"].form.errors
    assert Product.objects.get(pk=draft_product.pk).name == "Trà mới"
    assert Product.objects.get(pk=sibling.pk).name == "Chè Shan tuyết Mẫu"
