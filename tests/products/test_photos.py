"""Photo uploads: refused with a clear Vietnamese message, and the previous photo is kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from products.models import Product


def image_file(name="anh.png", size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def with_photo(login, staff_user, product):
    client = login(staff_user)
    url = reverse("products:edit", args=[product.pk])
    response = client.post(url, {"version": product.version, "name": product.name, "group": product.group_id,
                                 "photo": image_file()})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.photo.name.startswith("products/photos/") and product.photo.name.endswith(".png")
    return client, url, product


def post_photo(client, url, product, upload):
    return client.post(url, {"version": product.version, "name": "Tên đổi", "group": product.group_id,
                             "photo": upload},
                       HTTP_ACCEPT_LANGUAGE="vi")


def assert_refused_and_kept(response, product, previous_photo, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    product.refresh_from_db()
    assert product.photo.name == previous_photo
    assert product.name != "Tên đổi"
    assert product.photo.storage.exists(previous_photo)


def test_photo_is_stored_under_an_unguessable_name(with_photo):
    _client, _url, product = with_photo
    assert "anh" not in product.photo.name
    assert len(product.photo.name.rsplit("/", 1)[1]) == 32 + len(".png")


def test_not_an_image_is_refused(with_photo):
    client, url, product = with_photo
    previous = product.photo.name
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 this is not a picture", content_type="image/jpeg")
    assert_refused_and_kept(post_photo(client, url, product, fake), product, previous,
                            "Tệp không phải là ảnh hợp lệ")


@override_settings(OCOP_PHOTO_MAX_BYTES=1000)
def test_too_large_a_file_is_refused(with_photo):
    client, url, product = with_photo
    previous = product.photo.name
    big = SimpleUploadedFile("to.png", b"x" * 1001, content_type="image/png")
    assert_refused_and_kept(post_photo(client, url, product, big), product, previous, "lớn nhất được phép")


def test_too_many_pixels_is_refused(with_photo, settings):
    client, url, product = with_photo
    previous = product.photo.name
    settings.OCOP_PHOTO_MAX_PIXELS = 1_000_000
    bomb = image_file("bom.png", size=(2000, 1000))  # 2 million pixels of one colour: a tiny file
    assert bomb.size < 50_000
    assert_refused_and_kept(post_photo(client, url, product, bomb), product, previous, "triệu điểm ảnh")


def test_gif_is_refused(with_photo):
    client, url, product = with_photo
    previous = product.photo.name
    assert_refused_and_kept(post_photo(client, url, product, image_file("a.gif", fmt="GIF")), product, previous,
                            "Chỉ chấp nhận ảnh JPEG, PNG hoặc WebP")


def test_the_admin_refuses_a_bad_photo_too(login, staff_user, with_photo):
    client, _url, product = with_photo
    previous = product.photo.name
    response = client.post(
        reverse("admin:products_product_change", args=[product.pk]),
        {"producer": product.producer_id, "name": "Tên đổi", "group": product.group_id,
         "photo": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")},
    )
    assert_refused_and_kept(response, product, previous, "Tệp không phải là ảnh hợp lệ")
    assert Product.objects.get(pk=product.pk).photo.name == previous


@pytest.mark.parametrize("name, fmt, suffix", [("anh.jpg", "PNG", ".png"), ("anh.png", "WEBP", ".webp"),
                                               ("anh.JPEG", "JPEG", ".jpg")])
def test_photo_stored_extension_matches_its_detected_type(with_photo, name, fmt, suffix):
    client, url, product = with_photo
    response = client.post(url, {"version": product.version, "name": product.name, "group": product.group_id,
                                 "photo": image_file(name, fmt=fmt)})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.photo.name.endswith(suffix) and len(product.photo.name.rsplit("/", 1)[1]) == 32 + len(suffix)
    with Image.open(product.photo.path) as stored:
        assert stored.format == fmt
