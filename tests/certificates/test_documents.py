"""Certificates rendered once: the stored PDF is served as it is, rendered again only with a watermark when the
certificate is revoked or superseded; a batch is a merge of the stored files."""

import datetime
import hashlib
import io
import unicodedata

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from certificates import batches, documents, services
from certificates.documents import has_current_pdf, store_pdfs
from certificates.enums import CertificateState, JobState
from certificates.models import Certificate
from evaluation import services as evaluation
from evaluation.enums import RoundState
from tests.factories import UserFactory, part_values


def text_of(pdf: bytes, page=0) -> str:
    return unicodedata.normalize("NFC", PdfReader(io.BytesIO(pdf)).pages[page].extract_text())


def stored_bytes(certificate) -> bytes:
    with certificate.pdf.storage.open(certificate.pdf.name, "rb") as fh:
        return fh.read()


@pytest.fixture
def renders(monkeypatch):
    """Counts the certificates rendered; `renders.fail = True` makes any further rendering fail."""
    real = documents.render_each

    class Renders:
        count, fail = 0, False

        def __call__(self, certificates):
            if self.fail:
                raise AssertionError("rendered again")
            self.count += len(certificates)
            return real(certificates)

    counter = Renders()
    monkeypatch.setattr(documents, "render_each", counter)
    return counter


@pytest.fixture
def stored(decided_round):
    """The decided round's two certificates, their PDFs stored (as the task after issuing leaves them)."""
    certificates = list(Certificate.objects.order_by("sequence"))
    store_pdfs(certificates)
    return certificates


@pytest.fixture
def owner(stored):
    return UserFactory(username="owner", role=Role.PRODUCER, producer=stored[0].product.producer)


