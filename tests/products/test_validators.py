"""Upload limits are stated plainly: a file too big shows its real size against the limit, an image with too
many pixels says so (with the limit) rather than "not a valid image"."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from products.validators import validate_dossier_file, validate_photo

MB = 1024 * 1024


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width, height):
    """A small PNG whose header claims width × height pixels (what a decompression bomb looks like)."""
    data = bytearray(png((1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def refusal(validator, upload):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validator(upload)
    return refused.value


def test_defect_6_a_photo_just_over_the_limit_does_not_read_as_equal_to_it(settings):
    settings.OCOP_PHOTO_MAX_BYTES = 5 * MB
    upload = SimpleUploadedFile("anh.png", png() + b"\0" * (5 * MB + 42_000), content_type="image/png")
    error = refusal(validate_photo, upload)
    assert error.messages == ["Ảnh có dung lượng 5,1\xa0MB, vượt quá mức lớn nhất được phép là 5\xa0MB."]


def test_a_photo_one_byte_over_the_limit_still_reads_as_over_it(settings):
    settings.OCOP_PHOTO_MAX_BYTES = 5 * MB
    upload = SimpleUploadedFile("anh.png", b"\0" * (5 * MB + 1), content_type="image/png")
    assert refusal(validate_photo, upload).messages == [
        "Ảnh có dung lượng 5,1\xa0MB, vượt quá mức lớn nhất được phép là 5\xa0MB."]


def test_defect_6_a_dossier_file_over_the_limit_shows_its_size_and_the_limit():
    upload = SimpleUploadedFile("hoso.pdf", b"%PDF-" + b"\0" * (20 * MB + 300_000) + b"%%EOF",
                                content_type="application/pdf")
    assert refusal(validate_dossier_file, upload).messages == [
        "Tệp có dung lượng 20,3\xa0MB, vượt quá mức lớn nhất được phép là 20\xa0MB."]


def test_defect_6_an_image_with_too_many_pixels_for_pillow_is_too_large_not_invalid():
    bomb = SimpleUploadedFile("bom.png", png_claiming(20_000, 10_000), content_type="image/png")  # 200 million
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb.read()))
    error = refusal(validate_photo, bomb)
    assert error.code == "photo_too_many_pixels"
    assert error.messages == ["Ảnh có quá nhiều điểm ảnh; chỉ cho phép tối đa 25 triệu điểm ảnh."]
    assert refusal(validate_dossier_file, bomb).messages == error.messages


def test_an_image_with_too_many_pixels_shows_its_size_and_the_limit(settings):
    settings.OCOP_PHOTO_MAX_PIXELS = 1_500_000
    upload = SimpleUploadedFile("anh.png", png((2000, 1000)), content_type="image/png")
    assert refusal(validate_photo, upload).messages == [
        "Ảnh có kích thước 2000 × 1000 điểm ảnh; chỉ cho phép tối đa 1,5 triệu điểm ảnh."]
