import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from pypdf import PdfReader

from certificates import services
from certificates.enums import CertificateState
from certificates.models import Certificate, CertificateNumbering
from certificates.numbering import format_number, valid_until, validate_pattern
from certificates.rendering import render_certificates
from certificates.standing import standing_of
from evaluation import services as evaluation
from evaluation.enums import RoundState
from evaluation.errors import EvaluationError
from products.models import ProductGroup
from products.services import reclassify_product
from tests.concurrency import run_at_once
from tests.factories import part_values


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_finalising_issues_one_numbered_certificate_per_recognised_product(decided_round):
    certificates = list(Certificate.objects.order_by("sequence"))
    assert [c.number for c in certificates] == ["OCOP-12-2020-0001", "OCOP-12-2020-0002"]
    assert [c.product for c in certificates] == [r.product for r in decided_round.decision.recognitions.all()]
    first = certificates[0]
    assert (first.stars, first.issued_on, first.expires_on) == (4, datetime.date(2020, 9, 30),
                                                                datetime.date(2023, 9, 29))
    assert first.issuer == "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU" and first.issuing_body == "Ủy ban nhân dân tỉnh Lai Châu"
    assert first.decision_number == "1168/QĐ-UBND" and first.signer_name == "Hà Trọng Hải"
    assert first.producer_address.endswith("Tỉnh Lai Châu") and first.province_name == "Tỉnh Lai Châu"


def test_numbers_follow_the_provinces_pattern_and_continue_within_the_year(lai_chau, make_round, score, staff_user,
                                                                        official_user):
    CertificateNumbering.objects.create(province=lai_chau, pattern="LC-{year}-{seq:03d}")
    for number in (1, 2):
        round_ = make_round(number=number, members=3, products=2)
        for enrolment in round_.enrolments.all():
            score(enrolment, [(30, 20, 30)] * 3)
        evaluation.set_round_state(round_, RoundState.SCORED, actor=staff_user)
        evaluation.finalise_decision(round_, number=f"{number}/QĐ-UBND", signed_on=datetime.date(2020, 10, number),
                                     signer_name="A", signer_title="Chủ tịch", actor=official_user)
    assert list(Certificate.objects.order_by("sequence").values_list("number", flat=True)) == [
        "LC-2020-001", "LC-2020-002", "LC-2020-003", "LC-2020-004"]