def download(client, certificate):
    response = client.get(reverse("certificates:pdf", args=[certificate.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def decide(make_round, score, staff_user, official_user, *, products, number, signed_on=datetime.date(2020, 9, 30)):
    round_ = make_round(members=3, products=products, number=number)
    for enrolment in round_.enrolments.all():
        score(enrolment, [(30, 20, 30)] * 3)
    evaluation.set_round_state(round_, RoundState.SCORED, actor=staff_user)
    evaluation.finalise_decision(round_, number=f"{1100 + number}/QĐ-UBND", signed_on=signed_on,
                                 signer_name="Hà Trọng Hải", signer_title="Chủ tịch", actor=official_user)
    round_.refresh_from_db()
    return round_


def test_issuing_renders_and_stores_each_pdf_with_its_checksum_after_commit(make_round, score, staff_user,
                                                                            official_user, renders,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        round_ = decide(make_round, score, staff_user, official_user, products=3, number=1)
        assert not any(c.pdf for c in Certificate.objects.all())  # nothing rendered inside the transaction
    assert len(callbacks) >= 3 and renders.count == 3
    for certificate in round_.decision.certificates.all():
        pdf = stored_bytes(certificate)
        assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256 and certificate.pdf_watermark == ""
        assert f"Số: {certificate.number}" in text_of(pdf) and "ĐÃ THU HỒI" not in text_of(pdf)
        assert certificate.pdf.name.startswith(f"certificates/pdf/2020/{certificate.number}-")


def test_stored_pdf_is_identical_on_every_download_and_never_rendered_again(login, stored, owner, renders):
    certificate = stored[0]
    renders.fail = True
    client = login(owner)
    first, second = download(client, certificate), download(client, certificate)
    assert first == second == stored_bytes(certificate)
    assert hashlib.sha256(first).hexdigest() == certificate.pdf_sha256
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=datetime.date(2099, 1, 1))  # a state change
    assert download(client, certificate) == first  # without a watermark: the same file


def test_revoked_certificate_is_rendered_again_with_its_watermark(login, stored, owner, official_user,
                                                                  django_capture_on_commit_callbacks):
    certificate = stored[0]
    old_name, old_checksum = certificate.pdf.name, certificate.pdf_sha256
    before = download(login(owner), certificate)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certificate(certificate, reason="Vi phạm an toàn thực phẩm", actor=official_user,
                                    on=datetime.date(2021, 5, 1))
    certificate.refresh_from_db()
    after = download(login(owner), certificate)
    assert "ĐÃ THU HỒI" in text_of(after) and "ĐÃ THU HỒI" not in text_of(before)
    assert certificate.pdf_sha256 != old_checksum and certificate.pdf_sha256 == hashlib.sha256(after).hexdigest()
    assert certificate.pdf_watermark == CertificateState.REVOKED and after == stored_bytes(certificate)
    assert not certificate.pdf.storage.exists(old_name)  # the unmarked file is gone, never served again
    assert f"Số: {certificate.number}" in text_of(after)


def test_superseded_certificate_is_rendered_again_with_its_watermark(stored, official_user,
                                                                     django_capture_on_commit_callbacks):
    old = stored[1]  # 3★; the correction makes it 4★ on a new certificate
    enrolment = old.recognition.enrolment
    with time_machine.travel(datetime.date(2021, 3, 1), tick=False), django_capture_on_commit_callbacks(execute=True):
        evaluation.correct_scores(enrolment, part_values(enrolment, [(30, 20, 30)] * 3), reason="Nhập nhầm",
                                  actor=official_user)
    old.refresh_from_db()
    new = old.superseded_by
    assert old.state == CertificateState.SUPERSEDED and old.pdf_watermark == CertificateState.SUPERSEDED
    assert "ĐÃ ĐƯỢC THAY THẾ" in text_of(stored_bytes(old))
    assert hashlib.sha256(stored_bytes(old)).hexdigest() == old.pdf_sha256
    assert new.pdf and "ĐÃ ĐƯỢC THAY THẾ" not in text_of(stored_bytes(new)) and "Đạt hạng 4 sao" in text_of(
        stored_bytes(new))


def test_a_pdf_out_of_date_is_never_served(login, stored, owner, official_user):
    """Revoked, its rendering not run yet: the download renders the marked PDF and stores it at once."""
    certificate = stored[0]
    services.revoke_certificate(certificate, reason="Vi phạm", actor=official_user, on=datetime.date(2021, 5, 1))
    certificate.refresh_from_db()
    assert certificate.pdf and not has_current_pdf(certificate)
    served = download(login(owner), certificate)
    certificate.refresh_from_db()
    assert "ĐÃ THU HỒI" in text_of(served) and served == stored_bytes(certificate)


def test_a_missing_pdf_is_rendered_on_download_and_stored_once(login, decided_round, official_user, renders):
    certificate = Certificate.objects.order_by("sequence").first()
    assert not certificate.pdf  # issued before PDFs were stored, or its task not run yet
    client = login(official_user)
    first = download(client, certificate)
    renders.fail = True
    assert download(client, certificate) == first
    certificate.refresh_from_db()
    assert hashlib.sha256(first).hexdigest() == certificate.pdf_sha256 and renders.count == 1


def test_a_lost_file_is_rendered_again_identically(login, decided_round, official_user, settings):
    settings.OCOP_PUBLIC_URL = "https://ocop.laichau.gov.vn"  # the QR code's address, as in production
    certificate = Certificate.objects.order_by("sequence").first()
    store_pdfs([certificate])
    before = stored_bytes(certificate)
    certificate.pdf.storage.delete(certificate.pdf.name)
    assert download(login(official_user), certificate) == before  # same snapshot, same bytes
    certificate.refresh_from_db()
    assert stored_bytes(certificate) == before


def test_two_renderings_of_one_certificate_store_one_file(decided_round):
    first, second = Certificate.objects.get(sequence=1), Certificate.objects.get(sequence=1)  # two workers' reads
    store_pdfs([first])
    store_pdfs([second])
    row = Certificate.objects.get(sequence=1)
    assert first.pdf.name == second.pdf.name == row.pdf.name
    folder = row.pdf.storage.listdir("certificates/pdf/2020")[1]  # the storage is shared by the whole test run
    assert [name for name in folder if name.startswith(f"{row.number}-{row.pdf_sha256[:16]}")] == [
        row.pdf.name.rsplit("/", 1)[1]]  # the second rendering kept the first one's file, made no copy


def test_a_rendering_overtaken_by_a_revocation_stores_nothing(stored, official_user):
    certificate = stored[0]
    stale = Certificate.objects.get(pk=certificate.pk)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")  # as if not stored yet
    stale.pdf.name = ""
    services.revoke_certificate(certificate, reason="Vi phạm", actor=official_user, on=datetime.date(2021, 5, 1))
    assert store_pdfs([stale]) == 0  # rendered as valid: refused, the revocation's own rendering will store it
    row = Certificate.objects.get(pk=certificate.pk)
    assert not row.pdf and stale.state == CertificateState.REVOKED


def test_a_batch_is_a_merge_of_the_stored_files(stored, official_user, renders, settings,
                                                django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    renders.fail = True
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_print_job(actor=official_user, province=stored[0].province,
                                       decision=stored[0].decision)
    job = batches.run_print_job(job.pk)
    assert job.state == JobState.DONE
    with job.file.open("rb") as fh:
        merged = fh.read()
    reader = PdfReader(io.BytesIO(merged))
    assert len(reader.pages) == len(stored) == 2
    for page, certificate in enumerate(stored):
        assert text_of(merged, page) == text_of(stored_bytes(certificate))


def test_a_batch_renders_and_stores_only_the_missing_pdfs(stored, official_user, renders, settings,
                                                          django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    Certificate.objects.filter(pk=stored[1].pk).update(pdf="", pdf_sha256="")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_print_job(actor=official_user, province=stored[0].province,
                                       decision=stored[0].decision)
    job = batches.run_print_job(job.pk)
    assert (job.state, job.done, job.total, renders.count) == (JobState.DONE, 2, 2, 1)
    assert Certificate.objects.get(pk=stored[1].pk).pdf


def test_batch_query_count_does_not_grow_with_its_size(make_round, score, staff_user, official_user, settings,
                                                       django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queries = []
    for number, size in [(1, 2), (2, 7)]:
        round_ = decide(make_round, score, staff_user, official_user, products=size, number=number)
        store_pdfs(round_.decision.certificates.all())
        with django_capture_on_commit_callbacks(execute=True):
            job = services.start_print_job(actor=official_user, province=round_.province, decision=round_.decision)
        with CaptureQueriesContext(connection) as captured:
            job = batches.run_print_job(job.pk)
        assert job.state == JobState.DONE and len(PdfReader(job.file.open("rb")).pages) == size
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_render_certificates_command_stores_the_missing_pdfs(decided_round, capsys, renders,
                                                            django_capture_on_commit_callbacks):
    """Queued for the workers, a task per 16 certificates (the tests' task backend runs them at once)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("render_certificates", "--province", "Lai Chau", "--year", "2020")
    assert all(c.pdf and c.pdf_sha256 for c in Certificate.objects.all()) and renders.count == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("render_certificates")
    assert renders.count == 2  # nothing missing: nothing rendered
    out = capsys.readouterr().out.splitlines()
    assert out == ["2 certificates queued for rendering (1 tasks for the workers).",
                   "0 certificates queued for rendering (0 tasks for the workers)."]


def test_render_certificates_here_renders_in_the_command(decided_round, capsys, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("render_certificates", "--here")
    assert all(c.pdf for c in Certificate.objects.all())
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 certificate PDFs stored")
