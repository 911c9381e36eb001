"""Stored PDFs concatenated into one, streamed: every page as it was, in order, in a PDF that reads strictly."""

import io
import unicodedata

import pytest
from pypdf import PdfReader, PdfWriter

from certificates.merging import concatenate
from certificates.models import Certificate
from certificates.rendering import render_each


def texts(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def merged(*pdfs) -> bytes:
    out = io.BytesIO()
    concatenate(pdfs, out, title="Giấy chứng nhận sản phẩm OCOP")
    return out.getvalue()


@pytest.fixture
def singles(decided_round):
    return render_each(Certificate.objects.order_by("sequence"))


def test_concatenation_keeps_every_page_in_order_with_its_fonts_and_images(singles):
    first, second = singles
    pdf = merged(first, second, first)
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == reader.trailer["/Root"]["/Pages"]["/Count"] == 3
    assert texts(pdf) == texts(first) + texts(second) + texts(first)
    assert reader.metadata.title == "Giấy chứng nhận sản phẩm OCOP"
    for page, single in zip(reader.pages, [first, second, first], strict=True):
        original = PdfReader(io.BytesIO(single)).pages[0]
        assert page["/Parent"].get_object() == reader.trailer["/Root"]["/Pages"].get_object()
        assert sorted(page["/Resources"]["/Font"]) == sorted(original["/Resources"]["/Font"])
        assert [image.data for image in page.images] == [image.data for image in original.images]  # as they were
        assert page.mediabox == original.mediabox


def test_a_pdf_with_a_classic_cross_reference_table_is_read_too(singles):
    classic = io.BytesIO()
    writer = PdfWriter()
    writer.append(io.BytesIO(singles[1]))
    writer.write(classic)  # pypdf writes a classic table, no object streams
    assert b"\nxref\n" in classic.getvalue()
    assert texts(merged(singles[0], classic.getvalue())) == texts(singles[0]) + texts(singles[1])


def test_what_is_not_a_plain_pdf_is_refused(singles):
    updated = io.BytesIO()
    writer = PdfWriter(io.BytesIO(singles[0]), incremental=True)
    writer.add_metadata({"/Subject": "sửa"})
    writer.write(updated)  # an incremental update: a second cross-reference section after the first
    for pdf in [b"<html>not a pdf</html>", updated.getvalue()]:
        with pytest.raises(ValueError):
            merged(singles[1], pdf)
    with pytest.raises(ValueError):
        merged()
