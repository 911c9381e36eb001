import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from certificates.enums import CertificateState, JobState
from certificates.models import Certificate, PrintJob
from certificates.services import revoke_certificate
from evaluation import services
from evaluation import services as evaluation
from evaluation.enums import RoundState
from tests.factories import UserFactory, part_values


@pytest.fixture
def certificate(decided_round):
    return Certificate.objects.order_by("sequence").first()


@pytest.fixture
def owner(certificate):
    return UserFactory(username="owner", role=Role.PRODUCER, producer=certificate.product.producer)


def verify(client, number):
    return client.get(reverse("certificates:verify", args=[number]))


def test_verification_says_valid_with_public_facts_only(client, certificate, settings):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on="2099-01-01")
    response = verify(client, certificate.number)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Giấy chứng nhận còn hiệu lực" in body
    for text in [certificate.product_name, certificate.producer_name, "1168/QĐ-UBND", "30/09/2020",
                 "của Ủy ban nhân dân tỉnh Lai Châu"]:
        assert text in body
    producer = certificate.product.producer
    for private in [producer.registration_code, producer.representative, producer.address]:
        assert private not in body


def test_verification_of_expired_revoked_superseded_and_unknown(client, certificate, official_user):
    assert "Giấy chứng nhận đã hết hạn" in verify(client, certificate.number).content.decode()
    successor = Certificate.objects.exclude(pk=certificate.pk).get()
    Certificate.objects.filter(pk=successor.pk).update(state=CertificateState.SUPERSEDED, superseded_by=certificate,
                                                       ended_on=successor.issued_on)
    body = verify(client, successor.number).content.decode()
    assert "Giấy chứng nhận đã được thay thế" in body and certificate.number in body
    assert verify(client, certificate.number.lower()).status_code == 200  # numbers are found whatever the case
    bad = client.get(reverse("certificates:verify_search"), {"number": "1168/QĐ-UBND"})
    assert bad.status_code == 200 and "chỉ gồm chữ, số" in bad.content.decode()
    revoke_certificate(certificate, reason="Sử dụng sai nhãn", actor=official_user, on=datetime.date(2021, 1, 4))
    body = verify(client, certificate.number).content.decode()
    assert "Giấy chứng nhận đã bị thu hồi" in body and "Sử dụng sai nhãn" in body
    unknown = verify(client, "OCOP-12-2020-9999")
    assert unknown.status_code == 404
    assert "Không có giấy chứng nhận OCOP nào mang số" in unknown.content.decode()


def test_search_form_leads_to_the_certificate(client, certificate):
    response = client.get(reverse("certificates:verify_search"), {"number": " ocop-12-2020-0001 "})
    assert response.status_code == 302 and response.url == reverse("certificates:verify", args=[certificate.number])


def test_producer_downloads_only_their_own_certificate(client, login, certificate, owner, other_producer_user):
    url = reverse("certificates:pdf", args=[certificate.number])
    response = login(owner).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert login(other_producer_user).get(url).status_code == 404
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous.url


def test_staff_of_another_province_cannot_reach_lai_chau_certificates(login, certificate, other_staff_user):
    client = login(other_staff_user)
    assert client.get(reverse("certificates:pdf", args=[certificate.number])).status_code == 404
    assert list(client.get(reverse("certificates:list")).context["certificates"]) == []


