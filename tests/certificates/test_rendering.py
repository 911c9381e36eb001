"""The PDF: exact Vietnamese text, embedded fonts, a QR code that decodes to the verification URL."""

import datetime
import io
import unicodedata

import pytest
from django.core.management import call_command
from PIL import Image
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import _fetcher, long_date, render_certificates, render_each, signer_lines


@pytest.fixture
def pdf(decided_round):
    certificate = Certificate.objects.order_by("sequence").first()
    return certificate, PdfReader(io.BytesIO(render_certificates([certificate])))


def page_text(reader, index=0):
    return unicodedata.normalize("NFC", reader.pages[index].extract_text())


def test_pdf_holds_the_exact_vietnamese_text(pdf):
    certificate, reader = pdf
    text = page_text(reader)
    assert len(reader.pages) == 1
    for expected in ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "GIẤY CHỨNG NHẬN", "SẢN PHẨM OCOP", certificate.product_name,
                     certificate.producer_name, "Đạt hạng 4 sao", "Theo Quyết định số 1168/QĐ-UBND ngày 30/09/2020",
                     "của Ủy ban nhân dân tỉnh Lai Châu", "đến hết ngày 29/09/2023",
                     "Lai Châu, ngày 30 tháng 9 năm 2020", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                     "Hà Trọng Hải", "Số: OCOP-12-2020-0001"]:
        assert expected in text, expected


def test_pdf_is_a4_landscape_with_its_fonts_embedded(pdf):
    _certificate, reader = pdf
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    fonts = {}
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())
    assert all("OCOP-Serif" in name for name in fonts)


def test_qr_code_decodes_to_the_verification_url(pdf):
    zxingcpp = pytest.importorskip("zxingcpp")

    certificate, reader = pdf
    images = [img.image for img in reader.pages[0].images]
    decoded = []
    for image in images:
        big = image.convert("L").resize((image.width * 8, image.height * 8), Image.NEAREST)
        decoded += [r.text for r in zxingcpp.read_barcodes(big)]
    assert decoded == ["http://127.0.0.1:8000/verify/OCOP-12-2020-0001/"]
    assert certificate.verification_url() == decoded[0]


def test_the_fetcher_refuses_anything_but_data_and_our_fonts():
    fetcher = _fetcher()
    for url in ["http://example.com/x.png", "file:///etc/passwd", "https://evil.test/font.ttf"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_administrative_dates_and_signer_block():
    assert long_date(datetime.date(2020, 2, 5)) == "ngày 05 tháng 02 năm 2020"
    assert long_date(datetime.date(2020, 12, 13)) == "ngày 13 tháng 12 năm 2020"
    assert signer_lines("Chủ tịch") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_the_batch_for_lai_chau_2020_has_47_pages_in_the_decisions_order(db, tmp_path, capsys):
    call_command("load_demo", "--no-logins")
    output = tmp_path / "lai-chau-2020.pdf"
    call_command("print_certificates", "--province", "Lai Châu", "--year", "2020", "--output", str(output))
    reader = PdfReader(output)
    assert len(reader.pages) == 47
    numbers = [line.split("Số: ")[1].split()[0] for line in (page_text(reader, i) for i in range(47))
               for line in line.splitlines() if line.startswith("Số: ")]
    assert numbers == [f"OCOP-12-2020-{n:04d}" for n in range(1, 48)]
    expected = list(Certificate.objects.order_by("decision_date", "position").values_list("product_name", flat=True))
    assert [page_text(reader, i).count(expected[i]) >= 1 for i in range(47)] == [True] * 47
    assert "47 giấy chứng nhận" in capsys.readouterr().out


def test_each_certificate_laid_out_together_is_the_pdf_of_that_certificate_alone(decided_round):
    """The stored PDFs are rendered a chunk at a time: each is byte for byte the certificate rendered alone."""
    certificates = list(Certificate.objects.order_by("sequence"))
    assert render_each(certificates) == [render_certificates([c]) for c in certificates]


def test_render_pdf_lays_out_any_html_with_our_fonts_nfc_text_and_the_restricted_fetcher():
    from certificates.rendering import FONT_DIR, render_pdf  # noqa: PLC0415 — the function this test is about

    fonts = FONT_DIR.resolve().as_uri()
    html = ('<style>@font-face {{ font-family: "OCOP Serif"; src: url("{}/LiberationSerif-Regular.ttf"); }}'
            ' body {{ font-family: "OCOP Serif"; }}</style><p>{}</p>').format(fonts, unicodedata.normalize(
                "NFD", "Báo cáo tiến độ Lai Châu"))
    reader = PdfReader(io.BytesIO(render_pdf(html)))
    assert "Báo cáo tiến độ Lai Châu" in reader.pages[0].extract_text()  # NFC in the PDF, not only once read
    font = next(iter(reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    assert "OCOP-Serif" in str(font["/BaseFont"])
    from weasyprint.urls import FatalURLFetchingError  # noqa: PLC0415 — WeasyPrint is heavy: loaded here only

    with pytest.raises(FatalURLFetchingError, match="file:///etc/passwd"):  # the render stops: nothing else is loaded
        render_pdf('<img src="file:///etc/passwd">')
