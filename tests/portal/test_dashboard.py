import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.services import invite_producer_user
from certificates.models import Certificate
from portal import notifications
from portal.models import Notification
from portal.notifications import queue_recognition, send_pending
from products.models import Producer, Product
from tests.factories import ProductFactory, UserFactory


def test_demo_producer_sees_each_2020_product_recognised_with_stars_and_decision(client, db):
    call_command("load_demo", "--allow-production")
    client.post(reverse("login"), {"username": "chuthe", "password": "demo-ocop-2020"})
    response = client.get(reverse("portal:dashboard"))
    body = response.content.decode()
    items = response.context["items"]
    assert len(items) == 7
    # the seven teas were recognised in 2020 (expired 29/09/2023) and again by the sample 2026 decision
    assert {i["product"].standing_stars for i in items} == {3, 4}
    assert body.count("Quyết định 1168/QĐ-UBND") == 7 and body.count("Quyết định 2415/QĐ-UBND") == 7
    assert "Giấy chứng nhận hết hạn" in body and "Giấy chứng nhận còn hiệu lực đến 04/11/2029" in body
    pdf = client.get(reverse("certificates:pdf", args=[items[0]["product"].certificates.first().number]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_dashboard_does_not_show_scores_of_an_undecided_round(login, make_round, score, staff_user):
    round_ = make_round(members=3)
    enrolment = score(round_.enrolments.get(), [(30, 20, 30)] * 3)
    owner = UserFactory(username="owner", role=Role.PRODUCER, producer=enrolment.product.producer)
    body = login(owner).get(reverse("portal:dashboard")).content.decode()
    for leak in ["80,00", "80 điểm", "4 sao", "★★★★", "Có kết quả chấm điểm"]:
        assert leak not in body
    assert "Đang đánh giá" in body
    staff_view = login(staff_user).get(reverse("products:product", args=[enrolment.product.pk])).content.decode()
    assert "80 điểm, 4 sao" in staff_view  # the same page shows it to staff: the check above can fail


def test_dashboard_queries_do_not_grow_with_products(login, decided_round, make_round, score, staff_user,
                                                     official_user, django_assert_max_num_queries):
    owner = UserFactory(username="owner", role=Role.PRODUCER,
                        producer=decided_round.enrolments.first().product.producer)
    client = login(owner)
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("portal:dashboard"))

    ProductFactory.create_batch(6, producer=owner.producer)
    with django_assert_max_num_queries(20) as after:
        assert len(client.get(reverse("portal:dashboard")).context["items"]) == 8
    assert len(before.captured_queries) == len(after.captured_queries)


def test_recognition_is_announced_by_email_once(decided_round, django_capture_on_commit_callbacks):
    owner_producer = decided_round.enrolments.first().product.producer
    UserFactory(username="owner", role=Role.PRODUCER, producer=owner_producer, email="owner@example.vn")

    queue_recognition(decided_round.decision)
    queue_recognition(decided_round.decision)
    call_command("send_notifications")
    call_command("send_notifications")
    assert len(mail.outbox) == 2  # the two products of the decision, once each
    assert all("được công nhận sản phẩm OCOP" in m.subject for m in mail.outbox)
    assert "Giấy chứng nhận số OCOP-12-2020-000" in mail.outbox[0].body
    assert "của Ủy ban nhân dân tỉnh Lai Châu, sản phẩm" in mail.outbox[0].body  # the decision's authority


def test_expiry_notice_is_sent_once_however_often_the_job_runs(decided_round):
    certificate = Certificate.objects.order_by("sequence").first()
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + datetime.timedelta(days=90))
    Certificate.objects.exclude(pk=certificate.pk).update(expires_on=today + datetime.timedelta(days=400))
    UserFactory(username="owner", role=Role.PRODUCER, producer=certificate.product.producer, email="o@example.vn")
    call_command("notify_expiring")
    call_command("notify_expiring")
    expiring = [m for m in mail.outbox if "sắp hết hạn" in m.subject]
    assert len(expiring) == 1 and certificate.number in expiring[0].subject
    assert "còn 90 ngày" in expiring[0].body
    assert Notification.objects.filter(key=f"expiring:{certificate.pk}").count() == 1


def test_staff_dashboard_lists_expiring_certificates(login, staff_user, other_staff_user, decided_round):
    certificate = Certificate.objects.order_by("sequence").first()
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate() + datetime.timedelta(days=30))
    assert [c.number for c in login(staff_user).get(reverse("portal:dashboard")).context["expiring"]] == [
        certificate.number]
    assert list(login(other_staff_user).get(reverse("portal:dashboard")).context["expiring"]) == []


@pytest.mark.parametrize("url", ["portal:dashboard"])
def test_anonymous_reaches_no_dashboard(client, url):
    assert client.get(reverse(url)).status_code == 302


def test_one_failing_address_does_not_hold_up_the_others(decided_round, monkeypatch):
    producer = decided_round.enrolments.first().product.producer
    UserFactory(username="bad", role=Role.PRODUCER, producer=producer, email="bad@example.vn")
    UserFactory(username="good", role=Role.PRODUCER, producer=producer, email="good@example.vn")
    notifications.queue_recognition(decided_round.decision)
    real_send = notifications.send_mail

    def flaky(subject, body, sender, to):
        if to == ["bad@example.vn"]:
            raise ConnectionError("mailbox unavailable")
        return real_send(subject, body, sender, to)

    monkeypatch.setattr(notifications, "send_mail", flaky)
    assert send_pending() == 2  # the good address gets both of its e-mails
    failed = Notification.objects.filter(email="bad@example.vn")
    assert all(n.sent_at is None and n.attempts == 1 and "mailbox" in n.last_error for n in failed)
    monkeypatch.setattr(notifications, "send_mail", real_send)
    assert send_pending() == 2 and send_pending() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["bad@example.vn"] * 2 + ["good@example.vn"] * 2


def test_plain_text_emails_are_not_html_escaped(decided_round, staff_user, django_capture_on_commit_callbacks):
    recognition = decided_round.decision.recognitions.first()
    Product.objects.filter(pk=recognition.product_id).update(name='Chè "Tà Xùa" & mật ong <Mường Tè>')
    producer = Producer.objects.get(pk=recognition.product.producer_id)
    Producer.objects.filter(pk=producer.pk).update(name="HTX Chè & Mật ong 'Sìn Hồ'")
    producer.refresh_from_db()
    UserFactory(username="owner", role=Role.PRODUCER, producer=producer, email="owner@example.vn")
    queue_recognition(decided_round.decision)
    with django_capture_on_commit_callbacks(execute=True):
        invite_producer_user(producer, username="htx-moi", email="moi@example.vn", full_name="Lò Thị Mai",
                             actor=staff_user)
    call_command("send_notifications")
    texts = [m.subject + "\n" + m.body for m in mail.outbox]
    assert any('Sản phẩm “Chè "Tà Xùa" & mật ong <Mường Tè>” được công nhận' in t for t in texts)
    assert any("(HTX Chè & Mật ong 'Sìn Hồ')" in t for t in texts)  # the invitation
    assert not any(entity in t for t in texts for entity in ("&amp;", "&quot;", "&#x27;", "&lt;", "&gt;"))