def test_only_officials_revoke(login, certificate, staff_user, official_user, owner):
    url = reverse("certificates:revoke", args=[certificate.number])
    assert login(staff_user).post(url, {"reason": "x"}).status_code == 403
    assert login(owner).post(url, {"reason": "x"}).status_code == 403
    refused = login(official_user).post(url, {"reason": ""})
    assert refused.status_code == 200 and "cần có lý do" in refused.content.decode()
    # 2020 + 36 months is past
    expired = login(official_user).post(url, {"reason": "Vi phạm chất lượng", "confirm": "on"})
    assert expired.status_code == 200 and "không thể thu hồi giấy chứng nhận đã hết hạn" in expired.content.decode()
    with time_machine.travel(datetime.date(2021, 5, 1), tick=False):
        unconfirmed = login(official_user).post(url, {"reason": "Vi phạm chất lượng"})
        assert unconfirmed.status_code == 200
        certificate.refresh_from_db()
        assert certificate.state == CertificateState.VALID
        assert login(official_user).post(url, {"reason": "Vi phạm chất lượng", "confirm": "on"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.REVOKED and certificate.revoked_by == official_user


def test_official_prints_a_decision_in_the_background_and_downloads_it(login, decided_round, official_user,
                                                                       django_capture_on_commit_callbacks):
    client = login(official_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:print"), {"round": decided_round.pk})
    job = PrintJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("certificates:job", args=[job.pk])
    status = client.get(reverse("certificates:job_status", args=[job.pk])).json()
    assert (status["state"], status["done"], status["total"], status["percent"]) == (JobState.DONE, 2, 2, 100)
    download = client.get(status["download"])
    assert download.status_code == 200
    assert len(PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages) == 2
    page = client.get(reverse("certificates:job", args=[job.pk])).content.decode()
    assert "job-progress" in page


def test_printing_is_refused_to_others(login, client, decided_round, staff_user, owner, other_staff_user,
                                       official_user, django_capture_on_commit_callbacks):
    url = reverse("certificates:print")
    assert login(staff_user).post(url, {"round": decided_round.pk}).status_code == 403
    assert login(owner).post(url, {"round": decided_round.pk}).status_code == 403
    other_official = UserFactory(username="lanhdao2", role=Role.OFFICIAL, province=other_staff_user.province)
    assert login(other_official).post(url, {"round": decided_round.pk}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        login(official_user).post(url, {"round": decided_round.pk})
    job = PrintJob.objects.get()
    download = reverse("certificates:job_download", args=[job.pk])
    assert login(official_user).get(download).status_code == 200  # the job ran: the file exists
    assert login(other_official).get(download).status_code == 404
    assert login(other_official).get(reverse("certificates:job_status", args=[job.pk])).status_code == 404
    assert login(owner).get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_certificate_list_query_count(login, official_user, make_round, score, staff_user, decided_round,
                                     django_assert_max_num_queries):
    client = login(official_user)
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(reverse("certificates:list")).context["certificates"]) == 2
    round_ = make_round(number=2, members=3, products=10)
    for enrolment in round_.enrolments.all():
        score(enrolment, [(30, 20, 30)] * 3)
    services.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    services.finalise_decision(round_, number="9/QĐ-UBND", signed_on=datetime.date(2020, 10, 9), signer_name="A",
                               signer_title="Chủ tịch", actor=official_user)
    with django_assert_max_num_queries(12) as many:
        assert len(client.get(reverse("certificates:list")).context["certificates"]) == 12
    assert len(few.captured_queries) == len(many.captured_queries)


def test_a_revocation_reason_longer_than_100_characters_is_kept_whole(login, certificate, official_user):
    reason = "Theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số 321/TTr-SNNMT ngày 20/04/2021: " * 3
    with time_machine.travel(datetime.date(2021, 5, 1), tick=False):
        response = login(official_user).post(reverse("certificates:revoke", args=[certificate.number]),
                                             {"reason": reason, "confirm": "on"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == reason.strip()
    assert certificate.history.order_by("-history_id").first().history_change_reason == reason.strip()


@pytest.mark.parametrize("number", ["a\x00b", "OCOP\x00", "x" * 500, "OCOP-12-2020-0001'--", "²"])
def test_verification_of_a_malformed_number_is_not_found_not_a_crash(client, certificate, number):
    response = verify(client, number)
    assert response.status_code == 404
    assert "Không có giấy chứng nhận OCOP nào mang số" in response.content.decode()


def test_certificate_pages_with_a_nul_byte_in_the_number_are_not_found(login, certificate, official_user):
    client = login(official_user)
    for name in ("certificates:pdf", "certificates:revoke"):
        assert client.get(reverse(name, args=["a\x00b"])).status_code == 404


@pytest.mark.parametrize("year", ["²", "٢٠٢٠", "99999999999999999999", "-1", "20２0"])
def test_certificate_list_and_printing_refuse_unicode_digits_plainly(login, certificate, official_user, year):
    client = login(official_user)
    assert client.get(reverse("certificates:list"), {"year": year}).status_code == 200
    assert client.post(reverse("certificates:print"), {"round": year}).status_code == 404
    assert client.post(reverse("certificates:print"), {"year": year}).status_code == 404


def test_private_pdf_is_not_stored_by_caches(login, certificate, owner, official_user,
                                             django_capture_on_commit_callbacks):
    def cache_control(response):
        assert response.status_code == 200
        return {part.strip() for part in response["Cache-Control"].split(",")}

    assert {"no-store", "private"} <= cache_control(login(owner).get(reverse("certificates:pdf",
                                                                             args=[certificate.number])))
    client = login(official_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificates:print"), {"round": certificate.decision.round_id})
    job = PrintJob.objects.get()
    assert {"no-store", "private"} <= cache_control(client.get(reverse("certificates:job_download", args=[job.pk])))
    assert {"no-store", "private"} <= cache_control(client.get(reverse("certificates:job_status", args=[job.pk])))


def test_defect_12_after_a_correction_verification_names_the_corrected_certificate_not_a_new_evaluation(
        client, decided_round, official_user):
    enrolment = decided_round.enrolments.order_by("position").last()  # 3★
    old = enrolment.recognition.certificates.get()
    with time_machine.travel(datetime.date(2021, 3, 1), tick=False):
        evaluation.correct_scores(enrolment, part_values(enrolment, [(30, 20, 30)] * 3), reason="Nhập nhầm",
                                  actor=official_user)
    new = enrolment.recognition.certificates.get(state=CertificateState.VALID)
    body = verify(client, old.number).content.decode()
    assert "Giấy chứng nhận đã được thay thế" in body
    assert ("Điểm của quyết định đã được điều chỉnh ngày 01/03/2021: giấy chứng nhận này được thay thế bằng giấy "
            f'chứng nhận đã điều chỉnh <a href="{new.get_absolute_url()}">{new.number}</a>.') in body
    assert "đánh giá lại" not in body
