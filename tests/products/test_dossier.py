"""The producer's dossier: uploads validated, files private, submission and review by staff."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

import products.validators as validators
from products.enums import ProductStatus
from products.models import DossierDocument
from tests.factories import blank_pdf

PDF = blank_pdf()


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, product, name, content, kind="registration"):
    return client.post(reverse("products:document_add", args=[product.pk]),
                        {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.fixture
def with_document(login, producer_user, draft_product):
    client = login(producer_user)
    response = upload(client, draft_product, "phieu-dang-ky.pdf", PDF)
    assert "Đã thêm tài liệu vào hồ sơ" in response.content.decode()
    return client, draft_product, DossierDocument.objects.get()


def test_documents_are_stored_privately_under_random_names(with_document):
    _client, _product, document = with_document
    assert document.original_name == "phieu-dang-ky.pdf" and document.content_type == "application/pdf"
    assert "phieu" not in document.file.name and document.file.name.startswith("dossiers/")
    assert document.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize("name, content, kind, message", [
    ("anh.jpg", b"this is not a picture", "photo", "Chỉ chấp nhận tài liệu PDF và ảnh JPEG, PNG hoặc WebP"),
    ("ho-so.pdf", b"<html>not a pdf</html>", "registration", "Chỉ chấp nhận tài liệu PDF và ảnh JPEG, PNG hoặc WebP"),
])
def test_bad_files_are_refused_and_the_dossier_kept(with_document, name, content, kind, message):
    client, product, document = with_document
    body = upload(client, product, name, content, kind).content.decode()
    assert message in body
    assert list(product.documents.all()) == [document] and document.file.storage.exists(document.file.name)


def test_oversize_file_is_refused(with_document, monkeypatch):
    client, product, document = with_document
    monkeypatch.setattr(validators, "DOSSIER_MAX_BYTES", 1000)
    body = upload(client, product, "lon.pdf", PDF + b"x" * 1000).content.decode()
    assert "lớn nhất được phép" in body and list(product.documents.all()) == [document]


def test_decompression_bomb_photo_is_refused(with_document, settings):
    client, product, document = with_document
    settings.OCOP_PHOTO_MAX_PIXELS = 1_000_000
    body = upload(client, product, "bom.png", png((3000, 3000)), "photo").content.decode()
    assert "triệu điểm ảnh" in body and list(product.documents.all()) == [document]


def test_a_pdf_named_like_a_web_page_is_stored_and_served_as_a_pdf(with_document):
    client, product, _document = with_document
    upload(client, product, "x.html", PDF + b"\n")  # another file (the same one twice is refused)
    document = product.documents.order_by("pk").last()
    assert document.file.name.endswith(".pdf") and document.content_type == "application/pdf"
    response = client.get(reverse("products:document", args=[product.pk, document.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="x.pdf"')


def test_a_truncated_pdf_is_refused(with_document):
    client, product, document = with_document
    body = upload(client, product, "cut.pdf", b"%PDF-1.4 <script>alert(1)</script>").content.decode()
    assert "không đầy đủ hoặc bị hỏng" in body and list(product.documents.all()) == [document]


def test_a_photo_is_accepted(with_document):
    client, product, _document = with_document
    upload(client, product, "anh.png", png(), "photo")
    assert product.documents.filter(kind="photo", content_type="image/png").exists()


def test_documents_are_served_only_to_the_owner_and_staff(with_document, login, client, other_producer_user,
                                                          staff_user, other_staff_user):
    owner_client, product, document = with_document
    url = reverse("products:document", args=[product.pk, document.pk])
    response = owner_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert login(staff_user).get(url).status_code == 200
    assert login(other_producer_user).get(url).status_code == 404
    assert login(other_staff_user).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_submit_review_and_return_with_a_comment(with_document, login, staff_user, producer_user):
    client, product, _document = with_document
    submit = reverse("products:submit", args=[product.pk])
    refused = client.post(submit, follow=True).content.decode()
    assert "Hãy nhập mô tả" in refused  # no description yet
    product.description = "Trà mới của hợp tác xã"
    product.save()
    client.post(submit)
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert "Hồ sơ đã nộp; không thể thay đổi" in upload(client, product, "them.pdf", PDF).content.decode()
    staff = login(staff_user)
    assert [p.name for p in staff.get(reverse("products:queue")).context["products"]] == ["Trà mới"]
    staff.post(reverse("products:return", args=[product.pk]), {"comment": "Bổ sung phiếu kiểm nghiệm"})
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT
    page = login(producer_user).get(reverse("products:product", args=[product.pk])).content.decode()
    assert "Bổ sung phiếu kiểm nghiệm" in page and "Hồ sơ được trả lại" in page


def test_staff_accept_a_dossier_into_a_round(with_document, login, staff_user, make_round):
    client, product, _document = with_document
    product.description = "Mô tả"
    product.save()
    client.post(reverse("products:submit", args=[product.pk]))
    round_ = make_round(number=5, products=0, starts_on=datetime.date(2026, 10, 1))
    login(staff_user).post(reverse("products:accept", args=[product.pk]), {"round": round_.pk})
    product.refresh_from_db()
    assert product.status == ProductStatus.IN_EVALUATION
    assert round_.enrolments.get().product == product
    assert product.dossier_events.last().kind == "accepted"


def test_only_the_producer_submits_and_only_staff_review(login, official_user, staff_user, other_staff_user,
                                                        draft_product, producer_user):
    assert login(staff_user).post(reverse("products:submit", args=[draft_product.pk])).status_code == 403
    assert login(producer_user).get(reverse("products:queue")).status_code == 403
    assert login(official_user).get(reverse("products:queue")).status_code == 403
    assert login(other_staff_user).post(reverse("products:return", args=[draft_product.pk]),
                                        {"comment": "x"}).status_code == 404


def pdf_with(add):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    add(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("content, message", [
    (pdf_with(lambda w: w.add_open_action(JavaScript("app.alert(1)"))),
     "Tệp PDF có chứa mã JavaScript hoặc hành động tự chạy"),
    (pdf_with(lambda w: w.add_attachment("mo-ta.exe", b"MZ")), "Tệp PDF có chứa tệp khác đính kèm bên trong"),
])
def test_dossier_pdf_with_javascript_or_embedded_files_is_refused_with_a_message(with_document, content, message):
    client, product, document = with_document
    body = upload(client, product, "ho-so.pdf", content).content.decode()
    assert message in body
    assert list(product.documents.all()) == [document]


def test_dossier_file_is_not_stored_by_caches(with_document):
    client, product, document = with_document
    response = client.get(reverse("products:document", args=[product.pk, document.pk]))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
