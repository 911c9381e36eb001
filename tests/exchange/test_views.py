import re

import pytest
from django.urls import reverse

from evaluation.models import Score
from exchange.models import ImportBatch
from tests.exchange.conftest import round_one_rows, xlsx


def upload(client, round_, data, name="diem.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415 — test helper
    return client.post(reverse("exchange:scores_upload", args=[round_.pk]),
                       {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_confirm(empty_round_one, staff_user, login):
    client = login(staff_user)
    page = client.get(empty_round_one.get_absolute_url())
    assert reverse("exchange:scores_upload", args=[empty_round_one.pk]) in page.text
    response = upload(client, empty_round_one, xlsx(round_one_rows()))
    assert response.status_code == 302
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert "161" in preview.text and not Score.objects.exists()  # 23 × 7 rows shown, nothing saved yet
    confirmed = client.post(response.url)
    assert confirmed.status_code == 302
    assert Score.objects.count() == 23 * 7 * 3 and ImportBatch.objects.count() == 1


def test_preview_lists_every_error_and_confirm_saves_nothing(empty_round_one, staff_user, login):
    rows = round_one_rows()
    rows[3][5], rows[10][4], rows[20][7] = "abc", "Người lạ", 99
    client = login(staff_user)
    response = upload(client, empty_round_one, xlsx(rows))
    preview = client.get(response.url)
    assert len(re.findall(r'<tr class="error">', preview.text)) == 3
    assert "Xác nhận" not in preview.text
    client.post(response.url)
    assert not Score.objects.exists()


def test_template_download(empty_round_one, staff_user, login):
    response = login(staff_user).get(reverse("exchange:scores_template", args=[empty_round_one.pk]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


@pytest.mark.parametrize("who", ["producer_user", "official_user", None])
def test_only_staff_of_the_province(empty_round_one, who, request, client, login):
    if who:
        client = login(request.getfixturevalue(who))
    for name in ("exchange:scores_upload", "exchange:scores_template"):
        response = client.get(reverse(name, args=[empty_round_one.pk]))
        assert response.status_code in (302, 403)
        if who:
            assert response.status_code == 403


def test_staff_of_another_province_gets_404(empty_round_one, other_staff_user, login):
    client = login(other_staff_user)
    assert client.get(reverse("exchange:scores_upload", args=[empty_round_one.pk])).status_code == 404
    data = xlsx(round_one_rows())
    assert upload(client, empty_round_one, data).status_code == 404
    assert not Score.objects.exists()


def test_unknown_upload_is_404(empty_round_one, staff_user, login):
    url = reverse("exchange:scores_preview", args=[empty_round_one.pk, "0" * 64])
    assert login(staff_user).get(url).status_code == 404
    assert login(staff_user).get(url.replace("0" * 64, "x")).status_code == 404


def test_registry_upload_preview_confirm(db, staff_user, login):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415 — test helper

    from exchange.importing.registry import COLUMNS  # noqa: PLC0415 — test helper
    from geo.models import Commune  # noqa: PLC0415 — test helper
    from geo.services import load_admin_units  # noqa: PLC0415 — test helper
    from products.models import Product, ProductGroup  # noqa: PLC0415 — test helper

    load_admin_units()
    commune = Commune.objects.filter(province__code=12).first()
    group = ProductGroup.objects.filter(scheme="1048").first()
    row = [1, "Chè Shan tuyết", "Hợp tác xã Chè Mới", "Bản Một", 4, "12/QĐ-UBND", "30/09/2020", "30/09/2023",
           "6299999999", "Hợp tác xã", "Lò Văn A", commune.code, commune.name, "Tỉnh Lai Châu", group.name, "1048",
           "", "Nguyễn Văn B", "Chủ tịch", "", "", ""]
    client = login(staff_user)
    assert reverse("exchange:registry_upload") in client.get("/").text
    assert client.get(reverse("exchange:registry_template")).content.startswith(b"PK")
    response = client.post(reverse("exchange:registry_upload"),
                           {"file": SimpleUploadedFile("ds.xlsx", xlsx([COLUMNS, row], title="Danh sách"))})
    preview = client.get(response.url)
    assert "mới" in preview.text and not Product.objects.exists()
    client.post(response.url)
    product = Product.objects.get()
    assert product.certificates.get().expires_on.year == 2023


@pytest.mark.parametrize("who", ["producer_user", "official_user"])
def test_registry_denied_to_other_roles(db, who, request, login):
    client = login(request.getfixturevalue(who))
    for name in ("exchange:registry_upload", "exchange:registry_template"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("exchange:registry_preview", args=["0" * 64])).status_code == 403


def test_registry_anonymous_goes_to_login(client, db):
    assert client.get(reverse("exchange:registry_upload")).status_code == 302


@pytest.mark.parametrize("rows", [8, 23 * 7])
def test_scores_preview_queries_do_not_grow(empty_round_one, staff_user, login, rows, django_assert_max_num_queries):
    client = login(staff_user)
    response = upload(client, empty_round_one, xlsx(round_one_rows()[:rows + 1]))
    with django_assert_max_num_queries(16):
        assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_registry_preview_queries_do_not_grow(db, staff_user, login, size, django_assert_max_num_queries):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415 — test helper

    from exchange.importing.registry import COLUMNS  # noqa: PLC0415 — test helper
    from geo.models import Commune  # noqa: PLC0415 — test helper
    from geo.services import load_admin_units  # noqa: PLC0415 — test helper
    from products.models import ProductGroup  # noqa: PLC0415 — test helper

    load_admin_units()
    commune = Commune.objects.filter(province__code=12).first()
    group = ProductGroup.objects.filter(scheme="1048").first()
    rows = [COLUMNS] + [
        [i, f"Sản phẩm {i}", f"Chủ thể {i}", "Bản Một", 4, "12/QĐ-UBND", "30/09/2020", "30/09/2023", f"62{i:08d}",
         "Hợp tác xã", "Lò Văn A", commune.code, commune.name, "Tỉnh Lai Châu", group.name, "1048", "", "B",
         "Chủ tịch", "", "", ""] for i in range(size)]
    client = login(staff_user)
    response = client.post(reverse("exchange:registry_upload"),
                           {"file": SimpleUploadedFile("ds.xlsx", xlsx(rows, title="Danh sách"))})
    with django_assert_max_num_queries(16):
        assert client.get(response.url).status_code == 200


def test_upload_page_of_a_decided_round_says_why(decided_round, staff_user, login):
    page = login(staff_user).get(reverse("exchange:scores_upload", args=[decided_round.pk]))
    assert "quyết định công nhận" in page.text and 'type="file"' not in page.text
