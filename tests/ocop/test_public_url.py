"""Links that leave the page (QR codes, e-mailed links) point to the address actually served, unless
OCOP_PUBLIC_URL says otherwise; work done later by the worker keeps the address of the request that asked."""

import io
import re
import unicodedata

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from certificates.batches import run_print_job
from certificates.models import Certificate, PrintJob

SERVED = "http://127.0.0.1:8101"


@pytest.fixture
def served_on_8101(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    settings.OCOP_PUBLIC_URL = ""
    return {"HTTP_HOST": "127.0.0.1:8101"}


def qr_codes(pdf_bytes):
    zxingcpp = pytest.importorskip("zxingcpp")
    decoded = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            big = image.image.convert("L").resize((image.image.width * 8, image.image.height * 8), Image.NEAREST)
            decoded += [r.text for r in zxingcpp.read_barcodes(big)]
    return decoded


def pdf_text(pdf_bytes):
    return unicodedata.normalize("NFC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages))


def test_public_url_follows_the_served_address_in_qr_codes(login, decided_round, official_user, served_on_8101):
    certificate = Certificate.objects.order_by("sequence").first()
    response = login(official_user).get(reverse("certificates:pdf", args=[certificate.number]), **served_on_8101)
    assert qr_codes(response.content) == [f"{SERVED}/verify/{certificate.number}/"]
    assert f"{SERVED}/verify/{certificate.number}/" in pdf_text(response.content)


def test_public_url_follows_the_served_address_in_invitation_links(login, staff_user, producer, served_on_8101,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(staff_user).post(reverse("accounts:invite"), {"producer": producer.pk, "full_name": "Lò Văn Hải",
                                                            "username": "htx-che", "email": "htx@example.vn"},
                               **served_on_8101)
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links and all(link.startswith(f"{SERVED}/accounts/set-password/") for link in links)


def test_public_url_set_explicitly_wins_over_the_served_address(login, decided_round, official_user,
                                                                served_on_8101, settings):
    settings.OCOP_PUBLIC_URL = "https://ocop.laichau.gov.vn/"
    certificate = Certificate.objects.order_by("sequence").first()
    response = login(official_user).get(reverse("certificates:pdf", args=[certificate.number]), **served_on_8101)
    assert qr_codes(response.content) == [f"https://ocop.laichau.gov.vn/verify/{certificate.number}/"]


def test_public_url_of_a_batch_printed_by_the_worker_is_the_address_the_request_was_served_at(
        login, decided_round, official_user, served_on_8101, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # the worker runs later
    with django_capture_on_commit_callbacks(execute=True):
        login(official_user).post(reverse("certificates:print"), {"round": decided_round.pk}, **served_on_8101)
    job = run_print_job(PrintJob.objects.get().pk)  # in the worker: no request
    with job.file.open("rb") as pdf:
        codes = qr_codes(pdf.read())
    numbers = Certificate.objects.filter(decision=decided_round.decision).order_by("position", "pk")
    assert set(codes) == {f"{SERVED}/verify/{c.number}/" for c in numbers}  # a batch's pages share their images