def test_the_database_refuses_duplicate_numbers_and_bad_rows(decided_round):
    certificate = Certificate.objects.first()
    duplicate = Certificate.objects.get(pk=certificate.pk)
    duplicate.pk, duplicate.sequence = None, 99
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(state=CertificateState.REVOKED)  # no reason
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(stars=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(expires_on=certificate.issued_on)


def test_certificates_are_never_deleted(decided_round):
    with pytest.raises(models.ProtectedError):
        Certificate.objects.first().delete()


def test_revoking_needs_a_reason_and_records_who(decided_round, official_user, english):
    certificate = Certificate.objects.first()
    with pytest.raises(EvaluationError, match="needs a reason"):
        services.revoke_certificate(certificate, reason=" ", actor=official_user)
    with pytest.raises(EvaluationError, match="expired on 29/09/2023: an expired certificate cannot be revoked"):
        services.revoke_certificate(certificate, reason="Sử dụng sai nhãn OCOP", actor=official_user)
    with pytest.raises(EvaluationError, match="in the future"):
        services.revoke_certificate(certificate, reason="Sử dụng sai nhãn OCOP", actor=official_user,
                                    on=timezone.localdate() + datetime.timedelta(days=2))
    # revoked by a decision of 15/03/2022, while it was in force, recorded today
    services.revoke_certificate(certificate, reason="Sử dụng sai nhãn OCOP", actor=official_user,
                                on=datetime.date(2022, 3, 15))
    certificate.refresh_from_db()
    assert (certificate.state, certificate.revoked_by, certificate.revoked_reason, certificate.ended_on) == (
        CertificateState.REVOKED, official_user, "Sử dụng sai nhãn OCOP", datetime.date(2022, 3, 15))
    assert certificate.state_on(datetime.date(2022, 3, 14)) == CertificateState.VALID
    assert certificate.history.first().history_user == official_user
    with pytest.raises(EvaluationError, match="already"):
        services.revoke_certificate(certificate, reason="again", actor=official_user, on=datetime.date(2022, 4, 1))


def test_a_later_evaluation_supersedes_the_certificate(decided_round, make_round, score, staff_user, official_user):
    product = decided_round.enrolments.order_by("position").first().product
    old = product.certificates.get()
    later = make_round(number=1, year=2023, starts_on=datetime.date(2023, 9, 1), products=0, members=3)
    reclassify_product(product, ProductGroup.objects.get(scheme="148", name="Thực phẩm"), reason="QĐ 148/QĐ-TTg",
                       actor=staff_user)
    enrolment = evaluation.enrol_product(later, product, actor=staff_user)
    score(enrolment, [(35, 25, 35)] * 3)
    evaluation.set_round_state(later, RoundState.SCORED, actor=staff_user)
    evaluation.finalise_decision(later, number="77/QĐ-UBND", signed_on=datetime.date(2023, 9, 20),
                                 signer_name="B", signer_title="Chủ tịch", actor=official_user)
    old.refresh_from_db()
    new = product.certificates.get(state=CertificateState.VALID)
    assert old.state == CertificateState.SUPERSEDED and old.superseded_by == new
    assert old.ended_on == new.in_force_from == datetime.date(2023, 9, 20)
    assert new.number == "OCOP-12-2023-0001" and new.stars == 4


def test_a_correction_reprints_or_revokes(decided_round, official_user):
    enrolment = decided_round.enrolments.order_by("position").last()  # 3★
    old = enrolment.recognition.certificates.get()
    with time_machine.travel(datetime.date(2021, 3, 1), tick=False):
        evaluation.correct_scores(enrolment, part_values(enrolment, [(30, 20, 30)] * 3), reason="Nhập nhầm",
                                  actor=official_user)
    old.refresh_from_db()
    new = enrolment.recognition.certificates.get(state=CertificateState.VALID)
    assert old.state == CertificateState.SUPERSEDED and old.superseded_by == new and new.stars == 4
    # the corrected certificate counts from the day of the correction; before it, the old one did
    assert (old.ended_on, new.in_force_from) == (datetime.date(2021, 3, 1), datetime.date(2021, 3, 1))
    assert standing_of(enrolment.product, datetime.date(2021, 2, 28)).stars == 3
    assert standing_of(enrolment.product, datetime.date(2021, 3, 1)).stars == 4
    with time_machine.travel(datetime.date(2021, 6, 1), tick=False):
        evaluation.correct_scores(enrolment, part_values(enrolment, [(10, 10, 10)] * 3), reason="Phúc tra",
                                  actor=official_user)
    new.refresh_from_db()
    assert new.state == CertificateState.REVOKED and new.revoked_reason == "Phúc tra"


def test_a_correction_after_expiry_revives_nothing(decided_round, official_user):
    enrolment = decided_round.enrolments.order_by("position").last()  # 3★, expired 29/09/2023
    evaluation.correct_scores(enrolment, part_values(enrolment, [(30, 20, 30)] * 3), reason="Nhập nhầm",
                              actor=official_user)
    assert [c.state_on(timezone.localdate()) for c in enrolment.product.certificates.all()] == [
        CertificateState.EXPIRED]


def test_expiry_is_shown_at_once_and_the_daily_job_is_safe_to_run_twice(decided_round, capsys):
    certificate = Certificate.objects.first()
    assert certificate.current_state == CertificateState.EXPIRED  # 2020 + 36 months is past
    call_command("expire_certificates")
    call_command("expire_certificates")
    assert capsys.readouterr().out.splitlines() == ["2 certificates expired.", "0 certificates expired."]
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.EXPIRED}


