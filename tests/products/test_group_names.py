"""The classification's legal Vietnamese names show as stored in Vietnamese and in English in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from products.group_names import NAMES, display_name
from products.models import ProductGroup


def test_every_stored_classification_name_has_an_english_rendering(db):
    stored = set(ProductGroup.objects.values_list("name", flat=True))
    stored |= set(ProductGroup.objects.values_list("sector", flat=True))
    stored |= set(ProductGroup.objects.exclude(category="").values_list("category", flat=True))
    assert stored - set(NAMES) == set()


@pytest.mark.parametrize("stored", sorted(NAMES))
def test_a_classification_name_is_the_legal_one_in_vietnamese_and_english_in_english(stored):
    with translation.override("vi"):
        assert display_name(stored) == stored
    with translation.override("en"):
        english = display_name(stored)
    assert english != stored and (english.isascii() or "…" in english)


def test_a_name_added_in_the_back_office_shows_as_stored():
    with translation.override("en"):
        assert display_name("Nhóm mới") == "Nhóm mới"


def test_defect_12_in_english_product_groups_periods_and_stars_are_english(client, login, decided_round,
                                                                          staff_user):
    certificate = Certificate.objects.order_by("sequence").first()
    product = certificate.product
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    public = client.get(reverse("products:detail", args=[product.pk])).content.decode()
    assert "Fresh and processed tea — Food" in public and "Chè tươi, chế biến" not in public
    verify = client.get(certificate.get_absolute_url()).content.decode()
    assert "(4 stars)" in verify and " sao)" not in verify
    login(staff_user)
    round_page = client.get(decided_round.get_absolute_url()).content.decode()
    assert "Decision 1048/QĐ-TTg (2019 – 02/2023)" in round_page and "(2019 – 02/2023)" in round_page
    assert "QĐ 1048/QĐ-TTg (2019 – 02/2023)" not in round_page
    form = client.get(reverse("products:edit", args=[product.pk])).content.decode()
    assert "Food › Tea › Fresh tea and processed tea" in form


def test_in_vietnamese_they_stay_the_legal_names(client, decided_round):
    certificate = Certificate.objects.order_by("sequence").first()
    public = client.get(reverse("products:detail", args=[certificate.product.pk])).content.decode()
    assert "Chè tươi, chế biến — Thực phẩm" in public
    assert "(4 sao)" in client.get(certificate.get_absolute_url()).content.decode()
