"""Upload validation shared by every form and the admin: a photo must be a real, reasonably sized image."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image, UnidentifiedImageError

from products import pdf_content

ALLOWED_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
IMAGE_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def image_suffix(upload) -> str:
    """The file extension of the image type found in the content (".jpg", ".png", ".webp"), or "" for anything
    else: a stored file's extension never claims a type its content is not."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return IMAGE_SUFFIXES.get(image.format, "")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return ""
    finally:
        upload.seek(position)


def _over_limit(size, limit):
    """`size` (over `limit`) and `limit`, both in the limit's unit, the size rounded up and the limit down to one
    decimal: a file over the limit never reads as equal to it ("5,1 MB" against "5 MB", not "5,0 MB; 5,0 MB")."""
    for unit, factor in ((_("%s MB"), 1024 * 1024), (_("%s KB"), 1024)):
        if limit >= factor:
            shown_size = Decimal(-(-size * 10 // factor)) / 10
            shown_limit = Decimal(limit * 10 // factor) / 10
            return [(unit % number_format(value)).replace(" ", "\xa0") for value in (shown_size, shown_limit)]
    return [ngettext("%(size)d byte", "%(size)d bytes", value) % {"size": value} for value in (size, limit)]


def _millions(pixels):
    return number_format(Decimal(pixels) / 1_000_000)


def validate_photo(upload, max_bytes=None) -> None:
    """Refuse anything that is not a JPEG/PNG/WebP image within the size and pixel limits.

    The pixel count is read from the header before any decoding, so a decompression bomb is
    refused without being expanded in memory.
    """
    max_bytes = max_bytes or settings.OCOP_PHOTO_MAX_BYTES
    max_pixels = settings.OCOP_PHOTO_MAX_PIXELS
    if upload.size > max_bytes:
        size, limit = _over_limit(upload.size, max_bytes)
        raise ValidationError(
            _("The photo is %(size)s, over the limit of %(max)s.") % {"size": size, "max": limit},
            code="photo_too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if kind not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG or WebP photos are accepted."), code="photo_bad_type"
                )
            if width * height > max_pixels:
                raise ValidationError(
                    _("The photo is %(w)s × %(h)s pixels; at most %(max)s million pixels are allowed.")
                    % {"w": width, "h": height, "max": _millions(max_pixels)},
                    code="photo_too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # so many pixels that Pillow refuses to open it at all
        raise ValidationError(
            _("The photo has too many pixels: at most %(max)s million pixels are allowed.")
            % {"max": _millions(max_pixels)},
            code="photo_too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The file is not a valid image. Please upload a JPEG, PNG or WebP photo."),
            code="photo_not_image",
        ) from None
    finally:
        upload.seek(position)


DOSSIER_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
PDF_REFUSALS = {  # in the order they are reported
    pdf_content.UNREADABLE: ("file_bad_pdf", gettext_lazy("The PDF file is incomplete or damaged.")),
    pdf_content.ENCRYPTED: ("file_pdf_encrypted", gettext_lazy(
        "The PDF file is protected by a password. Upload a copy without a password.")),
    pdf_content.SCRIPT: ("file_pdf_script", gettext_lazy(
        "The PDF file contains JavaScript or actions that run by themselves, which a dossier may not carry. "
        "Print it to a new PDF (“Print” → “Save as PDF”) and upload that.")),
    pdf_content.EMBEDDED: ("file_pdf_embedded", gettext_lazy(
        "The PDF file has other files embedded in it, which a dossier may not carry. Upload each document as "
        "its own file.")),
}


def validate_pdf_content(upload) -> None:
    """Refuse a PDF that carries scripts, automatic actions or embedded files, or that cannot be looked into."""
    found = pdf_content.active_content(upload)
    for kind, (code, message) in PDF_REFUSALS.items():
        if kind in found:
            raise ValidationError(message, code=code)


def validate_dossier_file(upload) -> str:
    """A dossier file must be a PDF (by its content, not its name) or a valid photo; returns its type."""
    if upload.size > DOSSIER_MAX_BYTES:
        size, limit = _over_limit(upload.size, DOSSIER_MAX_BYTES)
        raise ValidationError(
            _("The file is %(size)s, over the limit of %(max)s.") % {"size": size, "max": limit},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    if head == PDF_MAGIC:
        if b"%%EOF" not in tail:
            raise ValidationError(_("The PDF file is incomplete or damaged."), code="file_bad_pdf")
        validate_pdf_content(upload)
        return "application/pdf"
    try:
        validate_photo(upload, max_bytes=DOSSIER_MAX_BYTES)
    except ValidationError as error:
        if error.code == "photo_not_image":
            raise ValidationError(_("Only PDF documents and JPEG, PNG or WebP photos are accepted."),
                                  code="file_bad_type") from None
        raise
    with Image.open(upload) as image:
        kind = image.format
    upload.seek(0)
    return {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[kind]
