"""Each certificate's PDF, rendered once and kept: a certificate is a legal document that never changes.

- It is rendered when the certificate is issued (a task after commit, services.queue_pdf_rendering), stored in the
  private storage with its SHA-256 on the row, and served from there (views.CertificatePdfView).
- It is rendered again only when the certificate is revoked or superseded: the new file carries the watermark
  ("ĐÃ THU HỒI", "ĐÃ ĐƯỢC THAY THẾ"), the old one is deleted. `pdf_watermark` records which watermark the stored
  file carries, so a file that no longer fits the certificate's state is never served.
- A file is stored by a conditional update (compare-and-swap on the stored name, for a state printed with the
  same watermark): two workers rendering the same certificate store one file, and a rendering overtaken by a
  revocation stores nothing (the revocation queued its own rendering).
- A batch is a merge of stored files (`write_merged`, certificates.merging): their objects copied as they are,
  one file at a time, straight to the output: no rendering, no decoding of the pages' content, and memory that
  does not grow with the batch.
- A stored file that is missing (never rendered, or lost) is rendered when it is asked for, and stored then.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db.models import F, Q, QuerySet

from certificates.enums import WATERMARKS, CertificateState
from certificates.merging import concatenate
from certificates.models import Certificate
from certificates.rendering import BATCH_CHUNK, render_each
from ocop.public_url import serving_at

BATCH_TITLE = "Giấy chứng nhận sản phẩm OCOP"


def watermark_of(certificate) -> str:
    """The watermark its PDF carries: its state when revoked or superseded, none ("") when valid or expired."""
    return certificate.state if certificate.state in WATERMARKS else ""


def _states_printed_with(watermark):
    return [watermark] if watermark else [s for s in CertificateState.values if s not in WATERMARKS]


def has_current_pdf(certificate) -> bool:
    return bool(certificate.pdf) and certificate.pdf_watermark == watermark_of(certificate)


def without_current_pdf(certificates: QuerySet) -> QuerySet:
    """Those whose stored PDF is missing or carries another watermark than their state's (SQL twin of
    `has_current_pdf`)."""
    marked = Q(state__in=list(WATERMARKS))
    return certificates.filter(Q(pdf="") | (marked & ~Q(pdf_watermark=F("state"))) | (~marked & ~Q(pdf_watermark="")))


def _file_name(certificate, digest):
    return f"certificates/pdf/{certificate.year}/{certificate.number}-{digest[:16]}.pdf"


def _saved(storage, name, data, digest):
    """The name `data` is stored under: `name` when that file already holds these bytes (the same certificate
    rendered again gives the same bytes), else the name the storage gives the new file."""
    if storage.exists(name):
        with storage.open(name, "rb") as existing:
            if hashlib.sha256(existing.read()).hexdigest() == digest:
                return name
    return storage.save(name, ContentFile(data))


def _store(certificate, data) -> bool:
    """Keep `data` as the certificate's PDF, unless the row changed since it was read (then the row wins, and
    `certificate` is updated from it). True when stored."""
    storage = certificate.pdf.storage
    digest, watermark, seen = hashlib.sha256(data).hexdigest(), watermark_of(certificate), certificate.pdf.name or ""
    name = _saved(storage, _file_name(certificate, digest), data, digest)
    stored = Certificate.objects.filter(pk=certificate.pk, pdf=seen, state__in=_states_printed_with(watermark)).update(
        pdf=name, pdf_sha256=digest, pdf_watermark=watermark)
    if stored:
        if seen and seen != name:
            storage.delete(seen)  # the file of its former state: never served again
        certificate.pdf.name, certificate.pdf_sha256, certificate.pdf_watermark = name, digest, watermark
        return True
    row = Certificate.objects.values("pdf", "pdf_sha256", "pdf_watermark", "state").get(pk=certificate.pk)
    if row["pdf"] != name:
        storage.delete(name)
    certificate.pdf.name, certificate.pdf_sha256 = row["pdf"], row["pdf_sha256"]
    certificate.pdf_watermark, certificate.state = row["pdf_watermark"], row["state"]
    return False


def store_pdfs(certificates, progress=None) -> int:
    """Render and store the PDFs of `certificates`, BATCH_CHUNK at a time; `progress(done, total)` after each
    step. Returns how many were stored."""
    certificates = list(certificates)
    stored = 0
    for start in range(0, len(certificates), BATCH_CHUNK):
        chunk = certificates[start:start + BATCH_CHUNK]
        stored += sum(_store(certificate, data) for certificate, data in zip(chunk, render_each(chunk), strict=True))
        if progress:
            progress(start + len(chunk), len(certificates))
    return stored


def store_missing_pdfs(certificates: QuerySet, public_url="") -> int:
    """Render and store the PDFs missing or out of date among `certificates` (the task behind
    services.queue_pdf_rendering), with QR codes to `public_url` (the address of the request that issued them)."""
    with serving_at(public_url):
        return store_pdfs(without_current_pdf(certificates).order_by("pk"))


def open_pdf(certificate):
    """The certificate's PDF as an open binary file: the stored one; rendered and stored first when missing or
    out of date."""
    if has_current_pdf(certificate):
        try:
            return certificate.pdf.storage.open(certificate.pdf.name, "rb")
        except FileNotFoundError:
            pass  # lost from the storage: rendered again, as if never stored
    data = render_each([certificate])[0]
    _store(certificate, data)
    return ContentFile(data, name=f"{certificate.number}.pdf")


def pdf_bytes(certificate) -> bytes:
    with open_pdf(certificate) as pdf:
        return pdf.read()


def write_merged(certificates, out, progress=None) -> int:
    """The certificates' PDFs, in the given order, as one PDF written to `out` (a binary file) as it is made: one
    stored file read at a time, rendering only those not stored; `progress(done, total)` after each one. Returns
    the number of pages."""
    certificates = list(certificates)
    if not certificates:
        raise ValueError("no certificate to merge")
    return concatenate((pdf_bytes(c) for c in certificates), out, title=BATCH_TITLE,
                       progress=progress and (lambda done: progress(done, len(certificates))))
