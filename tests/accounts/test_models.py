import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory


def test_producer_account_must_be_tied_to_a_producer(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.PRODUCER, producer=None)


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICIAL])
def test_staff_and_officials_must_be_tied_to_a_province(db, role):
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=role, province=None)


def test_staff_cannot_also_be_a_producer(producer, lai_chau):
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.STAFF, province=lai_chau, producer=producer)


def test_roles_decide_back_office_access(producer_user, staff_user, official_user):
    assert staff_user.is_staff and official_user.is_staff
    assert not producer_user.is_staff
    assert staff_user.has_perm("products.change_product")
    assert not official_user.has_perm("products.change_product")
    assert not producer_user.has_perm("products.view_product")
    assert not staff_user.has_perm("accounts.change_user")


def test_administrator_has_every_permission(admin_user):
    assert admin_user.has_perm("accounts.change_user") and admin_user.has_perm("products.delete_product")


def test_login_page_logs_in_and_shows_the_role(client, staff_user):
    response = client.post(reverse("login"), {"username": "canbo", "password": "pw"}, follow=True)
    assert response.context["user"] == staff_user
    assert "Cán bộ OCOP tỉnh" in response.content.decode()
    client.logout()
    bad = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert bad.status_code == 200 and not bad.context["user"].is_authenticated
    assert "Sai tên đăng nhập hoặc mật khẩu" in bad.content.decode()


@pytest.mark.parametrize("username", ["a" * 256, "a" * 10_000, "ﬀ" * 200, "ﷺ" * 50])
def test_a_login_name_too_long_or_with_a_nul_is_refused_plainly(client, staff_user, username):
    response = client.post(reverse("login"), {"username": username, "password": "whatever"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_defect_6_the_back_office_refuses_a_producer_account_without_its_producer_in_words(login, admin_user):
    response = login(admin_user).post(reverse("admin:accounts_user_add"), {
        "username": "chuthe-moi", "password1": "Che-shan-tuyet-2020", "password2": "Che-shan-tuyet-2020",
        "usable_password": "true", "role": Role.PRODUCER})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tài khoản chủ thể phải gắn với một chủ thể và không gắn với tỉnh." in body
    assert "user_producer_role_has_producer" not in body


@pytest.mark.parametrize("producer", ["99999999999999999999", "²", "1e3"])
def test_the_back_office_refuses_a_producer_that_is_no_id_plainly(login, admin_user, producer):
    response = login(admin_user).post(reverse("admin:accounts_user_add"), {
        "username": "chuthe-moi", "password1": "Che-shan-tuyet-2020", "password2": "Che-shan-tuyet-2020",
        "usable_password": "true", "role": Role.PRODUCER, "producer": producer})
    assert response.status_code == 200 and response.context["adminform"].form.errors["producer"]


def test_the_login_log_refuses_an_impossible_year_plainly(login, admin_user):
    response = login(admin_user).get(reverse("admin:axes_accesslog_changelist"),
                                     {"attempt_time__year": "99999999999999999999"})
    assert response.status_code == 302 and response.url.endswith("?e=1")