def test_numbering_needs_the_province_and_issues_upper_case(lai_chau):
    with pytest.raises(ValidationError):
        validate_pattern("LC-{year}-{seq:03d}")
    validate_pattern("lc{province}-{year}-{seq:03d}")
    assert format_number("lc{province}-{year}-{seq:03d}", province=12, year=2020, seq=7) == "LC12-2020-007"


@pytest.mark.parametrize("issued, last_day", [
    (datetime.date(2020, 9, 30), datetime.date(2023, 9, 29)),
    (datetime.date(2020, 2, 29), datetime.date(2023, 2, 28)),
    (datetime.date(2020, 12, 31), datetime.date(2023, 12, 30)),
])
def test_validity_is_36_months(issued, last_day):
    assert valid_until(issued, 36) == last_day


def test_issued_certificates_cannot_be_deleted_in_bulk_or_edited(decided_round):
    with pytest.raises(models.ProtectedError):
        Certificate.objects.all().delete()
    certificate = Certificate.objects.first()
    certificate.stars = 5
    with pytest.raises(models.ProtectedError):
        certificate.save()
    assert Certificate.objects.count() == 2 and Certificate.objects.get(pk=certificate.pk).stars == 4


def test_a_revoked_certificate_prints_as_void(decided_round, official_user):
    certificate = Certificate.objects.first()
    assert "ĐÃ THU HỒI" not in PdfReader(io.BytesIO(render_certificates([certificate]))).pages[0].extract_text()
    services.revoke_certificate(certificate, reason="Vi phạm", actor=official_user, on=datetime.date(2021, 5, 1))
    certificate.refresh_from_db()
    assert "ĐÃ THU HỒI" in PdfReader(io.BytesIO(render_certificates([certificate]))).pages[0].extract_text()


def copies_of(template, count, prefix):
    """`count` valid certificates like `template`, with numbers and sequences of their own, written in one
    statement (the cheap way to a large number of rows; nothing under test is bypassed)."""
    fields = {f.attname: getattr(template, f.attname) for f in Certificate._meta.concrete_fields if not f.primary_key}
    return Certificate.objects.bulk_create([
        Certificate(**{**fields, "number": f"{prefix}-{i}", "sequence": prefix * 100_000 + i,
                       "state": CertificateState.VALID}) for i in range(count)])


def test_expiring_is_set_based_the_queries_do_not_grow_with_the_number_of_certificates(decided_round):
    template = Certificate.objects.first()  # 30/09/2020 + 36 months: past its last day, still recorded valid
    queries, expired = [], []
    for prefix, size in [(1, 10), (2, 10_000)]:  # the issue's national figure: 10,000 at once
        copies_of(template, size, prefix)
        with CaptureQueriesContext(connection) as captured:
            expired.append(services.expire_certificates())
        queries.append(len(captured))
    assert expired == [2 + 10, 10_000] and queries[0] == queries[1] <= 5
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.EXPIRED}
    history = Certificate.history.filter(history_change_reason="expired")
    assert history.count() == 10_012 and set(history.values_list("state", "history_type").distinct()) == {
        (CertificateState.EXPIRED, "~")}
    assert set(history.values_list("number", flat=True)) == set(Certificate.objects.values_list("number", flat=True))
    latest = Certificate.objects.get(number="2-7").history.first()
    assert (latest.stars, latest.product_name, latest.decision_number, latest.history_date.date()) == (
        template.stars, template.product_name, template.decision_number, timezone.now().date())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_expiry_jobs_at_the_same_moment_expire_each_certificate_once(decided_round):
    copies_of(Certificate.objects.first(), 50, 1)
    first, second = run_at_once(services.expire_certificates, services.expire_certificates)
    assert sorted([first, second]) == [0, 52]
    assert Certificate.history.filter(history_change_reason="expired").count() == 52
