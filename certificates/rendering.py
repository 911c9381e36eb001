"""Certificates as PDF, with WeasyPrint behind one small function.

- one HTML document for any number of certificates (a batch shares fonts, styles and images);
- fonts shipped in static/fonts and embedded; nothing is fetched but those files and data: URIs;
- QR codes and stars inlined; text NFC-normalised; always rendered in Vietnamese.
"""

import base64
import gc
import io
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image, ImageDraw

from certificates.enums import WATERMARKS

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
BATCH_CHUNK = 16  # certificates rendered per step of a batch (progress is reported between steps)


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def long_date(day):
    """"ngày 05 tháng 02 năm 2020": day and month written with two digits below 10 and 3 (Decree 30/2020)."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def signer_lines(title, issuer="ỦY BAN NHÂN DÂN"):
    """"KT. Chủ tịch – Phó Chủ tịch" → ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]: a People's
    Committee signs collectively ("TM."); a ministry's minister signs in person ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG")."""
    parts = [p.strip().upper() for p in title.replace("—", "–").replace(" - ", " – ").split("–") if p.strip()]
    collective = ["TM. ỦY BAN NHÂN DÂN"] if issuer.startswith("ỦY BAN NHÂN DÂN") else []
    return [*collective, *parts]


STAR_POINTS = [(12, 1.5), (15.1, 8.4), (22.6, 9.2), (17, 14.3), (18.6, 21.7), (12, 17.9), (5.4, 21.7), (7, 14.3),
               (1.4, 9.2), (8.9, 8.4)]


@lru_cache(maxsize=8)
def stars_data_uri(count):
    """The stars drawn as one PNG per star count (a raster image is embedded once and shared by every page
    of a batch; an SVG would be redrawn on each page)."""
    scale = 20  # 24-unit star → 480 px, drawn large and kept: crisp at print size (about 11 mm)
    image = Image.new("RGBA", (28 * count * scale, 24 * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for i in range(count):
        points = [((x + 2 + 28 * i) * scale, y * scale) for x, y in STAR_POINTS]
        draw.polygon(points, fill=(224, 168, 0, 255), outline=(164, 22, 26, 255), width=int(0.8 * scale))
    image = image.resize((image.width // 4, image.height // 4), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@lru_cache(maxsize=4096)
def qr_data_uri(url):
    return segno.make(url, error="m").png_data_uri(scale=1, border=2)


@lru_cache(maxsize=1)
def _fetcher():
    """Only data: URIs and our own font files: no network, no other local file (a blocked URL stops the
    render, so a certificate never prints without its font)."""
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 — WeasyPrint is heavy: loaded on the first render

    class CertificateFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://"):]).resolve()
                if path.parent != FONT_DIR.resolve() or path.suffix != ".ttf":
                    raise ValueError(f"blocked file in a certificate: {url[:80]}")
            return super().fetch(url, headers)

    return CertificateFetcher(allowed_protocols={"data", "file"}, fail_on_errors=True)


def _context(certificate):
    return {
        "c": certificate,
        "text": {k: _nfc(getattr(certificate, k)) for k in (
            "number", "product_name", "product_group", "producer_name", "producer_address", "issuer",
            "issuing_body", "place", "decision_number", "signer_name")},
        "stars": stars_data_uri(certificate.stars),
        "stars_width": f"{certificate.stars * 11 * 28 / 24:.1f}mm",
        "qr": qr_data_uri(certificate.verification_url()),
        "verify_url": certificate.verification_url(),
        "place_date": f"{_nfc(certificate.place)}, {long_date(certificate.decision_date)}",
        "issuer_lines": _nfc(certificate.issuer).split("\n"),
        "decision_date": certificate.decision_date.strftime("%d/%m/%Y"),
        "expires_on": certificate.expires_on.strftime("%d/%m/%Y"),
        "signer_block": "\n".join(signer_lines(_nfc(certificate.signer_title), certificate.issuer)),
        "void": WATERMARKS.get(certificate.state, ""),
    }


def certificates_html(certificates):
    with translation.override("vi"):
        return render_to_string("certificates/certificate.html", {
            "font_dir": FONT_DIR.resolve().as_uri(), "pages": [_context(c) for c in certificates]})


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 — WeasyPrint is heavy: loaded on the first render

    return FontConfiguration()


def lay_out(html):
    """The WeasyPrint document (pages laid out, not yet written) of an HTML string, NFC-normalised, with the
    restricted fetcher (data: URIs and static/fonts only) and the shared font configuration. Relative URLs resolve
    in static/fonts."""
    from weasyprint import HTML  # noqa: PLC0415 — WeasyPrint is heavy: loaded on the first render

    return HTML(string=_nfc(html), url_fetcher=_fetcher(), base_url=str(FONT_DIR)).render(font_config=_font_config())


def render_pdf(html) -> bytes:
    """An HTML string as PDF bytes, laid out as `lay_out` does (the certificates' fetcher and fonts), with the
    cyclic collector paused for the render. For any printable page of the registry (e.g. a plan's report)."""
    with _collector_paused():
        return lay_out(html).write_pdf()


def _render(certificates):
    return lay_out(certificates_html(certificates))


@contextmanager
def _collector_paused():
    """WeasyPrint builds many short-lived objects; the cyclic collector's passes over them cost about a
    quarter of a batch's time. Pause it for one render; it resumes (and catches up) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_certificates(certificates, progress=None) -> bytes:
    """One PDF, one A4 landscape page per certificate, in the given order.

    A batch is rendered in steps of BATCH_CHUNK so `progress(done, total)` can be reported; the pages of all
    steps are then written as one document, so fonts and images are embedded once."""
    certificates = list(certificates)
    if not certificates:
        raise ValueError("no certificate to render")
    with _collector_paused():
        documents, done = [], 0
        for start in range(0, len(certificates), BATCH_CHUNK):
            chunk = certificates[start:start + BATCH_CHUNK]
            documents.append(_render(chunk))
            done += len(chunk)
            if progress:
                progress(done, len(certificates))
        pages = [page for document in documents for page in document.pages]
        return documents[0].copy(pages).write_pdf()


def render_each(certificates) -> list[bytes]:
    """One PDF per certificate, each byte for byte what `render_certificates([certificate])` gives, laid out
    together (one HTML document for the lot: the fonts, styles and images are loaded once). For the stored PDFs
    (certificates.documents), rendered BATCH_CHUNK at a time."""
    certificates = list(certificates)
    if not certificates:
        return []
    with _collector_paused():
        document = _render(certificates)
        if len(document.pages) != len(certificates):
            raise ValueError(f"{len(certificates)} certificates laid out on {len(document.pages)} pages")
        return [document.copy([page]).write_pdf() for page in document.pages]
