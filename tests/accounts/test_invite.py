import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.concurrency import submit_at_once


def invite(client, producer, username="htx-che", email="htx@example.vn"):
    return client.post(reverse("accounts:invite"), {"producer": producer.pk, "full_name": "Lò Văn Hải",
                                                    "username": username, "email": email})


def test_staff_invite_a_producer_who_sets_a_password_and_logs_in(client, login, staff_user, producer,
                                                                   django_capture_on_commit_callbacks):
    login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, producer)
    assert response.status_code == 302
    user = User.objects.get(username="htx-che")
    assert user.producer == producer and user.role == "producer" and not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["htx@example.vn"]
    body = mail.outbox[0].body
    assert "Tên đăng nhập: htx-che" in body and mail.outbox[0].subject.startswith("Mời sử dụng")
    link = re.search(r"https?://\S+/accounts/set-password/\S+", body).group(0)
    client.logout()
    assert link.startswith("http://testserver/")  # the address the request was served at
    path = link.removeprefix("http://testserver")
    page = client.get(path, follow=True)
    assert page.status_code == 200
    response = client.post(page.redirect_chain[-1][0] if page.redirect_chain else path,
                           {"new_password1": "Che-shan-tuyet-2020", "new_password2": "Che-shan-tuyet-2020"})
    assert response.status_code == 302
    client.post(reverse("login"), {"username": "htx-che", "password": "Che-shan-tuyet-2020"})
    assert int(client.session["_auth_user_id"]) == user.pk
    # the link works once
    assert "không còn hiệu lực" in client.get(path, follow=True).content.decode()


def test_staff_cannot_invite_for_another_province(login, client, other_staff_user, producer):
    login(other_staff_user)
    response = invite(client, producer)
    assert response.status_code == 200 and not User.objects.filter(username="htx-che").exists()


@pytest.mark.parametrize("persona", ["producer_user", "official_user"])
def test_only_staff_invite(request, login, client, producer, persona):
    login(request.getfixturevalue(persona))
    assert invite(client, producer).status_code == 403


def test_password_reset_mail_is_vietnamese(client, producer_user):
    producer_user.email = "chuthe@example.vn"
    producer_user.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "chuthe@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "Đặt lại mật khẩu" in mail.outbox[0].subject
    assert "/accounts/set-password/" in mail.outbox[0].body


def test_login_is_throttled_after_five_wrong_passwords(client, staff_user):
    for _ in range(5):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    locked = client.post(reverse("login"), {"username": "canbo", "password": "pw"})
    assert locked.status_code == 429
    assert "tạm khóa 15 phút" in locked.content.decode()
    assert not client.session.get("_auth_user_id")


def test_an_invited_account_without_password_can_ask_for_a_new_link(client, login, staff_user, producer,
                                                                    django_capture_on_commit_callbacks):
    login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, producer)
    client.logout()
    mail.outbox.clear()
    client.post(reverse("accounts:password_reset"), {"email": "htx@example.vn"})
    assert len(mail.outbox) == 1 and "/accounts/set-password/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_invitations_at_once_make_one_account_and_no_error(staff_user, producer):
    data = {"producer": producer.pk, "full_name": "Lò Văn Hải", "username": "htx-che", "email": "htx@example.vn"}
    statuses = submit_at_once(staff_user, reverse("accounts:invite"), data)
    assert sorted(statuses) == [200, 200, 200, 302]  # one created; the others are told the name is taken
    assert User.objects.filter(username="htx-che").count() == 1


def test_login_throttled_per_address_across_usernames(client, staff_user, settings):
    """Password spraying: one wrong password on each of 20 login names from one address locks the address (each
    name alone is far from its own limit of 5); another address is not affected."""
    url = reverse("login")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        client.post(url, {"username": f"ten{n}", "password": "sai"}, REMOTE_ADDR="10.0.0.7")
    assert client.post(url, {"username": "canbo", "password": "pw"}, REMOTE_ADDR="10.0.0.7").status_code == 302
    client.logout()
    client.post(url, {"username": "ten-cuoi", "password": "sai"}, REMOTE_ADDR="10.0.0.7")
    locked = client.post(url, {"username": "canbo", "password": "pw"}, REMOTE_ADDR="10.0.0.7")
    assert locked.status_code == 429
    assert "từ địa chỉ mạng này" in locked.content.decode()
    assert not client.session.get("_auth_user_id")
    assert client.post(url, {"username": "canbo", "password": "pw"}, REMOTE_ADDR="10.0.0.8").status_code == 302
